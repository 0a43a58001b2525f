package org.tcplint.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.tcplint.decode.TcpOptionsParseTest.LINUX_SYN;
import static org.tcplint.decode.TcpOptionsParseTest.segment;
import static org.tcplint.decode.TcpOptionsParseTest.segmentCut;
import static org.tcplint.decode.Wire.bytes;
import static org.tcplint.decode.Wire.cat;
import static org.tcplint.decode.Wire.u16;
import static org.tcplint.decode.Wire.u32;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TcpOptions#list}: every option as {@code tcplint packets} shows it. */
class TcpOptionsListTest {
  private static List<TcpOption> list(byte[] options) {
    return TcpOptions.list(segment(options));
  }

  private static void assertOption(
      TcpOption t, String kind, int code, long[] values, String error) {
    assertEquals(kind, t.kind(), "kind");
    assertEquals(code, t.code(), "code");
    assertArrayEquals(values, t.values(), "values of " + kind);
    assertEquals(error, t.error(), "error of " + kind);
  }

  private static long[] v(long... values) {
    return values;
  }

  @Test
  void noOptions() {
    assertEquals(List.of(), list(new byte[0]));
  }

  @Test
  void linuxSyn() {
    List<TcpOption> l = list(LINUX_SYN);
    assertEquals(5, l.size());
    assertOption(l.get(0), "mss", 2, v(1460), null);
    assertArrayEquals(bytes(0x05, 0xB4), l.get(0).raw());
    assertOption(l.get(1), "sack_perm", 4, v(), null);
    assertOption(l.get(2), "timestamp", 8, v(0xDEADBEEFL, 0), null);
    assertOption(l.get(3), "nop", 1, v(), null);
    assertNull(l.get(3).raw());
    assertOption(l.get(4), "wscale", 3, v(7), null);
  }

  @Test
  void endOfOptionListEndsTheList() {
    List<TcpOption> l = list(bytes(2, 4, 0x05, 0xB4, 0, 3, 3, 7));
    assertEquals(2, l.size());
    assertOption(l.get(0), "mss", 2, v(1460), null);
    assertOption(l.get(1), "eol", 0, v(), null);
  }

  @Test
  void nopRun() {
    List<TcpOption> l = list(bytes(1, 1, 1, 1));
    assertEquals(4, l.size());
    for (TcpOption t : l) {
      assertOption(t, "nop", 1, v(), null);
    }
  }

  @Test
  void duplicatesAreBothListed() {
    List<TcpOption> l = list(bytes(2, 4, 0x05, 0xB4, 2, 4, 0x02, 0x18));
    assertEquals(2, l.size());
    assertOption(l.get(0), "mss", 2, v(1460), null);
    assertOption(l.get(1), "mss", 2, v(536), null);
  }

