package org.tcplint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.testing.CaptureBuilder;
import org.tcplint.testing.Packets;

/**
 * Checksums (IPv4 and IPv6), checksum offload, bad data offsets and port 0 where a ladder example
 * cannot say it: the exact finding, and the legal twin that gives none.
 */
class PacketChecksTest {
  private static final String C6 = "2001:db8::1";
  private static final String S6 = "2001:db8::2";

  private static FileResult check(byte[] capture) {
    return check(new RuleLevels(), capture);
  }

  private static FileResult check(RuleLevels levels, byte[] capture) {
    return new Checker(levels).check(capture, "test");
  }

  private static List<Finding> of(FileResult r, String rule) {
    return r.findings().stream().filter(f -> f.rule().equals(rule)).toList();
  }

  private static int u16(byte[] b, int o) {
    return ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF);
  }

  /** An Ethernet frame of one TCP segment with right checksums. */
  private static byte[] frame(
      String src, String dst, int sp, int dp, int seq, int ack, int flags, int len) {
    return Packets.ethernet(
        Packets.ip(
            src,
            dst,
            0,
            7,
            Packets.tcp(sp, dp, seq, ack, flags, 65535, 0, new byte[0], new byte[len])));
  }

  private static byte[] withChecksum(byte[] frame, int at, int value) {
    byte[] b = frame.clone();
    b[at] = (byte) (value >>> 8);
    b[at + 1] = (byte) value;
    return b;
  }

  private static CaptureBuilder open6() {
    return CaptureBuilder.tcp()
        .client(C6, 50000)
        .server(S6, 80)
        .c("S", 500, 0)
        .s("SA", 9000, 501)
        .c("A", 501, 9001)
        .done();
  }

  @Test
  void ipv6BadChecksum() {
    byte[] data = frame(C6, S6, 50000, 80, 501, 9001, 0x018, 10);
    int at = 14 + 40 + 16;
    int right = u16(data, at);
    byte[] bad = open6().frame(withChecksum(data, at, right ^ 0x0F0F)).pcapng();
    List<Finding> f = of(check(bad), "pkt.bad-checksum");
    assertEquals(1, f.size(), f.toString());
    assertEquals(4, f.get(0).frame());
    assertEquals((long) right, f.get(0).expected());
    assertEquals((long) (right ^ 0x0F0F), f.get(0).actual());
    assertEquals("client-to-server", f.get(0).direction());
    FileResult good = check(open6().frame(data).pcapng());
    assertTrue(good.findings().stream().noneMatch(x -> x.rule().contains("checksum")));
  }

  @Test
  void ipv4HeaderChecksum() {
    byte[] data = frame("192.0.2.1", "198.51.100.7", 50000, 80, 501, 9001, 0x018, 10);
    int at = 14 + 10;
    int right = u16(data, at);
    byte[] bad = RuleScenariosTest.open3().frame(withChecksum(data, at, right ^ 0x0100)).pcapng();
    List<Finding> f = of(check(bad), "pkt.bad-checksum");
    assertEquals(1, f.size(), f.toString());
    assertEquals(4, f.get(0).frame());
    assertEquals((long) right, f.get(0).expected());
    assertEquals((long) (right ^ 0x0100), f.get(0).actual());
    assertTrue(f.get(0).message().startsWith("IPv4 header checksum"), f.get(0).message());
  }

  @Test
  void singleSegmentCountsAsOffloadOnlyWithAPlaceholder() {
    byte[] syn = frame("192.0.2.1", "198.51.100.7", 50000, 80, 500, 0, 0x002, 0);
    int at = 14 + 20 + 16;
    FileResult placeholder = check(CaptureBuilder.tcp().frame(withChecksum(syn, at, 0)).pcapng());
    assertEquals(0, of(placeholder, "pkt.bad-checksum").size());
    assertEquals(1, of(placeholder, "capture.checksum-offload").size());
    FileResult corrupt = check(CaptureBuilder.tcp().frame(withChecksum(syn, at, 0x9999)).pcapng());
    assertEquals(1, of(corrupt, "pkt.bad-checksum").size());
    assertEquals(0, of(corrupt, "capture.checksum-offload").size());
  }

  @Test
  void placeholdersAmongRightChecksumsAreOffload() {
    // Linux offloads data segments and computes pure ACKs itself.
    byte[] data = frame(C6, S6, 50000, 80, 501, 9001, 0x018, 10);
    int at = 14 + 40 + 16;
    int pseudo =
        org.tcplint.decode.Checksum.fold(
            org.tcplint.decode.Checksum.pseudoHeader(data, 14 + 8, 14 + 24, 16, 30));
    FileResult r = check(open6().frame(withChecksum(data, at, pseudo)).c("A", 511, 9001).pcapng());
    assertEquals(0, of(r, "pkt.bad-checksum").size(), r.findings().toString());
    List<Finding> note = of(r, "capture.checksum-offload");
    assertEquals(1, note.size());
    assertEquals(4, note.get(0).frame());
    assertEquals(Severity.INFO, note.get(0).severity());
  }

  @Test
  void offloadStillSilencesBadChecksumWhenItsNoteIsOff() {
    byte[] bad =
        org.tcplint.example.LadderCapture.pcapng(
            org.tcplint.example.Ladder.parse(
                "C S 500 0 badsum=0 ; S SA 9000 501 ; C A 501 9001 badsum=0"));
    FileResult r = check(new RuleLevels().set("capture.checksum-offload", Severity.OFF), bad);
    assertTrue(r.findings().stream().noneMatch(x -> x.rule().contains("checksum")));
  }

  @Test
  void headerLongerThanTheSegment() {
    byte[] ack = frame("192.0.2.1", "198.51.100.7", 50000, 80, 501, 9001, 0x010, 4);
    ack[14 + 20 + 12] = (byte) 0x70; // data offset 7: a 28-byte header in a 24-byte segment
    FileResult r = check(RuleScenariosTest.open3().frame(ack).pcapng());
    List<Finding> f = of(r, "pkt.bad-data-offset");
    assertEquals(1, f.size(), f.toString());
    assertEquals(4, f.get(0).frame());
    assertEquals(24L, f.get(0).expected());
    assertEquals(28L, f.get(0).actual());
    assertEquals(0, of(r, "decode.malformed").size());
    assertEquals(1, r.conversations().size());
    FileResult good = check(RuleScenariosTest.open3().c("A", 501, 9001).len(4).pcapng());
    assertEquals(0, of(good, "pkt.bad-data-offset").size());
  }

  @Test
  void sourcePortZero() {
    FileResult r = check(CaptureBuilder.tcp().client("192.0.2.1", 0).c("S", 500, 0).pcapng());
    List<Finding> f = of(r, "pkt.port-zero");
    assertEquals(1, f.size());
    assertEquals(1, f.get(0).frame());
    assertTrue(f.get(0).message().startsWith("source port"), f.get(0).message());
  }
}
