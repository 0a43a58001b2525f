package org.tcplint.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcplint.decode.Wire.PROTO_TCP;
import static org.tcplint.decode.Wire.bytes;
import static org.tcplint.decode.Wire.cat;
import static org.tcplint.decode.Wire.decode;
import static org.tcplint.decode.Wire.ethernet;
import static org.tcplint.decode.Wire.ipv4;
import static org.tcplint.decode.Wire.u16;
import static org.tcplint.decode.Wire.u32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TcpOptions#parse}: the option facts the tracker and rules read (RFC 9293 §3.2). */
class TcpOptionsParseTest {
  /** Ethernet + IPv4 + TCP: the options start at byte 54. */
  static Packet segment(byte[] options) {
    return decode(
        LinkType.ETHERNET,
        ethernet(0x0800, ipv4(PROTO_TCP, Wire.tcp(TcpFlags.SYN, options, new byte[0]))));
  }

  /** As {@link #segment} with only {@code optionBytes} of the options captured. */
  static Packet segmentCut(byte[] options, int optionBytes) {
    byte[] f = ethernet(0x0800, ipv4(PROTO_TCP, Wire.tcp(TcpFlags.SYN, options, new byte[0])));
    return decode(LinkType.ETHERNET, f, 54 + optionBytes, f.length);
  }

  static TcpOptions parse(byte[] options) {
    Packet p = segment(options);
    assertEquals(Packet.Status.TCP, p.status());
    return Wire.options(p);
  }

  /** A typical Linux SYN: MSS, SACK-permitted, timestamps, NOP, window scale (20 bytes). */
  static final byte[] LINUX_SYN =
      cat(bytes(2, 4, 0x05, 0xB4, 4, 2, 8, 10), u32(0xDEADBEEF), u32(0), bytes(1, 3, 3, 7));

  private static long bits(int... kinds) {
    long m = 0;
    for (int k : kinds) {
      m |= 1L << k;
    }
    return m;
  }

  private static void assertNoProblem(TcpOptions o) {
    assertEquals(-1, o.badLengthKind);
    assertEquals(-1, o.duplicateKind);
    assertEquals(-1, o.obsoleteKind);
    assertFalse(o.truncated);
  }

  @Test
  void noOptions() {
    TcpOptions o = parse(new byte[0]);
    assertEquals(-1, o.mss);
    assertEquals(-1, o.wscale);
    assertFalse(o.sackPermitted);
    assertFalse(o.timestamp);
    assertFalse(o.tfo);
    assertFalse(o.md5);
    assertFalse(o.ao);
    assertFalse(o.mptcp);
    assertEquals(0, o.sackBlocks);
    assertEquals(0, o.nopRun);
    assertEquals(0L, o.kindsMask);
    assertNoProblem(o);
  }

  @Test
  void linuxSyn() {
    TcpOptions o = parse(LINUX_SYN);
    assertEquals(1460, o.mss);
    assertTrue(o.sackPermitted);
    assertTrue(o.timestamp);
    assertEquals(0xDEADBEEF, o.tsVal);
    assertEquals(0, o.tsEcr);
    assertEquals(7, o.wscale);
    assertEquals(1, o.nopRun);
    assertEquals(bits(2, 3, 4, 8), o.kindsMask);
    assertNoProblem(o);
  }

  @Test
  void parseResetsEverythingBetweenSegments() {
    TcpOptions o = new TcpOptions();
    o.parse(segment(cat(LINUX_SYN, bytes(1, 1, 5, 10), u32(1), u32(2))));
    o.parse(segment(new byte[0]));
    assertEquals(-1, o.mss);
    assertEquals(-1, o.wscale);
    assertFalse(o.sackPermitted);
    assertFalse(o.timestamp);
    assertEquals(0, o.tsVal);
    assertEquals(0, o.sackBlocks);
    assertEquals(0, o.nopRun);
    assertEquals(0L, o.kindsMask);
  }

  @Test
  void endOfOptionListStopsParsing() {
    // MSS, EOL, then a window scale that must be ignored (RFC 9293 §3.2).
    TcpOptions o = parse(bytes(2, 4, 0x05, 0xB4, 0, 3, 3, 7));
    assertEquals(1460, o.mss);
    assertEquals(-1, o.wscale);
    assertEquals(bits(2), o.kindsMask);
    assertNoProblem(o);
  }

