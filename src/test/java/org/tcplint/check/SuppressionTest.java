package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcplint.rules.Finding;
import org.tcplint.rules.Severity;

/** Which findings a suppression silences, alone and through the filter applied file by file. */
class SuppressionTest {
  private static Finding finding(String rule, int stream, long frame, String endpoints) {
    return new Finding(
        rule, Severity.ERROR, stream, frame, null, "m", null, null, null, endpoints, null, null);
  }

  private static FileResult file(String path, Finding... findings) {
    return new FileResult(path, "pcap", null, 0, 0, 0, List.of(), 0, List.of(findings), null, null);
  }

  private static final Finding GAP = finding("seq.gap", 3, 40, "10.0.0.1:1234 10.0.0.2:80");
  private static final Finding ACK = finding("handshake.synack-wrong-ack", 0, 2, "a:1 b:2");

  @Test
  void eachFieldNarrowsTheMatch() {
    assertTrue(new Suppression("seq.gap", null, null, null, null, "r").matches("x.pcap", GAP));
    assertTrue(new Suppression("seq.*", null, 3, 40L, null, "r").matches("x.pcap", GAP));
    assertFalse(new Suppression("seq.*", null, 4, null, null, "r").matches("x.pcap", GAP));
    assertFalse(new Suppression("seq.gap", null, null, 41L, null, "r").matches("x.pcap", GAP));
    assertFalse(new Suppression("handshake.*", null, null, null, null, "r").matches("x", GAP));
    assertTrue(
        new Suppression("seq.gap", null, null, null, "10.0.0.2:80", "r").matches("x.pcap", GAP));
    assertFalse(
        new Suppression("seq.gap", null, null, null, "10.0.0.2:8", "r").matches("x.pcap", GAP));
    // The glob is tried on the whole path and on the file name.
    assertTrue(
        new Suppression("seq.gap", "x.pcap", null, null, null, "r").matches("d/x.pcap", GAP));
    assertTrue(
        new Suppression("seq.gap", "d/*.pcap", null, null, null, "r").matches("d/x.pcap", GAP));
    assertFalse(new Suppression("seq.gap", "e/*", null, null, null, "r").matches("d/x.pcap", GAP));
  }

  @Test
  void theFilterRemovesAndCountsFileByFile() {
    Suppression.Filter filter =
        Suppression.filter(
            List.of(
                new Suppression("seq.gap", "seed-*.pcap", null, null, null, "r"),
                new Suppression("handshake.*", "other/*", null, null, null, "r")));
    FileResult seed = filter.apply(file("caps/seed-1.pcap", GAP, ACK, GAP));
    assertEquals(List.of(ACK), seed.findings());
    assertEquals(2, filter.removed());
    FileResult other = filter.apply(file("other/x.pcap", GAP, ACK));
    assertEquals(List.of(GAP), other.findings());
    assertEquals(3, filter.removed());
    // A file no suppression's glob matches is returned as it is.
    FileResult plain = file("caps/x.pcap", GAP, ACK);
    assertSame(plain, filter.apply(plain));
    assertEquals(3, filter.removed());
    FileResult any = file("caps/x.pcap", GAP);
    assertSame(any, Suppression.filter(List.of()).apply(any));
  }
}
