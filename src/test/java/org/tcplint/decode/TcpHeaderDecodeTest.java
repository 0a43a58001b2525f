package org.tcplint.decode;

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

/** The TCP header (RFC 9293 §3.1) behind Ethernet + a 20-byte IPv4 header: TCP at byte 34. */
class TcpHeaderDecodeTest {
  private static final int TCP = 34;

  private static Packet decodeSegment(byte[] tcp) {
    return decode(LinkType.ETHERNET, ethernet(0x0800, ipv4(PROTO_TCP, tcp)));
  }

  @Test
  void everyFixedField() {
    byte[] tcp =
        Wire.tcp(
            5, TcpFlags.ACK | TcpFlags.URG, 0xFFFFFFFE, 0x80000000, 0xFFFF, 0x8001, payload(9));
    Packet p = decodeSegment(tcp);
    assertEquals(Packet.Status.TCP, p.status());
    assertTrue(p.hasTcpHeader());
    assertTrue(p.hasTcpPorts());
    assertEquals(TCP, p.tcpOffset());
    assertEquals(50000, p.srcPort());
    assertEquals(80, p.dstPort());
    assertEquals(0xFFFFFFFE, p.seq());
    assertEquals(4294967294L, SeqNum.unsigned(p.seq()));
    assertEquals(0x80000000, p.ack());
    assertEquals(5, p.dataOffset());
    assertEquals(20, p.tcpHeaderLength());
    assertEquals(TcpFlags.ACK | TcpFlags.URG, p.flags());
    assertEquals(0xFFFF, p.window());
    assertEquals(0xBEEF, p.checksum());
    assertEquals(0x8001, p.urgentPointer());
    assertEquals(TCP + 20, p.optionsOffset());
    assertEquals(TCP + 20, p.optionsEnd());
    assertEquals(TCP + 20, p.payloadOffset());
    assertEquals(9, p.tcpLength());
    assertEquals(9, p.capturedPayload());
  }

  /** Each flag bit alone: FIN..CWR, AE (ex-NS, RFC 3540/AccECN) and the three reserved bits. */
  @ParameterizedTest
  @ValueSource(
      ints = {0x001, 0x002, 0x004, 0x008, 0x010, 0x020, 0x040, 0x080, 0x100, 0x200, 0x400, 0x800})
  void eachFlagBit(int bit) {
    Packet p = decodeSegment(Wire.tcp(5, bit, 1, 2, 3, 0, new byte[0]));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(bit, p.flags());
    assertEquals(5, p.dataOffset());
  }

  @Test
  void allTwelveBitsWithoutTheDataOffset() {
    Packet p = decodeSegment(Wire.tcp(5, 0xFFF, 1, 2, 3, 0, new byte[0]));
    assertEquals(0xFFF, p.flags());
    assertEquals(TcpFlags.RESERVED, p.flags() & TcpFlags.RESERVED);
    assertTrue(TcpFlags.has(p.flags(), TcpFlags.AE));
    assertEquals(5, p.dataOffset());
  }

