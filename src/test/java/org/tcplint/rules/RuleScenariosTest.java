package org.tcplint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.testing.CaptureBuilder;

/**
 * Each rule fires with the exact finding (rule, frame, expected, actual) on a hand-built trace
 * whose numbers come from the RFC, and the corrected trace gives no finding of that rule.
 */
class RuleScenariosTest {
  @TempDir Path dir;

  static CaptureBuilder open3() {
    return CaptureBuilder.tcp().c("S", 500, 0).s("SA", 9000, 501).c("A", 501, 9001).done();
  }

  static FileResult check(Path dir, byte[] capture) throws IOException {
    Path f = Files.createTempFile(dir, "t", ".pcapng");
    Files.write(f, capture);
    return new Checker(new RuleLevels()).check(f, f.getFileName().toString());
  }

  static List<Finding> of(FileResult r, String rule) {
    return r.findings().stream().filter(x -> x.rule().equals(rule)).toList();
  }

  /** rule, bad trace, frame, expected, actual, good trace. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "handshake.synack-wrong-ack",
            CaptureBuilder.tcp().c("S", 500, 0).s("SA", 9000, 5001).c("A", 501, 9001).pcapng(),
            2L,
            501L,
            5001L,
            open3().pcapng()),
        Arguments.of(
            "handshake.ack-wrong-ack",
            CaptureBuilder.tcp().c("S", 500, 0).s("SA", 9000, 501).c("A", 501, 9000).pcapng(),
            3L,
            9001L,
            9000L,
            open3().pcapng()),
        Arguments.of(
            "handshake.ack-wrong-seq",
            CaptureBuilder.tcp().c("S", 500, 0).s("SA", 9000, 501).c("A", 600, 9001).pcapng(),
            3L,
            501L,
            600L,
            open3().pcapng()),
        Arguments.of(
            "handshake.reject-rst-invalid",
            CaptureBuilder.tcp().c("S", 500, 0).s("RA", 0, 500).pcapng(),
            2L,
            501L,
            500L,
            CaptureBuilder.tcp().c("S", 500, 0).s("RA", 0, 501).pcapng()),
        Arguments.of(
            "close.fin-ack-wrong",
            open3()
                .c("FA", 501, 9001)
                .s("A", 9001, 503)
                .s("FA", 9001, 502)
                .c("A", 502, 9002)
                .pcapng(),
            5L,
            502L,
            503L,
            open3()
                .c("FA", 501, 9001)
                .s("A", 9001, 502)
                .s("FA", 9001, 502)
                .c("A", 502, 9002)
                .pcapng()),
        Arguments.of(
            "close.fin-moved",
            open3().c("FA", 501, 9001).c("FA", 511, 9001).pcapng(),
            5L,
            501L,
            511L,
            open3().c("FA", 501, 9001).c("FA", 501, 9001).pcapng()),
        Arguments.of(
            "close.data-after-fin",
            open3().c("FA", 501, 9001).c("PA", 502, 9001).len(10).pcapng(),
            5L,
            501L,
            512L,
            open3().c("PA", 501, 9001).len(10).c("FA", 511, 9001).pcapng()),
        Arguments.of(
            "close.fin-wrong-seq",
            open3().c("PA", 501, 9001).len(100).c("FA", 550, 9001).pcapng(),
            5L,
            601L,
            550L,
            open3().c("PA", 501, 9001).len(100).c("FA", 601, 9001).pcapng()),
        Arguments.of(
            "close.ack-wrong-seq",
            open3()
                .c("FA", 501, 9001)
                .s("A", 9001, 502)
                .s("FA", 9001, 502)
                .c("A", 501, 9002)
                .pcapng(),
            7L,
            502L,
            501L,
            open3()
                .c("FA", 501, 9001)
                .s("A", 9001, 502)
                .s("FA", 9001, 502)
                .c("A", 502, 9002)
                .pcapng()),
        Arguments.of(
            "seq.gap",
            open3().c("PA", 501, 9001).len(10).c("PA", 611, 9001).len(10).pcapng(),
            5L,
            511L,
            611L,
            open3().c("PA", 501, 9001).len(10).c("PA", 511, 9001).len(10).pcapng()),
        Arguments.of(
            "seq.before-isn",
            open3().c("A", 400, 9001).pcapng(),
            4L,
            500L,
            400L,
            open3().c("A", 501, 9001).pcapng()),
        Arguments.of(
            "pkt.ack-field-without-flag",
            CaptureBuilder.tcp().c("S", 500, 77).s("SA", 9000, 501).c("A", 501, 9001).pcapng(),
            1L,
            0L,
            77L,
            open3().pcapng()),
        Arguments.of(
            "handshake.simultaneous-open-numbers",
            CaptureBuilder.tcp()
                .c("S", 500, 0)
                .s("S", 9000, 0)
                .c("SA", 500, 9001)
                .s("SA", 9000, 502)
                .pcapng(),
            4L,
            501L,
            502L,
            CaptureBuilder.tcp()
                .c("S", 500, 0)
                .s("S", 9000, 0)
                .c("SA", 500, 9001)
                .s("SA", 9000, 501)
                .pcapng()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ruleFiresWithExactFindingAndCorrectTraceIsSilent(
      String rule, byte[] bad, long frame, long expected, long actual, byte[] good)
      throws IOException {
    List<Finding> found = of(check(dir, bad), rule);
    assertEquals(1, found.size(), rule + " findings: " + found);
    Finding f = found.get(0);
    assertEquals(frame, f.frame());
    assertEquals(expected, f.expected());
    assertEquals(actual, f.actual());
    assertEquals(Catalog.get(rule).severity(), f.severity());
    assertTrue(of(check(dir, good), rule).isEmpty(), rule + " fires on the correct trace");
  }

  /** rule, bad trace, frame, good trace (rules that compare no numbers). */
  static Stream<Arguments> flagCases() {
    return Stream.of(
        Arguments.of(
            "pkt.syn-fin",
            CaptureBuilder.tcp().c("SF", 500, 0).pcapng(),
            1L,
            CaptureBuilder.tcp().c("S", 500, 0).pcapng()),
        Arguments.of(
            "pkt.syn-rst",
            CaptureBuilder.tcp().c("SR", 500, 0).pcapng(),
            1L,
            CaptureBuilder.tcp().c("S", 500, 0).pcapng()),
        Arguments.of(
            "pkt.null-flags",
            open3().c("", 501, 0).len(5).pcapng(),
            4L,
            open3().c("PA", 501, 9001).len(5).pcapng()),
        Arguments.of(
            "pkt.missing-ack",
            open3().c("P", 501, 0).len(5).pcapng(),
            4L,
            open3().c("PA", 501, 9001).len(5).pcapng()),
        Arguments.of(
            "opt.mss-on-non-syn",
            open3().c("A", 501, 9001).mss(1460).pcapng(),
            4L,
            open3().c("A", 501, 9001).pcapng()),
        Arguments.of(
            "opt.wscale-unsolicited",
            CaptureBuilder.tcp().c("S", 500, 0).s("SA", 9000, 501).ws(7).c("A", 501, 9001).pcapng(),
            2L,
            CaptureBuilder.tcp()
                .c("S", 500, 0)
                .ws(7)
                .s("SA", 9000, 501)
                .ws(7)
                .c("A", 501, 9001)
                .pcapng()),
        Arguments.of(
            "handshake.synack-wrong-direction",
            CaptureBuilder.tcp().c("S", 500, 0).c("SA", 500, 1).pcapng(),
            2L,
            open3().pcapng()),
        Arguments.of(
            "handshake.syn-retransmission",
            CaptureBuilder.tcp()
                .c("S", 500, 0)
                .c("S", 500, 0)
                .s("SA", 9000, 501)
                .c("A", 501, 9001)
                .pcapng(),
            2L,
            open3().pcapng()),
        Arguments.of(
            "handshake.syn-in-established", open3().c("S", 500, 0).pcapng(), 4L, open3().pcapng()),
        Arguments.of(
            "handshake.no-final-ack",
            CaptureBuilder.tcp().c("S", 500, 0).s("SA", 9000, 501).pcapng(),
            2L,
            open3().pcapng()),
        Arguments.of(
            "handshake.no-response",
            CaptureBuilder.tcp().c("S", 500, 0).pcapng(),
            1L,
            open3().pcapng()),
        Arguments.of(
            "handshake.rejected",
            CaptureBuilder.tcp().c("S", 500, 0).s("RA", 0, 501).pcapng(),
            2L,
            open3().pcapng()),
        Arguments.of(
            "handshake.midstream",
            CaptureBuilder.tcp().c("PA", 501, 9001).len(5).pcapng(),
            1L,
            open3().pcapng()),
        Arguments.of(
            "handshake.synack-without-syn",
            CaptureBuilder.tcp().s("SA", 9000, 501).c("A", 501, 9001).pcapng(),
            1L,
            open3().pcapng()),
        Arguments.of(
            "handshake.split",
            CaptureBuilder.tcp()
                .c("S", 500, 0)
                .s("S", 9000, 0)
                .c("SA", 500, 9001)
                .s("A", 9001, 501)
                .pcapng(),
            2L,
            open3().pcapng()),
        Arguments.of(
            "handshake.data-before-established",
            CaptureBuilder.tcp().c("S", 500, 0).c("PA", 501, 0).len(10).pcapng(),
            2L,
            open3().c("PA", 501, 9001).len(10).pcapng()),
        Arguments.of(
            "handshake.ack-before-synack",
            CaptureBuilder.tcp().c("S", 500, 0).s("A", 9000, 501).pcapng(),
            2L,
            open3().pcapng()),
        Arguments.of(
            "seq.retransmission",
            open3().c("PA", 501, 9001).len(10).c("PA", 501, 9001).len(10).pcapng(),
            5L,
            open3().c("PA", 501, 9001).len(10).c("PA", 511, 9001).len(10).pcapng()),
        Arguments.of(
            "ka.keepalive",
            open3().c("A", 500, 9001).pcapng(),
            4L,
            open3().c("A", 501, 9001).pcapng()),
        Arguments.of(
            "win.zero-window",
            open3().s("A", 9001, 501).win(0).pcapng(),
            4L,
            open3().s("A", 9001, 501).pcapng()),
        Arguments.of(
            "win.zero-window-probe",
            open3().s("A", 9001, 501).win(0).c("PA", 501, 9001).len(1).pcapng(),
            5L,
            open3().s("A", 9001, 501).c("PA", 501, 9001).len(1).pcapng()),
        Arguments.of(
            "rst.with-data",
            open3().c("RA", 501, 9001).len(4).pcapng(),
            4L,
            open3().c("RA", 501, 9001).pcapng()),
        Arguments.of(
            "rst.ignored",
            open3().c("RA", 501, 9001).s("PA", 9001, 501).len(5).pcapng(),
            5L,
            open3().s("PA", 9001, 501).len(5).c("RA", 501, 9006).pcapng()),
        Arguments.of(
            "close.abort",
            open3().c("RA", 501, 9001).pcapng(),
            4L,
            open3().c("FA", 501, 9001).s("FA", 9001, 502).c("A", 502, 9002).pcapng()),
        Arguments.of(
            "close.graceful-3way",
            open3().c("FA", 501, 9001).s("FA", 9001, 502).c("A", 502, 9002).pcapng(),
            6L,
            open3()
                .c("FA", 501, 9001)
                .s("A", 9001, 502)
                .s("FA", 9001, 502)
                .c("A", 502, 9002)
                .pcapng()),
        Arguments.of(
            "close.graceful-4way",
            open3()
                .c("FA", 501, 9001)
                .s("A", 9001, 502)
                .s("FA", 9001, 502)
                .c("A", 502, 9002)
                .pcapng(),
            7L,
            open3().c("FA", 501, 9001).s("FA", 9001, 502).c("A", 502, 9002).pcapng()),
        Arguments.of(
            "close.simultaneous",
            open3()
                .c("FA", 501, 9001)
                .s("FA", 9001, 501)
                .c("A", 502, 9002)
                .s("A", 9002, 502)
                .pcapng(),
            7L,
            open3().c("FA", 501, 9001).s("FA", 9001, 502).c("A", 502, 9002).pcapng()),
        Arguments.of(
            "close.half-closed-open",
            open3().c("FA", 501, 9001).s("A", 9001, 502).s("PA", 9001, 502).len(20).pcapng(),
            4L,
            open3().c("FA", 501, 9001).s("FA", 9001, 502).c("A", 502, 9002).pcapng()),
        Arguments.of(
            "close.fin-unacked",
            open3().c("FA", 501, 9001).pcapng(),
            4L,
            open3().c("FA", 501, 9001).s("A", 9001, 502).pcapng()),
        Arguments.of(
            "close.open-at-end",
            open3().pcapng(),
            3L,
            open3().c("FA", 501, 9001).s("FA", 9001, 502).c("A", 502, 9002).pcapng()),
        Arguments.of(
            "close.packets-after-close",
            open3()
                .c("FA", 501, 9001)
                .s("FA", 9001, 502)
                .c("A", 502, 9002)
                .s("PA", 9002, 502)
                .len(5)
                .pcapng(),
            7L,
            open3().c("FA", 501, 9001).s("FA", 9001, 502).c("A", 502, 9002).pcapng()),
        Arguments.of(
            "conv.port-reuse",
            open3()
                .c("FA", 501, 9001)
                .s("FA", 9001, 502)
                .c("A", 502, 9002)
                .c("S", 70000, 0)
                .pcapng(),
            7L,
            open3().c("FA", 501, 9001).s("FA", 9001, 502).c("A", 502, 9002).pcapng()),
        Arguments.of(
            "conv.reuse-while-active", open3().c("S", 70000, 0).pcapng(), 4L, open3().pcapng()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flagCases")
  void ruleFiresOnItsFrameAndCorrectTraceIsSilent(String rule, byte[] bad, long frame, byte[] good)
      throws IOException {
    List<Finding> found = of(check(dir, bad), rule);
    assertEquals(1, found.size(), rule + " findings: " + found);
    assertEquals(frame, found.get(0).frame(), rule + ": " + found.get(0));
    assertTrue(of(check(dir, good), rule).isEmpty(), rule + " fires on the correct trace");
  }

  @Test
  void legalTrafficHasNoErrorOrWarning() throws IOException {
    List<byte[]> legal =
        List.of(
            // three-way open, data both ways, four-way close
            open3()
                .c("PA", 501, 9001)
                .len(100)
                .s("A", 9001, 601)
                .s("PA", 9001, 601)
                .len(50)
                .c("A", 601, 9051)
                .c("FA", 601, 9051)
                .s("A", 9051, 602)
                .s("FA", 9051, 602)
                .c("A", 602, 9052)
                .pcapng(),
            // simultaneous open and simultaneous close
            CaptureBuilder.tcp()
                .c("S", 500, 0)
                .s("S", 9000, 0)
                .c("SA", 500, 9001)
                .s("SA", 9000, 501)
                .c("FA", 501, 9001)
                .s("FA", 9001, 501)
                .c("A", 502, 9002)
                .s("A", 9002, 502)
                .pcapng(),
            // half-close with data after the peer's FIN, then the other side closes
            open3()
                .c("FA", 501, 9001)
                .s("A", 9001, 502)
                .s("PA", 9001, 502)
                .len(300)
                .c("A", 502, 9301)
                .s("FA", 9301, 502)
                .c("A", 502, 9302)
                .pcapng(),
            // retransmissions of SYN, data and FIN; keep-alive; zero-window probe
            CaptureBuilder.tcp()
                .c("S", 500, 0)
                .c("S", 500, 0)
                .s("SA", 9000, 501)
                .c("A", 501, 9001)
                .c("PA", 501, 9001)
                .len(10)
                .c("PA", 501, 9001)
                .len(10)
                .s("A", 9001, 511)
                .win(0)
                .c("PA", 511, 9001)
                .len(1)
                .s("A", 9001, 512)
                .c("A", 511, 9001)
                .c("FA", 512, 9001)
                .c("FA", 512, 9001)
                .s("FA", 9001, 513)
                .c("A", 513, 9002)
                .pcapng(),
            // sequence numbers wrapping around 2^32
            CaptureBuilder.tcp()
                .c("S", 0xFFFFFFF0L, 0)
                .s("SA", 0xFFFFFFFFL, 0xFFFFFFF1L)
                .c("A", 0xFFFFFFF1L, 0)
                .c("PA", 0xFFFFFFF1L, 0)
                .len(100)
                .s("A", 0, 0x55L)
                .c("FA", 0x55L, 0)
                .s("FA", 0, 0x56L)
                .c("A", 0x56L, 1)
                .pcapng(),
            // port reuse after a close
            open3()
                .c("FA", 501, 9001)
                .s("FA", 9001, 502)
                .c("A", 502, 9002)
                .c("S", 80000, 0)
                .s("SA", 20000, 80001)
                .c("A", 80001, 20001)
                .pcapng(),
            // TFO: SYN with cookie and data, SYN-ACK acks the data
            CaptureBuilder.tcp()
                .c("S", 500, 0)
                .tfo(8)
                .len(20)
                .s("SA", 9000, 521)
                .c("A", 521, 9001)
                .pcapng(),
            // capture starting mid-connection
            CaptureBuilder.tcp()
                .c("PA", 1000, 7000)
                .len(10)
                .s("A", 7000, 1010)
                .c("PA", 1010, 7000)
                .len(10)
                .s("A", 7000, 1020)
                .pcapng());
    int i = 0;
    for (byte[] trace : legal) {
      FileResult r = check(dir, trace);
      List<Finding> bad =
          r.findings().stream().filter(x -> x.severity().atLeast(Severity.WARNING)).toList();
      assertTrue(bad.isEmpty(), "legal trace " + i + " has findings " + bad);
      i++;
    }
  }
}
