package org.tcplint.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcplint.decode.Wire.bytes;
import static org.tcplint.decode.Wire.cat;
import static org.tcplint.decode.Wire.decode;
import static org.tcplint.decode.Wire.ethernet;
import static org.tcplint.decode.Wire.u16;
import static org.tcplint.decode.Wire.u32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tcplint.capture.Frame;

/** Link-layer headers in front of IP: where the IP header is found, or why it is not. */
class LinkLayerDecodeTest {
  /** A bare SYN: 20-byte TCP header, no options, no payload. */
  private static final byte[] SEG = Wire.tcp(TcpFlags.SYN, new byte[0], new byte[0]);

  private static final byte[] V4 = Wire.ipv4(Wire.PROTO_TCP, SEG);
  private static final byte[] V6 = Wire.ipv6(Wire.PROTO_TCP, SEG);

  private static final int ETH_IPV4 = 0x0800;
  private static final int ETH_IPV6 = 0x86DD;

  /** The SYN was found with its IP header at {@code ipOffset}. */
  private static void assertSynAt(Packet p, int ipOffset, int version) {
    assertEquals(Packet.Status.TCP, p.status());
    assertNull(p.problem());
    assertEquals(version, p.ipVersion());
    assertEquals(ipOffset, p.ipOffset());
    int ipLen = version == 4 ? 20 : 40;
    assertEquals(ipLen, p.ipHeaderLength());
    assertEquals(ipOffset + ipLen, p.tcpOffset());
    assertEquals(50000, p.srcPort());
    assertEquals(80, p.dstPort());
    assertEquals(0x01020304, p.seq());
    assertEquals(TcpFlags.SYN, p.flags());
    assertEquals(20, p.tcpHeaderLength());
    assertEquals(0, p.tcpLength());
    assertEquals(0, p.tunnels());
    assertArrayEquals(version == 4 ? Wire.V4_SRC : Wire.V6_SRC, p.srcAddress().getAddress());
    assertArrayEquals(version == 4 ? Wire.V4_DST : Wire.V6_DST, p.dstAddress().getAddress());
  }

  @Test
  void ethernetIpv4() {
    Packet p = decode(LinkType.ETHERNET, ethernet(ETH_IPV4, V4));
    assertSynAt(p, 14, 4);
    // Source MAC 02:00:00:00:00:01 sits at bytes 6..11.
    assertEquals(0x020000000001L, p.linkSource());
  }

  @Test
  void ethernetIpv6() {
    assertSynAt(decode(LinkType.ETHERNET, ethernet(ETH_IPV6, V6)), 14, 6);
  }

  @Test
  void vlan8021q() {
    // TPID 0x8100, TCI = PCP 1 / DEI 0 / VID 100, then the inner type.
    byte[] f = ethernet(0x8100, cat(u16(0x2064), u16(ETH_IPV4), V4));
    Packet p = decode(LinkType.ETHERNET, f);
    assertSynAt(p, 18, 4);
    assertEquals(0x020000000001L, p.linkSource());
  }

  @Test
  void qinq8021adOuterAnd8021qInner() {
    byte[] f = ethernet(0x88A8, cat(u16(10), u16(0x8100), u16(100), u16(ETH_IPV6), V6));
    assertSynAt(decode(LinkType.ETHERNET, f), 22, 6);
  }

  @ParameterizedTest
  @ValueSource(ints = {0x9100, 0x9200})
  void prestandardQinqTpids(int outer) {
    byte[] f = ethernet(outer, cat(u16(10), u16(0x8100), u16(100), u16(ETH_IPV4), V4));
    assertSynAt(decode(LinkType.ETHERNET, f), 22, 4);
  }

  @Test
  void threeStackedTags() {
    byte[] tags = cat(u16(1), u16(0x88A8), u16(2), u16(0x8100), u16(3), u16(ETH_IPV4));
    assertSynAt(decode(LinkType.ETHERNET, ethernet(0x88A8, cat(tags, V4))), 26, 4);
  }