  @Test
  void namedFlagValues() {
    assertEquals(0x001, TcpFlags.FIN);
    assertEquals(0x002, TcpFlags.SYN);
    assertEquals(0x004, TcpFlags.RST);
    assertEquals(0x008, TcpFlags.PSH);
    assertEquals(0x010, TcpFlags.ACK);
    assertEquals(0x020, TcpFlags.URG);
    assertEquals(0x040, TcpFlags.ECE);
    assertEquals(0x080, TcpFlags.CWR);
    assertEquals(0x100, TcpFlags.AE);
    assertEquals(0xE00, TcpFlags.RESERVED);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void dataOffsetBelowFive(int dataOffset) {
    Packet p =
        decodeSegment(
            Wire.tcp(dataOffset, TcpFlags.SYN, 0x11223344, 0x55667788, 1024, 0, payload(8)));
    assertEquals(Packet.Status.MALFORMED, p.status());
    assertEquals(
        "TCP data offset " + dataOffset + " is below 5 (header length " + dataOffset * 4 + ")",
        p.problem());
    assertEquals(TCP + 12, p.problemOffset());
    // The fixed 20 bytes are there: ports, numbers and flags stay readable (pkt.bad-data-offset).
    assertTrue(p.tcpBadHeader());
    assertEquals(dataOffset * 4, p.tcpHeaderLength());
    assertEquals(28, p.tcpSegmentLength());
    assertEquals(0, p.tcpLength());
    assertTrue(p.hasTcpHeader());
    assertTrue(p.hasTcpPorts());
    assertFalse(p.isTcp());
    assertEquals(TCP, p.tcpOffset());
    assertEquals(50000, p.srcPort());
    assertEquals(80, p.dstPort());
    assertEquals(0x11223344, p.seq());
    assertEquals(0x55667788, p.ack());
    assertEquals(TcpFlags.SYN, p.flags());
    assertEquals(dataOffset, p.dataOffset());
    assertEquals(1024, p.window());
  }

  @Test
  void headerLongerThanTheSegment() {
    // Data offset 8 (32 bytes) in a 24-byte segment.
    byte[] tcp = Wire.tcp(8, TcpFlags.ACK, 7, 8, 100, 0, new byte[4]);
    Packet p = decodeSegment(tcp);
    assertEquals(Packet.Status.MALFORMED, p.status());
    assertEquals("TCP header length 32 is larger than the segment length 24", p.problem());
    assertEquals(TCP + 12, p.problemOffset());
    assertTrue(p.tcpBadHeader());
    assertEquals(32, p.tcpHeaderLength());
    assertEquals(24, p.tcpSegmentLength());
    assertTrue(p.hasTcpHeader());
    assertEquals(7, p.seq());
  }

  @Test
  void segmentShorterThanABaseHeaderInAPaddedFrame() {
    // IPv4 says 32 bytes (12 of TCP); Ethernet padding fills the frame to 60.
    byte[] tcp = Wire.tcp(5, TcpFlags.ACK, 7, 8, 100, 0, new byte[0]);
    byte[] ip = ipv4(5, 32, 0x4000, PROTO_TCP, tcp);
    Packet p = decode(LinkType.ETHERNET, cat(ethernet(0x0800, ip), new byte[6]));
    assertEquals(Packet.Status.MALFORMED, p.status());
    assertEquals("TCP header length 20 is larger than the segment length 12", p.problem());
  }

  @Test
  void segmentShorterThanABaseHeaderIsMalformedNotCut() {
    // The same 32-byte IPv4 packet, whole on the wire and in the capture: nothing was cut.
    byte[] tcp = Wire.tcp(5, TcpFlags.ACK, 7, 8, 100, 0, new byte[0]);
    byte[] ip = java.util.Arrays.copyOf(ipv4(5, 32, 0x4000, PROTO_TCP, tcp), 32);
    Packet p = decode(LinkType.RAW, ip);
    assertEquals(Packet.Status.MALFORMED, p.status());
    assertEquals("TCP segment length 12 is below the 20-byte base header", p.problem());
    assertFalse(p.tcpBadHeader()); // no TCP header at all: decode.malformed
    assertEquals(20, p.problemOffset());
    assertEquals(20, p.tcpOffset());
    assertTrue(p.hasTcpPorts());
    assertFalse(p.hasTcpHeader());
  }

  @Test
  void longestHeader() {
    byte[] options = new byte[40];
    java.util.Arrays.fill(options, (byte) 1);
    Packet p = decodeSegment(Wire.tcp(TcpFlags.SYN, options, payload(3)));
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(15, p.dataOffset());
    assertEquals(60, p.tcpHeaderLength());
    assertEquals(TCP + 20, p.optionsOffset());
    assertEquals(TCP + 60, p.optionsEnd());
    assertEquals(TCP + 60, p.payloadOffset());
    assertEquals(3, p.tcpLength());
  }

  @Test
  void baseHeaderCutBySnaplen() {
    byte[] f = ethernet(0x0800, ipv4(PROTO_TCP, Wire.tcp(TcpFlags.SYN, new byte[0], payload(0))));
    Packet p = decode(LinkType.ETHERNET, f, TCP + 10, f.length);
    assertEquals(Packet.Status.TCP_HEADER_CUT, p.status());
    assertNull(p.problem());
    assertEquals(TCP, p.tcpOffset());
    assertTrue(p.hasTcpPorts());
    assertFalse(p.hasTcpHeader());
    assertEquals(50000, p.srcPort());
    assertEquals(80, p.dstPort());

    p = decode(LinkType.ETHERNET, f, TCP + 3, f.length);
    assertEquals(Packet.Status.TCP_HEADER_CUT, p.status());
    assertFalse(p.hasTcpPorts());

    p = decode(LinkType.ETHERNET, f, TCP + 19, f.length);
    assertEquals(Packet.Status.TCP_HEADER_CUT, p.status());
  }

  @Test
  void shortSegmentCutBySnaplenIsStillMalformed() {
    // IPv4 says 12 bytes of TCP: however much had been captured, no base header fits.
    byte[] tcp = Wire.tcp(5, TcpFlags.ACK, 7, 8, 100, 0, new byte[0]);
    byte[] ip = java.util.Arrays.copyOf(ipv4(5, 32, 0x4000, PROTO_TCP, tcp), 32);
    Packet p = decode(LinkType.RAW, ip, 28, 32);
    assertEquals(Packet.Status.MALFORMED, p.status());
    assertEquals("TCP segment length 12 is below the 20-byte base header", p.problem());
  }

  @Test
  void ipv6BaseHeaderCutBySnaplen() {
    byte[] ip = Wire.ipv6(PROTO_TCP, Wire.tcp(TcpFlags.SYN, new byte[0], payload(0)));
    Packet p = decode(LinkType.IPV6, ip, 40 + 12, ip.length);
    assertEquals(Packet.Status.TCP_HEADER_CUT, p.status());
    assertEquals(40, p.tcpOffset());
    assertTrue(p.hasTcpPorts());
    assertFalse(p.hasTcpHeader());
  }

  @Test
  void optionsCutBySnaplen() {
    byte[] options = new byte[20];
    java.util.Arrays.fill(options, (byte) 1);
    byte[] f = ethernet(0x0800, ipv4(PROTO_TCP, Wire.tcp(TcpFlags.SYN, options, payload(100))));
    Packet p = decode(LinkType.ETHERNET, f, TCP + 30, f.length);
    assertEquals(Packet.Status.TCP, p.status());
    assertEquals(40, p.tcpHeaderLength());
    assertEquals(TCP + 20, p.optionsOffset());
    assertEquals(TCP + 30, p.optionsEnd());
    assertEquals(100, p.tcpLength());
    assertEquals(0, p.capturedPayload());
  }
}
