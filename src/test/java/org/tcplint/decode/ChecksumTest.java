package org.tcplint.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tcplint.decode.Wire.PROTO_TCP;
import static org.tcplint.decode.Wire.bytes;
import static org.tcplint.decode.Wire.decode;
import static org.tcplint.decode.Wire.ethernet;
import static org.tcplint.decode.Wire.ipv4;
import static org.tcplint.decode.Wire.ipv6;
import static org.tcplint.decode.Wire.payload;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tcplint.capture.Captures;
import org.tcplint.capture.Frame;
import org.tcplint.testing.SharedCaptures;

/**
 * The Internet checksum (RFC 1071) and the decoder's verification of IPv4 header and TCP checksums,
 * with the IPv4 (RFC 9293 §3.1) and IPv6 (RFC 8200 §8.1) pseudo-headers.
 */
class ChecksumTest {
  private static final int V4_TCP = 14 + 20;
  private static final int V6_TCP = 14 + 40;

  @Test
  void rfc1071Example() {
    // RFC 1071 §3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2.
    byte[] b = bytes(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7);
    assertEquals(0xddf2, Checksum.fold(Checksum.sum(b, 0, 8)));
    // The same words from an odd offset of a longer array, and as 16-bit words only.
    byte[] shifted = Wire.cat(bytes(0xAA), b, bytes(0xBB, 0xCC, 0xDD));
    assertEquals(0xddf2, Checksum.fold(Checksum.sum(shifted, 1, 8)));
    assertEquals(0xddf2, Checksum.fold(Checksum.sum(b, 0, 4) + Checksum.sum(b, 4, 4)));
    // An odd last byte is the high byte of a word padded with zero.
    assertEquals(0xddf2, Checksum.fold(Checksum.sum(b, 0, 7) + 0xf7));
  }

  @Test
  void longSegmentsSumLikeWordByWord() {
    byte[] b = payload(1001);
    long words = 0;
    for (int i = 0; i + 1 < b.length; i += 2) {
      words += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
    words += (b[1000] & 0xFF) << 8;
    assertEquals(Checksum.fold(words), Checksum.fold(Checksum.sum(b, 0, b.length)));
  }

  @Test
  void everyOffsetAndLengthSumsLikeWordByWord() {
    // RFC 1071 §4.1's definition, word by word, for every start and length up to 100 bytes and a
    // few long ones; the bytes around the range (all ones, then random) must not count.
    java.util.Random random = new java.util.Random(1071);
    for (int fill : new int[] {0xFF, -1}) {
      byte[] b = new byte[1600];
      if (fill < 0) {
        random.nextBytes(b);
      } else {
        java.util.Arrays.fill(b, (byte) fill);
      }
      for (int from = 0; from < 24; from++) {
        for (int len = 0; len < 100 || len == 100 && from == 0; len++) {
          check(b, from, len, random);
        }
        for (int len : new int[] {1459, 1460, 1480, 1500, 1575}) {
          check(b, from, len, random);
        }
      }
    }
  }

  private static void check(byte[] b, int from, int len, java.util.Random random) {
    byte[] range = new byte[len];
    random.nextBytes(range);
    System.arraycopy(range, 0, b, from, len);
    long words = 0;
    for (int i = 0; i < len; i += 2) {
      words += ((range[i] & 0xFF) << 8) | (i + 1 < len ? range[i + 1] & 0xFF : 0);
    }
    assertEquals(
        Checksum.fold(words),
        Checksum.fold(Checksum.sum(b, from, len)),
        "sum of " + len + " bytes from " + from);
  }

  private static byte[] v4Frame() {
    byte[] frame =
        ethernet(0x0800, ipv4(PROTO_TCP, Wire.tcp(TcpFlags.ACK, new byte[0], payload(9))));
    Checksum.fill(frame, 14);
    return frame;
  }

  private static byte[] v6Frame() {
    byte[] frame =
        ethernet(0x86DD, ipv6(PROTO_TCP, Wire.tcp(TcpFlags.ACK, new byte[0], payload(9))));
    Checksum.fill(frame, 14);
    return frame;
  }

  private static Packet verify(byte[] frame) {
    return verify(frame, frame.length);
  }

  private static Packet verify(byte[] frame, int capLen) {
    Frame f = new Frame();
    f.data = java.util.Arrays.copyOf(frame, capLen);
    f.capLen = capLen;
    f.origLen = frame.length;
    f.linkType = LinkType.ETHERNET;
    f.kind = Frame.Kind.PACKET;
    Packet p = new Packet();
    new PacketDecoder().verifyChecksums(true).decode(f, p);
    return p;
  }

  private static int u16(byte[] b, int o) {
    return ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF);
  }