  @Test
  void vlanTagCutBySnaplen() {
    byte[] f = ethernet(0x8100, cat(u16(100), u16(ETH_IPV4), V4));
    Packet p = decode(LinkType.ETHERNET, f, 16, f.length);
    assertEquals(Packet.Status.NOT_IP, p.status());
    assertFalse(p.hasTcpPorts());
  }

  @Test
  void ieee8023WithLlcSnap() {
    // 802.3 length field, then LLC DSAP 0xAA SSAP 0xAA control 0x03 and SNAP OUI 000000 + type.
    byte[] llc = cat(bytes(0xAA, 0xAA, 0x03, 0, 0, 0), u16(ETH_IPV4), V4);
    assertSynAt(decode(LinkType.ETHERNET, ethernet(llc.length, llc)), 22, 4);
    byte[] llc6 = cat(bytes(0xAA, 0xAA, 0x03, 0, 0, 0), u16(ETH_IPV6), V6);
    assertSynAt(decode(LinkType.ETHERNET, ethernet(llc6.length, llc6)), 22, 6);
  }

  @Test
  void ieee8023WithPlainLlcIsNotIp() {
    // Spanning tree BPDU: LLC DSAP 0x42 SSAP 0x42 control 0x03.
    byte[] llc = cat(bytes(0x42, 0x42, 0x03), new byte[35]);
    Packet p = decode(LinkType.ETHERNET, ethernet(llc.length, llc));
    assertEquals(Packet.Status.NOT_IP, p.status());
    assertEquals(0, p.ipVersion());
    assertFalse(p.hasTcpPorts());
  }

  @Test
  void pppoeSession() {
    // RFC 2516 §4: ver/type 0x11, code 0, session id, length; then the PPP protocol (0x0021 =
    // IPv4).
    byte[] pppoe = cat(bytes(0x11, 0x00), u16(0x1234), u16(2 + V4.length), u16(0x0021), V4);
    assertSynAt(decode(LinkType.ETHERNET, ethernet(0x8864, pppoe)), 22, 4);
  }

  @Test
  void mplsLabelStack() {
    // RFC 3032: label(20) TC(3) S(1) TTL(8); S marks the bottom of the stack.
    byte[] labels = cat(u32((16 << 12) | 64), u32((17 << 12) | (1 << 8) | 64));
    assertSynAt(decode(LinkType.ETHERNET, ethernet(0x8847, cat(labels, V6))), 22, 6);
  }

  @Test
  void nonIpEthertype() {
    // ARP request, 28 bytes.
    Packet p = decode(LinkType.ETHERNET, ethernet(0x0806, new byte[28]));
    assertEquals(Packet.Status.NOT_IP, p.status());
    assertEquals(0, p.ipVersion());
    assertEquals(0, p.tcpOffset());
    assertFalse(p.hasTcpHeader());
    assertFalse(p.isTcp());
  }

  @Test
  void ethernetHeaderCut() {
    byte[] f = ethernet(ETH_IPV4, V4);
    assertEquals(Packet.Status.NOT_IP, decode(LinkType.ETHERNET, f, 13, f.length).status());
  }

  @Test
  void linuxSll() {
    // packet type 0 (to us), ARPHRD_ETHER 1, address length 6, 8 address bytes, protocol.
    byte[] sll = cat(u16(0), u16(1), u16(6), bytes(2, 0, 0, 0, 0, 1, 0, 0), u16(ETH_IPV4), V4);
    Packet p = decode(LinkType.LINUX_SLL, sll);
    assertSynAt(p, 16, 4);
    assertEquals(-1, p.linkSource());
    byte[] sll6 = cat(u16(4), u16(1), u16(6), bytes(2, 0, 0, 0, 0, 1, 0, 0), u16(ETH_IPV6), V6);
    assertSynAt(decode(LinkType.LINUX_SLL, sll6), 16, 6);
  }

