package org.tcplint.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcplint.decode.Wire.PROTO_TCP;
import static org.tcplint.decode.Wire.cat;
import static org.tcplint.decode.Wire.decode;
import static org.tcplint.decode.Wire.ethernet;
import static org.tcplint.decode.Wire.ipv4;
import static org.tcplint.decode.Wire.payload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv4 (RFC 791 §3.1): header length, total length, fragments, tunnels, snaplen. */
class Ipv4DecodeTest {
  private static final int ETH = 0x0800;

  /** An ACK carrying {@code n} payload bytes. */
  private static byte[] seg(int n) {
    return Wire.tcp(TcpFlags.ACK, new byte[0], payload(n));
  }

  @Test
  void headerFields() {
    byte[] ip = ipv4(PROTO_TCP, seg(10));
    ip[1] = (byte) ((46 << 2) | 3); // DSCP EF, ECN CE
    ip[4] = (byte) 0xBE; // identification
    ip[5] = (byte) 0xEF;
    ip[8] = 57; // TTL
    Packet p = decode(LinkType.RAW, ip);
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(4, p.ipVersion());
    assertEquals(0, p.ipOffset());
    assertEquals(20, p.ipHeaderLength());
    assertEquals(3, p.ecn());
    assertEquals(57, p.ttl());
    assertEquals(0xBEEF, p.ipId());
    assertEquals(4, p.addressLength());
    assertEquals(12, p.srcAddressOffset());
    assertEquals(16, p.dstAddressOffset());
    assertArrayEquals(Wire.V4_SRC, p.srcAddress().getAddress());
    assertArrayEquals(Wire.V4_DST, p.dstAddress().getAddress());
    assertEquals(20, p.tcpOffset());
    assertEquals(10, p.tcpLength());
    assertEquals(40, p.payloadOffset());
    assertEquals(10, p.capturedPayload());
  }

