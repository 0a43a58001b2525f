package org.tcplint.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.tcplint.decode.Wire.PROTO_TCP;
import static org.tcplint.decode.Wire.bytes;
import static org.tcplint.decode.Wire.cat;
import static org.tcplint.decode.Wire.decode;
import static org.tcplint.decode.Wire.ethernet;
import static org.tcplint.decode.Wire.ipv6;
import static org.tcplint.decode.Wire.payload;
import static org.tcplint.decode.Wire.u32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv6 (RFC 8200) and its extension headers in front of TCP. */
class Ipv6DecodeTest {
  private static final int HOP_BY_HOP = 0;
  private static final int ROUTING = 43;
  private static final int FRAGMENT = 44;
  private static final int AH = 51;
  private static final int DEST_OPTS = 60;

  private static byte[] seg(int n) {
    return Wire.tcp(TcpFlags.ACK | TcpFlags.PSH, new byte[0], payload(n));
  }

  /** Hop-by-hop options (RFC 8200 §4.3), 8 bytes: a PadN option of 4 bytes fills it. */
  private static byte[] hopByHop(int next) {
    return bytes(next, 0, 1, 4, 0, 0, 0, 0);
  }

  /** Type 2 routing header (RFC 6275 §6.4), 24 bytes: Hdr Ext Len 2, one home address. */
  private static byte[] routing(int next) {
    return cat(bytes(next, 2, 2, 1, 0, 0, 0, 0), Wire.V6_SRC);
  }

  /** Destination options (RFC 8200 §4.6), 16 bytes: Hdr Ext Len 1, a PadN of 14 bytes. */
  private static byte[] destOpts(int next) {
    return cat(bytes(next, 1, 1, 12), new byte[12]);
  }

  /** Fragment header (RFC 8200 §4.5): offset in 8-byte units, M flag. */
  private static byte[] fragment(int next, int offset, boolean more) {
    int field = (offset << 3) | (more ? 1 : 0);
    return cat(bytes(next, 0, field >>> 8, field), u32(0xDEADBEEF));
  }

  /** Authentication header (RFC 4302 §2), 24 bytes: Payload Len 4 (in 4-byte words minus 2). */
  private static byte[] ah(int next) {
    return cat(bytes(next, 4, 0, 0), u32(0x100), u32(1), new byte[12]);
  }

  @Test
  void headerFields() {
    byte[] ip = ipv6(PROTO_TCP, seg(10));
    // Traffic class 0xB9 (DSCP EF, ECN ECT(1)) straddles bytes 0 and 1; hop limit 63.
    ip[0] = (byte) 0x6B;
    ip[1] = (byte) 0x90;
    ip[7] = 63;
    Packet p = decode(LinkType.ETHERNET, ethernet(0x86DD, ip));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(6, p.ipVersion());
    assertEquals(14, p.ipOffset());
    assertEquals(40, p.ipHeaderLength());
    assertEquals(1, p.ecn());
    assertEquals(63, p.ttl());
    assertEquals(0, p.ipId());
    assertEquals(16, p.addressLength());
    assertEquals(14 + 8, p.srcAddressOffset());
    assertEquals(14 + 24, p.dstAddressOffset());
    assertArrayEquals(Wire.V6_SRC, p.srcAddress().getAddress());
    assertArrayEquals(Wire.V6_DST, p.dstAddress().getAddress());
    assertEquals(14 + 40, p.tcpOffset());
    assertEquals(10, p.tcpLength());
    assertEquals(10, p.capturedPayload());
  }

  @Test
  void hopByHop() {
    Packet p = decode(LinkType.IPV6, ipv6(HOP_BY_HOP, cat(hopByHop(PROTO_TCP), seg(12))));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(48, p.ipHeaderLength());
    assertEquals(48, p.tcpOffset());
    assertEquals(12, p.tcpLength());
    assertEquals(50000, p.srcPort());
  }

  @Test
  void routingHeader() {
    Packet p = decode(LinkType.IPV6, ipv6(ROUTING, cat(routing(PROTO_TCP), seg(12))));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(64, p.ipHeaderLength());
    assertEquals(64, p.tcpOffset());
    assertEquals(12, p.tcpLength());
  }

  @Test
  void destinationOptions() {
    Packet p = decode(LinkType.IPV6, ipv6(DEST_OPTS, cat(destOpts(PROTO_TCP), seg(12))));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(56, p.ipHeaderLength());
    assertEquals(56, p.tcpOffset());
    assertEquals(12, p.tcpLength());
  }