  @Test
  void linuxSllCarryingArpIsNotIp() {
    byte[] sll = cat(u16(0), u16(1), u16(6), new byte[8], u16(0x0806), new byte[28]);
    assertEquals(Packet.Status.NOT_IP, decode(LinkType.LINUX_SLL, sll).status());
  }

  @Test
  void linuxSll2() {
    // protocol, reserved, interface index, ARPHRD, packet type, address length, 8 address bytes.
    byte[] sll2 = cat(u16(ETH_IPV6), u16(0), u32(3), u16(1), bytes(4, 6), new byte[8], V6);
    Packet p = decode(LinkType.LINUX_SLL2, sll2);
    assertSynAt(p, 20, 6);
    assertEquals(-1, p.linkSource());
    byte[] sll2v4 = cat(u16(ETH_IPV4), u16(0), u32(3), u16(1), bytes(0, 6), new byte[8], V4);
    assertSynAt(decode(LinkType.LINUX_SLL2, sll2v4), 20, 4);
  }

  @Test
  void linuxSll2HeaderCut() {
    byte[] sll2 = cat(u16(ETH_IPV4), u16(0), u32(3), u16(1), bytes(0, 6), new byte[8], V4);
    assertEquals(Packet.Status.NOT_IP, decode(LinkType.LINUX_SLL2, sll2, 19, 60).status());
  }

  @Test
  void bsdNullLittleEndianHostIpv4() {
    assertSynAt(decode(LinkType.NULL, cat(bytes(2, 0, 0, 0), V4)), 4, 4);
  }

  @Test
  void bsdNullBigEndianHostIpv4() {
    assertSynAt(decode(LinkType.NULL, cat(bytes(0, 0, 0, 2), V4)), 4, 4);
  }

  /** AF_INET6 is 24 on NetBSD/OpenBSD, 28 on FreeBSD, 30 on Darwin. */
  @ParameterizedTest
  @ValueSource(ints = {24, 28, 30})
  void bsdNullIpv6Families(int family) {
    assertSynAt(decode(LinkType.NULL, cat(bytes(family, 0, 0, 0), V6)), 4, 6);
    assertSynAt(decode(LinkType.NULL, cat(bytes(0, 0, 0, family), V6)), 4, 6);
  }

  @Test
  void bsdNullUnknownFamily() {
    // AF_APPLETALK (16 on the BSDs).
    assertEquals(Packet.Status.NOT_IP, decode(LinkType.NULL, cat(bytes(16, 0, 0, 0), V4)).status());
  }

  @Test
  void loopIsNetworkOrder() {
    assertSynAt(decode(LinkType.LOOP, cat(bytes(0, 0, 0, 2), V4)), 4, 4);
    assertSynAt(decode(LinkType.LOOP, cat(bytes(0, 0, 0, 24), V6)), 4, 6);
    // 02 00 00 00 read in network order is 0x02000000, not an address family.
    assertEquals(Packet.Status.NOT_IP, decode(LinkType.LOOP, cat(bytes(2, 0, 0, 0), V4)).status());
  }

  @ParameterizedTest
  @ValueSource(ints = {LinkType.RAW, LinkType.RAW_BSD, LinkType.RAW_OPENBSD})
  void rawIpByVersionNibble(int linkType) {
    assertSynAt(decode(linkType, V4), 0, 4);
    assertSynAt(decode(linkType, V6), 0, 6);
    byte[] v5 = V4.clone();
    v5[0] = 0x55;
    assertEquals(Packet.Status.NOT_IP, decode(linkType, v5).status());
  }

  @Test
  void linktypeIpv4AndIpv6() {
    assertSynAt(decode(LinkType.IPV4, V4), 0, 4);
    assertSynAt(decode(LinkType.IPV6, V6), 0, 6);
  }

  @Test
  void linktypeIpv4CarryingIpv6IsMalformed() {
    Packet p = decode(LinkType.IPV4, V6);
    assertEquals(Packet.Status.MALFORMED, p.status());
    assertEquals("IPv4 header has version 6", p.problem());
    assertEquals(0, p.problemOffset());
  }