  @ParameterizedTest
  @ValueSource(ints = {6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
  void headerWithOptions(int ihl) {
    byte[] s = seg(10);
    byte[] f = ethernet(ETH, ipv4(ihl, ihl * 4 + s.length, 0x4000, PROTO_TCP, s));
    Packet p = decode(LinkType.ETHERNET, f);
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(ihl * 4, p.ipHeaderLength());
    assertEquals(14 + ihl * 4, p.tcpOffset());
    assertEquals(50000, p.srcPort());
    assertEquals(10, p.tcpLength());
    assertEquals(10, p.capturedPayload());
    assertEquals(14 + ihl * 4 + 20, p.payloadOffset());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void headerLengthBelowFiveWords(int ihl) {
    byte[] s = seg(0);
    byte[] f = ethernet(ETH, ipv4(ihl, 20 + s.length, 0x4000, PROTO_TCP, s));
    Packet p = decode(LinkType.ETHERNET, f);
    assertEquals(Packet.Status.MALFORMED, p.status());
    assertEquals("IPv4 header length " + ihl * 4 + " is below 20 bytes", p.problem());
    assertEquals(14, p.problemOffset());
    assertFalse(p.hasTcpPorts());
    assertFalse(p.isTcp());
  }

  @Test
  void totalLengthBelowHeaderLength() {
    byte[] s = seg(0);
    Packet p = decode(LinkType.ETHERNET, ethernet(ETH, ipv4(5, 19, 0x4000, PROTO_TCP, s)));
    assertEquals(Packet.Status.MALFORMED, p.status());
    assertEquals("IPv4 total length 19 is below its header length 20", p.problem());
    assertEquals(14 + 2, p.problemOffset());
    assertFalse(p.hasTcpPorts());

    p = decode(LinkType.ETHERNET, ethernet(ETH, ipv4(6, 23, 0x4000, PROTO_TCP, s)));
    assertEquals(Packet.Status.MALFORMED, p.status());
    assertEquals("IPv4 total length 23 is below its header length 24", p.problem());
    assertEquals(14 + 2, p.problemOffset());
  }

  /**
   * Non-zero fragment offsets (185 = 1480 bytes, with and without MF; 1 = 8 bytes; the largest):
   * the TCP header is in the first fragment, not here.
   */
  @ParameterizedTest
  @ValueSource(ints = {0x00B9, 0x20B9, 0x0001, 0x3FFF})
  void nonFirstFragment(int flagsAndOffset) {
    byte[] s = payload(100);
    Packet p = decode(LinkType.RAW, ipv4(5, 120, flagsAndOffset, PROTO_TCP, s));
    assertEquals(Packet.Status.FRAGMENT, p.status());
    assertEquals(4, p.ipVersion());
    assertEquals(0x1234, p.ipId());
    assertEquals(0, p.tcpOffset());
    assertFalse(p.hasTcpPorts());
    assertNull(p.problem());
  }

  @Test
  void firstFragmentWithMoreFragmentsIsStillTcp() {
    byte[] s = seg(1000);
    Packet p = decode(LinkType.RAW, ipv4(5, 20 + s.length, 0x2000, PROTO_TCP, s));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(20, p.tcpOffset());
    assertEquals(1000, p.tcpLength());
    assertEquals(0x1234, p.ipId());
  }

  @Test
  void ipInIpTunnel() {
    byte[] inner = ipv4(PROTO_TCP, seg(7));
    byte[] outer = ipv4(4, inner);
    outer[12] = (byte) 203; // outer 203.0.113.1 -> 203.0.113.2
    outer[13] = 0;
    outer[14] = 113;
    outer[15] = 1;
    outer[16] = (byte) 203;
    outer[17] = 0;
    outer[18] = 113;
    outer[19] = 2;
    Packet p = decode(LinkType.ETHERNET, ethernet(ETH, outer));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(1, p.tunnels());
    assertEquals(4, p.ipVersion());
    assertEquals(14 + 20, p.ipOffset());
    assertEquals(14 + 40, p.tcpOffset());
    assertArrayEquals(Wire.V4_SRC, p.srcAddress().getAddress());
    assertArrayEquals(Wire.V4_DST, p.dstAddress().getAddress());
    assertEquals(7, p.tcpLength());
  }

  @Test
  void twoTunnelLayers() {
    byte[] ip = ipv4(4, ipv4(4, ipv4(PROTO_TCP, seg(3))));
    Packet p = decode(LinkType.RAW, ip);
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(2, p.tunnels());
    assertEquals(40, p.ipOffset());
    assertEquals(60, p.tcpOffset());
    assertEquals(3, p.tcpLength());
  }

  @Test
  void ipv6InIpv4AndIpv4InIpv6() {
    Packet p = decode(LinkType.RAW, ipv4(41, Wire.ipv6(PROTO_TCP, seg(5))));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(1, p.tunnels());
    assertEquals(6, p.ipVersion());
    assertEquals(20, p.ipOffset());
    assertEquals(60, p.tcpOffset());
    assertEquals(5, p.tcpLength());

    p = decode(LinkType.RAW, Wire.ipv6(4, ipv4(PROTO_TCP, seg(5))));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(1, p.tunnels());
    assertEquals(4, p.ipVersion());
    assertEquals(40, p.ipOffset());
    assertEquals(60, p.tcpOffset());
    assertEquals(5, p.tcpLength());
  }

  @Test
  void otherTransportIsNotTcp() {
    // UDP, 8-byte header.
    Packet p = decode(LinkType.RAW, ipv4(17, new byte[8]));
    assertEquals(Packet.Status.NOT_TCP, p.status());
    assertEquals(4, p.ipVersion());
    assertFalse(p.hasTcpPorts());
  }

  @Test
  void totalLengthLargerThanTheWireUsesTheWire() {
    byte[] s = seg(100);
    byte[] f = ethernet(ETH, ipv4(5, 1500, 0x4000, PROTO_TCP, s));
    Packet p = decode(LinkType.ETHERNET, f);
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(100, p.tcpLength());
    assertEquals(100, p.capturedPayload());
  }

  @Test
  void snaplenCutKeepsTheLengthFromTheIpHeader() {
    byte[] f = ethernet(ETH, ipv4(PROTO_TCP, seg(1000)));
    assertEquals(14 + 20 + 20 + 1000, f.length);
    Packet p = decode(LinkType.ETHERNET, f, 14 + 40 + 50, f.length);
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(1000, p.tcpLength());
    assertEquals(50, p.capturedPayload());
    assertEquals(54, p.payloadOffset());
  }

  @Test
  void ethernetPaddingIsNotPayload() {
    // A bare ACK is 54 bytes; Ethernet pads the frame to 60 (without FCS).
    byte[] f = cat(ethernet(ETH, ipv4(PROTO_TCP, seg(0))), new byte[6]);
    Packet p = decode(LinkType.ETHERNET, f);
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(0, p.tcpLength());
    assertEquals(0, p.capturedPayload());

    f = cat(ethernet(ETH, ipv4(PROTO_TCP, seg(2))), new byte[4]);
    assertEquals(60, f.length);
    p = decode(LinkType.ETHERNET, f);
    assertEquals(2, p.tcpLength());
    assertEquals(2, p.capturedPayload());
  }

  /** Segmentation offload leaves the total length 0: the packet ends where the frame ends. */
  @Test
  void totalLengthZeroTakesTheFrameLength() {
    byte[] ip = ipv4(5, 0, 0x4000, PROTO_TCP, seg(3000));
    Packet p = decode(LinkType.RAW, ip);
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(3000, p.tcpLength());
    assertEquals(3000, p.capturedPayload());
  }

  @Test
  void totalLengthZeroCutBySnaplenTakesTheWireLength() {
    byte[] ip = ipv4(5, 0, 0x4000, PROTO_TCP, seg(3000));
    Packet p = decode(LinkType.RAW, ip, 96, ip.length);
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(3000, p.tcpLength());
    assertEquals(96 - 40, p.capturedPayload());
  }

  @Test
  void optionsCutBySnaplenIsATcpHeaderCut() {
    byte[] s = seg(0);
    byte[] ip = ipv4(15, 60 + s.length, 0x4000, PROTO_TCP, s);
    Packet p = decode(LinkType.RAW, ip, 40, ip.length);
    assertEquals(Packet.Status.TCP_HEADER_CUT, p.status());
    assertEquals(60, p.ipHeaderLength());
    assertFalse(p.hasTcpPorts());
    assertNull(p.problem());
  }

  @Test
  void baseHeaderCutBySnaplenIsNotIp() {
    byte[] ip = ipv4(PROTO_TCP, seg(0));
    assertEquals(Packet.Status.NOT_IP, decode(LinkType.RAW, ip, 19, ip.length).status());
  }

  @Test
  void flagsAndTtlDoNotAffectDecoding() {
    byte[] s = seg(4);
    byte[] ip = ipv4(5, 20 + s.length, 0x8000 | 0x4000, PROTO_TCP, s); // evil bit + DF
    Packet p = decode(LinkType.RAW, ip);
    assertTrue(p.isTcp());
    assertEquals(4, p.tcpLength());
  }
}