  @Test
  void endOfOptionListFirst() {
    TcpOptions o = parse(bytes(0, 2, 4, 5, 0xB4, 0, 0, 0));
    assertEquals(-1, o.mss);
    assertEquals(0L, o.kindsMask);
    assertNoProblem(o);
  }

  @Test
  void nopRuns() {
    assertEquals(4, parse(bytes(1, 1, 1, 1, 2, 4, 5, 0xB4, 1, 1, 4, 2)).nopRun);
    assertEquals(3, parse(bytes(1, 4, 2, 1, 1, 1, 3, 3, 7, 1, 1, 0)).nopRun);
    TcpOptions o = parse(bytes(1, 1, 1, 1, 1, 1, 1, 1));
    assertEquals(8, o.nopRun);
    assertEquals(0L, o.kindsMask);
    assertNoProblem(o);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 536, 1220, 1460, 8960, 65535})
  void mss(int value) {
    TcpOptions o = parse(cat(bytes(2, 4), u16(value)));
    assertEquals(value, o.mss);
    assertEquals(bits(2), o.kindsMask);
    assertNoProblem(o);
  }

  /** Shifts above 14 are kept as sent (RFC 7323 §2.3 says to log and use 14: the rules do that). */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 14, 15, 255})
  void windowScale(int shift) {
    TcpOptions o = parse(bytes(1, 3, 3, shift));
    assertEquals(shift, o.wscale);
    assertEquals(bits(3), o.kindsMask);
    assertNoProblem(o);
  }

  @Test
  void sackPermitted() {
    TcpOptions o = parse(bytes(1, 1, 4, 2));
    assertTrue(o.sackPermitted);
    assertEquals(bits(4), o.kindsMask);
    assertNoProblem(o);
  }

  /** 1..4 SACK blocks (RFC 2018 §3), edges chosen across the 2^32 wrap. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void sackBlocks(int n) {
    int[] edges = {
      0xFFFFFFF0, 0x00000010, 0x7FFFFFFF, 0x80000001, 100, 200, 0xFFFF0000, 0xFFFFFFFF
    };
    byte[] opt = bytes(1, 1, 5, 2 + 8 * n);
    for (int i = 0; i < 2 * n; i++) {
      opt = cat(opt, u32(edges[i]));
    }
    TcpOptions o = parse(opt);
    assertEquals(n, o.sackBlocks);
    for (int i = 0; i < 2 * n; i++) {
      assertEquals(edges[i], o.sackEdges[i], "edge " + i);
    }
    assertEquals(bits(5), o.kindsMask);
    assertEquals(2, o.nopRun);
    assertNoProblem(o);
  }

  @Test
  void sackWithTimestamps() {
    // NOP NOP TS, NOP NOP SACK with 3 blocks: 12 + 28 = 40 bytes, the most that fits.
    byte[] opt =
        cat(
            bytes(1, 1, 8, 10),
            u32(1000),
            u32(2000),
            bytes(1, 1, 5, 26),
            u32(10),
            u32(20),
            u32(30),
            u32(40),
            u32(50),
            u32(60));
    TcpOptions o = parse(opt);
    assertTrue(o.timestamp);
    assertEquals(1000, o.tsVal);
    assertEquals(2000, o.tsEcr);
    assertEquals(3, o.sackBlocks);
    assertEquals(60, o.sackEdges[5]);
    assertNoProblem(o);
  }

  @Test
  void sackWithoutBlocksIsTolerated() {
    TcpOptions o = parse(bytes(1, 1, 5, 2));
    assertEquals(0, o.sackBlocks);
    assertEquals(bits(5), o.kindsMask);
    assertNoProblem(o);
  }

  @Test
  void timestamps() {
    TcpOptions o = parse(cat(bytes(1, 1, 8, 10), u32(0x80000001), u32(0xFFFFFFFF)));
    assertTrue(o.timestamp);
    assertEquals(0x80000001, o.tsVal);
    assertEquals(0xFFFFFFFF, o.tsEcr);
    assertEquals(bits(8), o.kindsMask);
    assertNoProblem(o);
  }

  @Test
  void fastOpenCookieRequest() {
    // RFC 7413 §4.1.1: kind 34, length 2 asks for a cookie.
    TcpOptions o = parse(bytes(1, 1, 34, 2));
    assertTrue(o.tfo);
    assertEquals(0, o.tfoCookieLength);
    assertEquals(bits(34), o.kindsMask);
    assertNoProblem(o);
  }

  @Test
  void fastOpenCookie() {
    TcpOptions o = parse(cat(bytes(1, 1, 34, 10), u32(0x01020304), u32(0x05060708)));
    assertTrue(o.tfo);
    assertEquals(8, o.tfoCookieLength);
    assertNoProblem(o);
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 8, 16})
  void fastOpenCookieLengths(int cookie) {
    byte[] opt = cat(bytes(34, 2 + cookie), new byte[cookie], new byte[(4 - (2 + cookie) % 4) % 4]);
    TcpOptions o = parse(opt);
    assertTrue(o.tfo);
    assertEquals(cookie, o.tfoCookieLength);
    assertEquals(-1, o.badLengthKind);
  }

  @Test
  void experimentalFastOpen() {
    // RFC 7413 §4.1.1 / RFC 6994: kind 254, ExID 0xF989, then the cookie.
    TcpOptions o = parse(cat(bytes(254, 12), u16(0xF989), u32(0xAABBCCDD), u32(0x11223344)));
    assertTrue(o.tfo);
    assertEquals(8, o.tfoCookieLength);
    assertEquals(0L, o.kindsMask);
    assertNoProblem(o);

    o = parse(cat(bytes(254, 4), u16(0xF989)));
    assertTrue(o.tfo);
    assertEquals(0, o.tfoCookieLength);
  }

  @Test
  void experimentalWithAnotherExperimentId() {
    TcpOptions o = parse(cat(bytes(253, 4), u16(0x1234)));
    assertFalse(o.tfo);
    assertEquals(0, o.tfoCookieLength);
    assertEquals(-1, o.badLengthKind);
    assertEquals(-1, o.duplicateKind);
  }

  @Test
  void md5Signature() {
    // RFC 2385: kind 19, length 18, a 16-byte digest; NOP NOP before it.
    TcpOptions o = parse(cat(bytes(1, 1, 19, 18), new byte[16]));
    assertTrue(o.md5);
    assertEquals(bits(19), o.kindsMask);
    assertNoProblem(o);
  }

  @Test
  void md5WithAWrongLength() {
    TcpOptions o = parse(cat(bytes(1, 1, 19, 10), new byte[8]));
    assertTrue(o.md5);
    assertEquals(19, o.badLengthKind);
  }

  @Test
  void authenticationOption() {
    // RFC 5925 §2.2: kind 29, length 16: KeyID, RNextKeyID, a 12-byte MAC.
    TcpOptions o = parse(cat(bytes(29, 16, 1, 2), new byte[12]));
    assertTrue(o.ao);
    assertFalse(o.md5);
    assertEquals(bits(29), o.kindsMask);
    assertNoProblem(o);
  }

  @Test
  void multipath() {
    // RFC 8684 §3.1: MP_CAPABLE (subtype 0, version 1), flags, 8-byte key: length 12.
    TcpOptions o = parse(cat(bytes(30, 12, 0x01, 0x81), u32(1), u32(2)));
    assertTrue(o.mptcp);
    assertEquals(bits(30), o.kindsMask);
    assertNoProblem(o);
  }

  @Test
  void unknownKinds() {
    TcpOptions o = parse(cat(bytes(42, 2, 200, 6), u32(0xCAFEBABE)));
    assertEquals(bits(42), o.kindsMask); // kind 200 is beyond the 64-bit mask
    assertEquals(-1, o.mss);
    assertNoProblem(o);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void lengthBelowTwo(int len) {
    TcpOptions o = parse(bytes(2, len, 3, 3, 7, 1, 1, 1));
    assertEquals(2, o.badLengthKind);
    assertEquals(-1, o.mss);
    assertEquals(-1, o.wscale); // parsing cannot go on without a length
    assertEquals(bits(2), o.kindsMask);
  }

  @Test
  void lengthPastTheHeaderEnd() {
    // Timestamps claim 10 bytes, 6 are left in the header.
    TcpOptions o = parse(bytes(1, 1, 8, 10, 0, 0, 0, 0));
    assertEquals(8, o.badLengthKind);
    assertFalse(o.timestamp);
    assertFalse(o.truncated);
  }

  @Test
  void kindInTheLastHeaderByte() {
    TcpOptions o = parse(bytes(1, 1, 1, 3));
    assertEquals(3, o.badLengthKind);
    assertEquals(-1, o.wscale);
    assertFalse(o.truncated);
  }

  @Test
  void mssWithLengthThree() {
    // The bad MSS is skipped by its length; the window scale after it still counts.
    TcpOptions o = parse(bytes(2, 3, 5, 1, 3, 3, 7, 1));
    assertEquals(2, o.badLengthKind);
    assertEquals(-1, o.mss);
    assertEquals(7, o.wscale);
  }

  @Test
  void windowScaleWithLengthFour() {
    TcpOptions o = parse(bytes(3, 4, 7, 0));
    assertEquals(3, o.badLengthKind);
    assertEquals(-1, o.wscale);
  }

  @Test
  void sackPermittedWithLengthThree() {
    TcpOptions o = parse(bytes(4, 3, 0, 1));
    assertEquals(4, o.badLengthKind);
    assertFalse(o.sackPermitted);
  }

  @Test
  void timestampsWithLengthEight() {
    TcpOptions o = parse(cat(bytes(8, 8), u32(1), u16(2)));
    assertEquals(8, o.badLengthKind);
    assertFalse(o.timestamp);
    assertEquals(0, o.tsVal);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 9, 11, 18})
  void sackLengthNotTwoPlusEightN(int len) {
    byte[] opt = cat(bytes(5, len), new byte[len - 2]);
    opt = cat(opt, new byte[(4 - opt.length % 4) % 4]);
    TcpOptions o = parse(opt);
    if (len == 18) {
      assertEquals(2, o.sackBlocks);
      assertEquals(-1, o.badLengthKind);
    } else {
      assertEquals(5, o.badLengthKind);
      assertEquals(0, o.sackBlocks);
    }
  }

  /** RFC 7413: a cookie request (2) or a 4..16-byte cookie of even length (6..18). */
  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 7, 19, 20})
  void fastOpenBadLengths(int len) {
    byte[] opt = cat(bytes(34, len), new byte[len - 2]);
    opt = cat(opt, new byte[(4 - opt.length % 4) % 4]);
    TcpOptions o = parse(opt);
    assertEquals(34, o.badLengthKind);
  }

  @Test
  void onlyTheFirstBadLengthIsKept() {
    TcpOptions o = parse(bytes(2, 3, 0, 3, 4, 7, 0, 0));
    assertEquals(2, o.badLengthKind);
  }

  @Test
  void duplicates() {
    assertEquals(2, parse(bytes(2, 4, 5, 0xB4, 2, 4, 5, 0xB4)).duplicateKind);
    assertEquals(3, parse(bytes(3, 3, 7, 1, 3, 3, 8, 1)).duplicateKind);
    assertEquals(4, parse(bytes(4, 2, 4, 2)).duplicateKind);
    assertEquals(
        8,
        parse(cat(bytes(1, 1, 8, 10), u32(1), u32(2), bytes(1, 1, 8, 10), u32(3), u32(4)))
            .duplicateKind);
    assertEquals(
        5,
        parse(cat(bytes(1, 1, 5, 10), u32(1), u32(2), bytes(1, 1, 5, 10), u32(3), u32(4)))
            .duplicateKind);
    assertEquals(34, parse(bytes(34, 2, 34, 2)).duplicateKind);
    // Kind 34 and the experimental form are the same option.
    assertEquals(254, parse(cat(bytes(34, 2, 254, 4), u16(0xF989), bytes(1, 1))).duplicateKind);
  }

  @Test
  void firstDuplicateIsKept() {
    assertEquals(2, parse(bytes(2, 4, 1, 0, 3, 3, 7, 1, 2, 4, 1, 0, 3, 3, 8, 1)).duplicateKind);
  }

  @Test
  void repeatsThatAreNotDuplicates() {
    // NOPs, unknown kinds, MD5 and experimental options with other ExIDs may repeat.
    assertEquals(-1, parse(bytes(1, 1, 1, 1)).duplicateKind);
    assertEquals(-1, parse(bytes(42, 2, 42, 2)).duplicateKind);
    assertEquals(-1, parse(cat(bytes(253, 4), u16(1), bytes(253, 4), u16(1))).duplicateKind);
    assertEquals(-1, parse(bytes(2, 4, 5, 0xB4, 3, 3, 7, 0)).duplicateKind);
  }

  /** Echo 6/7 (RFC 1072) and CC 11-13 (RFC 1644), historic per RFC 6247. */
  @ParameterizedTest
  @ValueSource(ints = {6, 7, 11, 12, 13})
  void obsoleteKinds(int kind) {
    TcpOptions o = parse(cat(bytes(kind, 6), u32(0x01020304), bytes(1, 1)));
    assertEquals(kind, o.obsoleteKind);
    assertEquals(bits(kind), o.kindsMask);
    assertEquals(-1, o.badLengthKind);
  }

  @Test
  void firstObsoleteKindIsKept() {
    assertEquals(11, parse(cat(bytes(11, 6), u32(1), bytes(6, 6), u32(1))).obsoleteKind);
  }

  @Test
  void cutInsideAnOption() {
    // MSS, SACK-perm, timestamps (kind+length+1 byte captured), NOP, WS; 20 bytes.
    byte[] opt = cat(bytes(2, 4, 5, 0xB4, 4, 2, 8, 10), u32(1), u32(2), bytes(1, 3, 3, 7));
    TcpOptions o = Wire.options(segmentCut(opt, 9));
    assertTrue(o.truncated);
    assertEquals(1460, o.mss);
    assertTrue(o.sackPermitted);
    assertFalse(o.timestamp);
    assertEquals(-1, o.wscale);
    assertEquals(-1, o.badLengthKind);
  }

  @Test
  void cutAfterAKindByte() {
    byte[] opt = cat(bytes(2, 4, 5, 0xB4, 4, 2, 8, 10), u32(1), u32(2), bytes(1, 3, 3, 7));
    TcpOptions o = Wire.options(segmentCut(opt, 7));
    assertTrue(o.truncated);
    assertTrue(o.sackPermitted);
    assertEquals(-1, o.badLengthKind);
    assertEquals(bits(2, 4, 8), o.kindsMask);
  }

  @Test
  void cutAtAnOptionBoundary() {
    byte[] opt = cat(bytes(2, 4, 5, 0xB4, 4, 2, 8, 10), u32(1), u32(2), bytes(1, 3, 3, 7));
    TcpOptions o = Wire.options(segmentCut(opt, 6));
    assertTrue(o.truncated);
    assertEquals(1460, o.mss);
    assertTrue(o.sackPermitted);
    assertEquals(-1, o.badLengthKind);
  }

  @Test
  void cutBeforeTheOptions() {
    TcpOptions o = Wire.options(segmentCut(LINUX_SYN, 0));
    assertTrue(o.truncated);
    assertEquals(-1, o.mss);
    assertEquals(0L, o.kindsMask);
  }

  @Test
  void notCutWhenTheHeaderIsWhole() {
    byte[] opt = cat(bytes(2, 4, 5, 0xB4, 4, 2, 8, 10), u32(1), u32(2), bytes(1, 3, 3, 7));
    TcpOptions o = Wire.options(segmentCut(opt, 20));
    assertFalse(o.truncated);
    assertEquals(7, o.wscale);
  }

  @Test
  void parseOfARawBuffer() {
    byte[] b = cat(bytes(0xEE, 0xEE), bytes(1, 2, 4, 2, 0x10), bytes(0xEE));
    TcpOptions o = new TcpOptions();
    o.parse(b, 2, 7, 7);
    assertEquals(528, o.mss);
    assertEquals(1, o.nopRun);
    assertFalse(o.truncated);
    o.parse(b, 2, 6, 7);
    assertEquals(-1, o.mss);
    assertTrue(o.truncated);
  }
}