  @Test
  void windowScaleShiftKeptAsSent() {
    assertOption(list(bytes(1, 3, 3, 255)).get(1), "wscale", 3, v(255), null);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void sackEdgesAreUnsigned(int n) {
    int[] edges = {0xFFFFFFF0, 0x10, 0x7FFFFFFF, 0x80000001, 100, 200, 0xFFFF0000, 0xFFFFFFFF};
    byte[] opt = bytes(1, 1, 5, 2 + 8 * n);
    long[] expected = new long[2 * n];
    for (int i = 0; i < 2 * n; i++) {
      opt = cat(opt, u32(edges[i]));
      expected[i] = edges[i] & 0xFFFFFFFFL;
    }
    List<TcpOption> l = list(opt);
    assertEquals(3, l.size());
    assertOption(l.get(2), "sack", 5, expected, null);
  }

  @Test
  void sackWithoutBlocks() {
    assertOption(list(bytes(1, 1, 5, 2)).get(2), "sack", 5, v(), null);
  }

  @Test
  void fastOpen() {
    TcpOption request = list(bytes(1, 1, 34, 2)).get(2);
    assertOption(request, "tfo", 34, v(), null);
    assertArrayEquals(new byte[0], request.raw());

    TcpOption cookie = list(cat(bytes(1, 1, 34, 10), u32(0x01020304), u32(0x05060708))).get(2);
    assertOption(cookie, "tfo", 34, v(), null);
    assertArrayEquals(bytes(1, 2, 3, 4, 5, 6, 7, 8), cookie.raw());
  }

  @Test
  void experimentalFastOpen() {
    TcpOption t = list(cat(bytes(254, 12), u16(0xF989), u32(0xAABBCCDD), u32(0x11223344))).get(0);
    assertOption(t, "tfo", 254, v(), null);
    assertArrayEquals(bytes(0xAA, 0xBB, 0xCC, 0xDD, 0x11, 0x22, 0x33, 0x44), t.raw());
  }

  @Test
  void experimentalWithAnotherId() {
    TcpOption t = list(cat(bytes(253, 4), u16(0x1234))).get(0);
    assertOption(t, "experimental", 253, v(0x1234), null);
    assertArrayEquals(bytes(0x12, 0x34), t.raw());
  }

  @Test
  void md5() {
    TcpOption t = list(cat(bytes(1, 1, 19, 18), u32(1), u32(2), u32(3), u32(4))).get(2);
    assertOption(t, "md5", 19, v(), null);
    assertEquals(16, t.raw().length);
  }

  @Test
  void authenticationOption() {
    TcpOption t = list(cat(bytes(29, 16, 1, 2), new byte[12])).get(0);
    assertOption(t, "ao", 29, v(), null);
    assertEquals(14, t.raw().length);
  }

  @Test
  void multipathSubtype() {
    // MP_JOIN (subtype 1) on a SYN: length 12.
    TcpOption t = list(cat(bytes(30, 12, 0x10, 0x01), u32(0xA), u32(0xB))).get(0);
    assertOption(t, "mptcp", 30, v(1), null);
  }

  @Test
  void unknownKeepsItsBytes() {
    TcpOption t = list(cat(bytes(200, 6), u32(0xCAFEBABE), bytes(1, 1))).get(0);
    assertOption(t, "unknown", 200, v(), null);
    assertArrayEquals(bytes(0xCA, 0xFE, 0xBA, 0xBE), t.raw());
  }

  @Test
  void obsoleteNames() {
    assertOption(list(cat(bytes(6, 6), u32(1), bytes(1, 1))).get(0), "echo", 6, v(), null);
    assertOption(list(cat(bytes(7, 6), u32(1), bytes(1, 1))).get(0), "echo", 7, v(), null);
    for (int k = 11; k <= 13; k++) {
      assertOption(list(cat(bytes(k, 6), u32(1), bytes(1, 1))).get(0), "cc", k, v(), null);
    }
  }

  @Test
  void namesOfKinds() {
    assertEquals("eol", TcpOptions.name(0));
    assertEquals("nop", TcpOptions.name(1));
    assertEquals("mss", TcpOptions.name(2));
    assertEquals("wscale", TcpOptions.name(3));
    assertEquals("sack_perm", TcpOptions.name(4));
    assertEquals("sack", TcpOptions.name(5));
    assertEquals("timestamp", TcpOptions.name(8));
    assertEquals("md5", TcpOptions.name(19));
    assertEquals("ao", TcpOptions.name(29));
    assertEquals("mptcp", TcpOptions.name(30));
    assertEquals("tfo", TcpOptions.name(34));
    assertEquals("experimental", TcpOptions.name(253));
    assertEquals("experimental", TcpOptions.name(254));
    assertEquals("unknown", TcpOptions.name(9));
    assertEquals("unknown", TcpOptions.name(255));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void lengthBelowTwoEndsTheList(int len) {
    List<TcpOption> l = list(bytes(2, len, 3, 3, 7, 1, 1, 1));
    assertEquals(1, l.size());
    assertOption(l.get(0), "mss", 2, v(), "bad option length " + len);
  }

  @Test
  void lengthPastTheHeaderEnd() {
    List<TcpOption> l = list(bytes(1, 1, 8, 10, 0, 0, 0, 0));
    assertEquals(3, l.size());
    assertOption(l.get(2), "timestamp", 8, v(), "bad option length 10");
  }

  @Test
  void kindInTheLastHeaderByteIsNotASnaplenCut() {
    List<TcpOption> l = list(bytes(1, 1, 1, 3));
    assertEquals(4, l.size());
    TcpOption t = l.get(3);
    assertEquals("wscale", t.kind());
    assertNotNull(t.error());
    assertEquals("no length byte before the header end", t.error());
  }

  @Test
  void wrongLengthsForTheirKind() {
    List<TcpOption> l = list(bytes(2, 3, 5, 1, 3, 3, 7, 1));
    assertEquals(4, l.size());
    assertOption(l.get(0), "mss", 2, v(), "bad option length 3");
    assertArrayEquals(bytes(5), l.get(0).raw());
    assertOption(l.get(1), "nop", 1, v(), null);
    assertOption(l.get(2), "wscale", 3, v(7), null);

    assertOption(list(bytes(3, 4, 7, 0)).get(0), "wscale", 3, v(), "bad option length 4");
    assertOption(list(bytes(4, 3, 0, 1)).get(0), "sack_perm", 4, v(), "bad option length 3");
    assertOption(
        list(cat(bytes(8, 8), u32(1), u16(2))).get(0), "timestamp", 8, v(), "bad option length 8");
    assertOption(
        list(cat(bytes(5, 11), new byte[9], bytes(1))).get(0),
        "sack",
        5,
        v(),
        "bad option length 11");
  }

  @Test
  void md5AndFastOpenWithWrongLengths() {
    assertOption(
        list(cat(bytes(1, 1, 19, 10), new byte[8])).get(2), "md5", 19, v(), "bad option length 10");
    assertOption(list(bytes(34, 4, 0, 0)).get(0), "tfo", 34, v(), "bad option length 4");
    assertOption(
        list(bytes(34, 7, 0, 0, 0, 0, 0, 1)).get(0), "tfo", 34, v(), "bad option length 7");
  }

  @Test
  void cutInsideAnOption() {
    byte[] opt = cat(bytes(2, 4, 5, 0xB4, 4, 2, 8, 10), u32(1), u32(2), bytes(1, 3, 3, 7));
    List<TcpOption> l = TcpOptions.list(segmentCut(opt, 9));
    assertEquals(3, l.size());
    assertOption(l.get(0), "mss", 2, v(1460), null);
    assertOption(l.get(1), "sack_perm", 4, v(), null);
    assertOption(l.get(2), "timestamp", 8, v(), "cut by the snaplen");
  }

  @Test
  void cutAfterAKindByte() {
    byte[] opt = cat(bytes(2, 4, 5, 0xB4, 4, 2, 8, 10), u32(1), u32(2), bytes(1, 3, 3, 7));
    List<TcpOption> l = TcpOptions.list(segmentCut(opt, 7));
    assertEquals(3, l.size());
    assertOption(l.get(2), "timestamp", 8, v(), "length byte not captured");
  }

  @Test
  void cutAtAnOptionBoundaryListsWhatWasCaptured() {
    byte[] opt = cat(bytes(2, 4, 5, 0xB4, 4, 2, 8, 10), u32(1), u32(2), bytes(1, 3, 3, 7));
    List<TcpOption> l = TcpOptions.list(segmentCut(opt, 6));
    assertEquals(2, l.size());
    assertNull(l.get(1).error());
  }

  /**
   * For every option kind the parser tracks and every length that fits, the listing marks an error
   * exactly when {@link TcpOptions#parse} reports a bad length, so {@code packets -V} and {@code
   * opt.bad-length} agree.
   */
  @Test
  void listingAndParserAgreeOnBadLengths() {
    int[] kinds = {2, 3, 4, 5, 8, 19, 34};
    for (int kind : kinds) {
      for (int len = 0; len <= 40; len++) {
        byte[] opt = new byte[40];
        opt[0] = (byte) kind;
        opt[1] = (byte) len;
        Packet p = segment(opt);
        TcpOptions o = Wire.options(p);
        boolean listed = TcpOptions.list(p).get(0).error() != null;
        assertEquals(
            o.badLengthKind == kind, listed, "kind " + kind + " length " + len + " in the listing");
      }
    }
  }
}