  @Test
  void chainOfExtensionHeaders() {
    byte[] body =
        cat(hopByHop(ROUTING), routing(DEST_OPTS), destOpts(PROTO_TCP), seg(12)); // 8+24+16
    Packet p = decode(LinkType.IPV6, ipv6(HOP_BY_HOP, body));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(40 + 48, p.ipHeaderLength());
    assertEquals(88, p.tcpOffset());
    assertEquals(12, p.tcpLength());
    assertEquals(88 + 20, p.payloadOffset());
  }

  @Test
  void firstFragmentIsTcp() {
    Packet p = decode(LinkType.IPV6, ipv6(FRAGMENT, cat(fragment(PROTO_TCP, 0, true), seg(12))));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(48, p.ipHeaderLength());
    assertEquals(48, p.tcpOffset());
    assertEquals(12, p.tcpLength());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void nonFirstFragment(boolean more) {
    byte[] ip = ipv6(FRAGMENT, cat(fragment(PROTO_TCP, 185, more), payload(100)));
    Packet p = decode(LinkType.IPV6, ip);
    assertEquals(Packet.Status.FRAGMENT, p.status());
    assertEquals(6, p.ipVersion());
    assertEquals(0, p.tcpOffset());
    assertFalse(p.hasTcpPorts());
    assertNull(p.problem());
  }

  @Test
  void authenticationHeader() {
    Packet p = decode(LinkType.IPV6, ipv6(AH, cat(ah(PROTO_TCP), seg(12))));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(64, p.ipHeaderLength());
    assertEquals(64, p.tcpOffset());
    assertEquals(12, p.tcpLength());
  }

  @Test
  void authenticationHeaderAfterHopByHop() {
    byte[] body = cat(hopByHop(AH), ah(DEST_OPTS), destOpts(PROTO_TCP), seg(1));
    Packet p = decode(LinkType.IPV6, ipv6(HOP_BY_HOP, body));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(40 + 8 + 24 + 16, p.tcpOffset());
    assertEquals(1, p.tcpLength());
  }

  @ParameterizedTest
  @ValueSource(ints = {17, 50, 58, 59})
  void otherNextHeadersAreNotTcp(int next) {
    // UDP, ESP, ICMPv6, No Next Header.
    Packet p = decode(LinkType.IPV6, ipv6(next, new byte[24]));
    assertEquals(Packet.Status.NOT_TCP, p.status());
    assertEquals(6, p.ipVersion());
    assertFalse(p.hasTcpPorts());
  }

  @Test
  void extensionHeadersPastThePayloadLength() {
    Packet p = decode(LinkType.IPV6, ipv6(HOP_BY_HOP, 4, cat(hopByHop(PROTO_TCP), seg(0))));
    assertEquals(Packet.Status.MALFORMED, p.status());
    assertEquals("IPv6 extension headers run past the payload length 4", p.problem());
    assertEquals(4, p.problemOffset());
  }

  @Test
  void payloadLengthZeroTakesTheFrameLength() {
    Packet p = decode(LinkType.IPV6, ipv6(PROTO_TCP, 0, seg(30)));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(30, p.tcpLength());
    assertEquals(30, p.capturedPayload());
  }

  @Test
  void payloadLengthZeroCutBySnaplenTakesTheWireLength() {
    byte[] ip = ipv6(PROTO_TCP, 0, seg(3000));
    Packet p = decode(LinkType.IPV6, ip, 100, ip.length);
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(3000, p.tcpLength());
    assertEquals(100 - 60, p.capturedPayload());
  }

  @Test
  void payloadLengthLargerThanTheWireUsesTheWire() {
    Packet p = decode(LinkType.IPV6, ipv6(PROTO_TCP, 1000, seg(10)));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(10, p.tcpLength());
  }

  @Test
  void snaplenCutKeepsTheLengthFromTheIpHeader() {
    byte[] f = ethernet(0x86DD, ipv6(PROTO_TCP, seg(1400)));
    Packet p = decode(LinkType.ETHERNET, f, 14 + 60 + 20, f.length);
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(1400, p.tcpLength());
    assertEquals(20, p.capturedPayload());
  }

  @Test
  void baseHeaderCutIsNotIp() {
    byte[] ip = ipv6(PROTO_TCP, seg(0));
    assertEquals(Packet.Status.NOT_IP, decode(LinkType.IPV6, ip, 39, ip.length).status());
  }
}
