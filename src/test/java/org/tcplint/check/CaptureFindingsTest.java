package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.Severity;
import org.tcplint.testing.Testdata;

/**
 * The capture and decode findings on the {@code testdata/capture/} and {@code src/test/broken/}
 * files, with offsets worked out from the block layout (SHB 28 bytes, IDB 20, an EPB of a 54-byte
 * frame 88), and their clean twins giving none.
 */
class CaptureFindingsTest {
  private final Map<String, byte[]> files = Testdata.all();
  private final Checker checker = new Checker(new RuleLevels());

  private List<Finding> findings(String name, String rule) {
    return checker.check(files.get(name), name).findings().stream()
        .filter(f -> f.rule().equals(rule))
        .toList();
  }

  @Test
  void malformedBlockLengthIsAnErrorAtItsOffset() {
    List<Finding> f = findings("broken/malformed-block-length.pcapng", "capture.malformed");
    assertEquals(1, f.size());
    assertEquals(Severity.ERROR, f.get(0).severity());
    assertEquals(28 + 20 + 88, f.get(0).offset());
    assertEquals(2, f.get(0).frame());
    assertTrue(f.get(0).message().contains("21 is not a multiple of 4"), f.get(0).message());
    assertTrue(findings("clean-http.pcapng", "capture.malformed").isEmpty());
  }

  @Test
  void truncatedFileIsAWarningAtTheLastBlock() {
    byte[] clean = files.get("clean-http.pcapng");
    int lastBlock = clean.length - 88; // the final ACK: 54-byte frame, 88-byte EPB
    List<Finding> f = findings("broken/truncated.pcapng", "capture.truncated");
    assertEquals(1, f.size());
    assertEquals(Severity.WARNING, f.get(0).severity());
    assertEquals(lastBlock, f.get(0).offset());
    assertEquals(11, f.get(0).frame());
    assertTrue(findings("clean-http.pcapng", "capture.truncated").isEmpty());
  }

  @Test
  void snaplenCutPayloadTakesLengthFromIp() {
    List<Finding> f = findings("capture/snaplen.pcapng", "capture.snaplen");
    assertEquals(1, f.size());
    assertEquals(1, f.get(0).frame());
    assertTrue(f.get(0).message().contains("10 of 100 payload bytes"), f.get(0).message());
    assertTrue(findings("clean-http.pcapng", "capture.snaplen").isEmpty());
  }

  @Test
  void unsupportedLinkTypeIsNamedOnce() {
    List<Finding> f = findings("capture/unsupported-link.pcapng", "capture.unsupported-link");
    assertEquals(1, f.size());
    assertTrue(f.get(0).message().contains("LINKTYPE_147"), f.get(0).message());
    assertTrue(findings("clean-http.pcapng", "capture.unsupported-link").isEmpty());
  }

  @Test
  void brokenIpHeaderIsADecodeFindingAndReadingGoesOn() {
    List<Finding> f = findings("capture/decode-malformed.pcapng", "decode.malformed");
    assertEquals(1, f.size());
    assertEquals(Severity.WARNING, f.get(0).severity());
    assertEquals(28 + 20, f.get(0).offset());
    assertTrue(
        f.get(0).message().startsWith("IPv4 header length 12 is below 20 bytes (byte 14"),
        f.get(0).message());
    assertNull(checker.check(files.get("capture/decode-malformed.pcapng"), "x").error());
    assertTrue(findings("clean-http.pcapng", "decode.malformed").isEmpty());
  }
}
