package org.tcplint.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tcplint.check.Checker;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleLevels;
import org.tcplint.testing.SharedCaptures;

/**
 * The suricata-verify captures: each stream event their {@code test.yaml} expects (directly, or
 * through the sid of a {@code stream-event:} rule in {@code test.rules}) that maps to a core rule
 * (the rules.md tables give the mapping) is reported by tcplint; where Suricata expects no event,
 * tcplint's verdict is stated and explained.
 */
class SuricataVerifyTest {

  /** test dir, capture, the Suricata event or sid named in test.yaml, tcplint rule, reported. */
  static Stream<Arguments> events() {
    return Stream.of(
        Arguments.of("security-4710-01", "input.pcap", "2210058", "rst.ignored", true),
        Arguments.of("security-4710-02", "input.pcap", "2210058", "rst.ignored", true),
        Arguments.of(
            "tcp-fastopen-10-syn-data-ignore",
            "input.pcap",
            "stream.3whs_synack_tfo_data_ignored",
            "tfo.data-not-acked",
            true),
        Arguments.of(
            "tcp-fastopen-11-reject-syn-data",
            "tlpw-tcp-tfo-data-on-syn-nack.pcap",
            "stream.3whs_synack_tfo_data_ignored",
            "tfo.data-not-acked",
            true),
        Arguments.of(
            "firewall/tcp-session-stream-out-of-window",
            "input.pcap",
            "stream.3whs_wrong_seq_wrong_ack",
            "handshake.ack-wrong-seq",
            true),
        Arguments.of(
            "firewall/tcp-session-ipv6-stream-out-of-window",
            "input.pcap",
            "stream.3whs_wrong_seq_wrong_ack",
            "handshake.ack-wrong-seq",
            true),
        // Suricata expects no reassembly_seq_gap alert (count 0) on either capture. The "-01-raw"
        // capture has no hole and tcplint agrees; the "-03-gap" capture does lose bytes before
        // the RST, and tcplint reports them as seq.gap (info): Suricata's event is off by
        // default and raised only by its reassembly engine, which stops at the RST.
        Arguments.of("tcp-rst-unacked-stream-01-raw", "input.pcap", "2210048", "seq.gap", false),
        Arguments.of("tcp-rst-unacked-stream-03-gap", "input.pcap", "2210048", "seq.gap", true));
  }

  @ParameterizedTest(name = "{0}: {2} -> {3}")
  @MethodSource("events")
  void streamEventMapsToCoreRule(
      String test, String capture, String event, String rule, boolean reported) throws IOException {
    Path dir = SharedCaptures.root().resolve("suricata-verify").resolve(test);
    String yaml = Files.readString(dir.resolve("test.yaml"));
    Path rules = dir.resolve("test.rules");
    String anchors = yaml + (Files.exists(rules) ? Files.readString(rules) : "");
    assertTrue(anchors.contains(event), test + ": test.yaml/test.rules do not name " + event);
    Set<String> found =
        new Checker(new RuleLevels())
            .check(dir.resolve(capture), capture).findings().stream()
                .map(Finding::rule)
                .collect(Collectors.toSet());
    assertEquals(reported, found.contains(rule), test + ": " + rule + " in " + found);
  }
}