  @Test
  void rightChecksumsVerify() {
    assertEquals(Packet.CHECKSUM_VERIFIED, verify(v4Frame()).checksums());
    assertEquals(Packet.CHECKSUM_VERIFIED, verify(v6Frame()).checksums());
  }

  @Test
  void notVerifiedUnlessAskedOrWhenCut() {
    byte[] frame = v4Frame();
    assertEquals(0, decode(LinkType.ETHERNET, frame).checksums());
    assertEquals(0, verify(frame, frame.length - 1).checksums());
  }

  @Test
  void wrongTcpChecksumGivesTheRightValue() {
    for (byte[] frame : new byte[][] {v4Frame(), v6Frame()}) {
      int tcp = frame[12] == (byte) 0x86 ? V6_TCP : V4_TCP;
      int sent = u16(frame, tcp + 16);
      frame[frame.length - 1] ^= 0x40; // a payload bit flipped on the way
      Packet p = verify(frame);
      assertEquals(Packet.CHECKSUM_VERIFIED | Packet.CHECKSUM_TCP_BAD, p.checksums());
      byte[] refilled = frame.clone();
      Checksum.fill(refilled, 14);
      assertEquals(u16(refilled, tcp + 16), p.tcpChecksumExpected());
      assertEquals(sent, p.checksum());
    }
  }

  @Test
  void wrongIpv4HeaderChecksum() {
    byte[] frame = v4Frame();
    int right = u16(frame, 14 + 10);
    frame[14 + 10] ^= 0x01;
    Packet p = verify(frame);
    assertEquals(Packet.CHECKSUM_VERIFIED | Packet.CHECKSUM_IP_BAD, p.checksums());
    assertEquals(right, p.ipChecksumExpected());
    assertEquals(right ^ 0x0100, p.ipChecksum());
  }

  @Test
  void offloadPlaceholders() {
    byte[] frame = v4Frame();
    // The folded pseudo-header sum (Linux CHECKSUM_PARTIAL), without and with the length.
    long pseudo = Checksum.pseudoHeader(frame, 14 + 12, 14 + 16, 4, 29);
    for (int placeholder : new int[] {0, Checksum.fold(pseudo), Checksum.fold(pseudo - 29)}) {
      frame[V4_TCP + 16] = (byte) (placeholder >>> 8);
      frame[V4_TCP + 17] = (byte) placeholder;
      assertEquals(
          Packet.CHECKSUM_VERIFIED | Packet.CHECKSUM_TCP_BAD | Packet.CHECKSUM_PLACEHOLDER,
          verify(frame).checksums(),
          Integer.toHexString(placeholder));
    }
    frame[V4_TCP + 16] = (byte) 0x99;
    frame[V4_TCP + 17] = (byte) 0x99;
    assertEquals(Packet.CHECKSUM_VERIFIED | Packet.CHECKSUM_TCP_BAD, verify(frame).checksums());
  }

  /** Every segment of an IPv6 capture that tshark verifies as right verifies here too. */
  @Test
  void ipv6CaptureVerifies() throws Exception {
    Path capture = SharedCaptures.root().resolve("pcapplusplus/four_ipv6_http_streams.pcap");
    int segments = 0;
    try (Captures.Opened o = Captures.open(capture)) {
      Frame f = new Frame();
      Packet p = new Packet();
      PacketDecoder d = new PacketDecoder().verifyChecksums(true);
      while (o.reader().next(f)) {
        d.decode(f, p);
        if (p.isTcp()) {
          segments++;
          assertEquals(6, p.ipVersion());
          assertEquals(Packet.CHECKSUM_VERIFIED, p.checksums(), "frame " + f.number);
        }
      }
    }
    assertEquals(81, segments);
  }

  /** zeek/syn-bad.pcap: tshark says the SYN's checksum 0x9999 should be 0x3bc0. */
  @Test
  void zeekSynBad() throws Exception {
    Path capture = SharedCaptures.root().resolve("zeek/syn-bad.pcap");
    try (Captures.Opened o = Captures.open(capture)) {
      Frame f = new Frame();
      Packet p = new Packet();
      o.reader().next(f);
      new PacketDecoder().verifyChecksums(true).decode(f, p);
      assertEquals(Packet.CHECKSUM_VERIFIED | Packet.CHECKSUM_TCP_BAD, p.checksums());
      assertEquals(0x9999, p.checksum());
      assertEquals(0x3bc0, p.tcpChecksumExpected());
    }
  }
}