  @Test
  void linktypeIpv6CarryingIpv4IsMalformed() {
    byte[] padded = cat(V4, new byte[20]); // long enough for an IPv6 base header
    Packet p = decode(LinkType.IPV6, padded);
    assertEquals(Packet.Status.MALFORMED, p.status());
    assertEquals("IPv6 header has version 4", p.problem());
  }

  @ParameterizedTest
  @ValueSource(ints = {105, 127, 147, 9999})
  void unsupportedLinkType(int linkType) {
    assertFalse(LinkType.supported(linkType));
    Packet p = decode(linkType, ethernet(ETH_IPV4, V4));
    assertEquals(Packet.Status.UNSUPPORTED_LINK, p.status());
    assertFalse(p.hasTcpPorts());
    assertEquals("LINKTYPE_" + linkType, LinkType.name(linkType));
  }

  @Test
  void supportedLinkTypesAndNames() {
    int[] supported = {0, 1, 12, 14, 101, 108, 113, 228, 229, 276};
    String[] names = {
      "NULL", "EN10MB", "RAW", "RAW", "RAW", "LOOP", "LINUX_SLL", "IPV4", "IPV6", "LINUX_SLL2"
    };
    for (int i = 0; i < supported.length; i++) {
      assertTrue(LinkType.supported(supported[i]), "link type " + supported[i]);
      assertEquals(names[i], LinkType.name(supported[i]));
    }
  }

  @Test
  void customBlockIsNotAPacket() {
    Frame f = new Frame();
    f.data = ethernet(ETH_IPV4, V4);
    f.capLen = f.data.length;
    f.origLen = f.data.length;
    f.linkType = LinkType.ETHERNET;
    f.kind = Frame.Kind.CUSTOM_BLOCK;
    Packet p = new Packet();
    new PacketDecoder().decode(f, p);
    assertEquals(Packet.Status.NOT_A_PACKET, p.status());
    assertFalse(p.hasTcpPorts());
  }

  @Test
  void frameAtAnOffsetInsideALargerBuffer() {
    byte[] eth = ethernet(ETH_IPV4, V4);
    byte[] buf = new byte[9 + eth.length + 30];
    java.util.Arrays.fill(buf, (byte) 0x5A);
    System.arraycopy(eth, 0, buf, 9, eth.length);
    Frame f = new Frame();
    f.data = buf;
    f.offset = 9;
    f.capLen = eth.length;
    f.origLen = eth.length;
    f.linkType = LinkType.ETHERNET;
    f.kind = Frame.Kind.PACKET;
    Packet p = new Packet();
    new PacketDecoder().decode(f, p);
    assertSynAt(p, 9 + 14, 4);
    assertEquals(9 + 14 + 12, p.srcAddressOffset());
    assertEquals(9 + 14 + 16, p.dstAddressOffset());
    assertEquals(0x020000000001L, p.linkSource());
  }

  @Test
  void reusedPacketForgetsThePreviousFrame() {
    Frame f = new Frame();
    Packet p = new Packet();
    PacketDecoder d = new PacketDecoder();
    f.data = ethernet(ETH_IPV4, V4);
    f.capLen = f.data.length;
    f.origLen = f.data.length;
    f.linkType = LinkType.ETHERNET;
    d.decode(f, p);
    assertSynAt(p, 14, 4);

    f.data = cat(u16(0), u16(1), u16(6), new byte[8], u16(0x0806), new byte[28]);
    f.capLen = f.data.length;
    f.origLen = f.data.length;
    f.linkType = LinkType.LINUX_SLL;
    d.decode(f, p);
    assertEquals(Packet.Status.NOT_IP, p.status());
    assertEquals(0, p.ipVersion());
    assertEquals(0, p.tunnels());
    assertEquals(-1, p.linkSource());
    assertFalse(p.hasTcpPorts());
    assertNull(p.problem());
  }
}
