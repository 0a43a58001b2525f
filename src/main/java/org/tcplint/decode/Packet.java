package org.tcplint.decode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.tcplint.capture.Bytes;

/**
 * A flyweight view over one decoded frame: offsets of the IP and TCP headers inside the frame's
 * buffer and typed getters that read the bytes in place. {@link PacketDecoder} refills the same
 * instance for every frame; nothing here is valid after the next frame is read.
 */
public final class Packet {
  /** How far decoding got. */
  public enum Status {
    /** A TCP segment with at least its 20-byte base header captured. */
    TCP,
    /** IP carrying something other than TCP. */
    NOT_TCP,
    /** Not IP at all (ARP, LLC, ...). */
    NOT_IP,
    /** A non-first IP fragment: carries no TCP header. */
    FRAGMENT,
    /** The link type is not one we decode. */
    UNSUPPORTED_LINK,
    /** TCP, but the snaplen cut the base header: nothing to analyse. */
    TCP_HEADER_CUT,
    /** A header is broken (bad IHL, bad data offset, a length past the packet). */
    MALFORMED,
    /** A pcapng custom block, not a packet. */
    NOT_A_PACKET
  }

  byte[] data;
  int end; // offset just past the captured bytes
  long wireEnd; // offset just past the packet's bytes on the wire (origLen)
  Status status;
  String problem;
  int problemOffset;
  int ipVersion;
  int ipOffset;
  int ipHeaderLen;
  int srcAddrOffset;
  int dstAddrOffset;
  int ecn;
  int ttl;
  int tcpOffset;
  int tcpHeaderLen;
  int tcpLen;
  int tunnels;
  int linkSrcOffset; // Ethernet source MAC offset, or -1
  int ipId;
  int tcpSegmentLen;
  boolean tcpBadHeader;
  boolean routed;
  int checksums;
  int tcpChecksumExpected;
  int ipChecksum;
  int ipChecksumExpected;

  /** {@link #checksums} bit: the checksums were verified (the whole segment was captured). */
  public static final int CHECKSUM_VERIFIED = 1;

  /** {@link #checksums} bit: the TCP checksum is wrong. */
  public static final int CHECKSUM_TCP_BAD = 2;

  /** {@link #checksums} bit: the IPv4 header checksum is wrong. */
  public static final int CHECKSUM_IP_BAD = 4;

  /**
   * {@link #checksums} bit: the wrong TCP checksum is an offload placeholder: 0 or the folded
   * pseudo-header sum (with or without the length).
   */
  public static final int CHECKSUM_PLACEHOLDER = 8;

  public Status status() {
    return status;
  }

  public boolean isTcp() {
    return status == Status.TCP;
  }

  /** What is broken, for {@link Status#MALFORMED} (else null). */
  public String problem() {
    return problem;
  }

  /** Offset inside the frame of the broken field, for {@link Status#MALFORMED}. */
  public int problemOffset() {
    return problemOffset;
  }

  public byte[] data() {
    return data;
  }

  public int ipVersion() {
    return ipVersion;
  }

  public int ipOffset() {
    return ipOffset;
  }

  public int ipHeaderLength() {
    return ipHeaderLen;
  }

  /** Length of an address in bytes: 4 or 16. */
  public int addressLength() {
    return ipVersion == 6 ? 16 : 4;
  }

  public int srcAddressOffset() {
    return srcAddrOffset;
  }

  public int dstAddressOffset() {
    return dstAddrOffset;
  }

  /** IP ECN field (two bits). */
  public int ecn() {
    return ecn;
  }

  /** IPv4 TTL or IPv6 hop limit. */
  public int ttl() {
    return ttl;
  }

  public int tcpOffset() {
    return tcpOffset;
  }

  /**
   * True when the base TCP header (20 bytes) was captured, also for a {@link Status#MALFORMED}
   * segment whose data offset or length is broken: its ports, numbers and flags are readable.
   */
  public boolean hasTcpHeader() {
    return tcpOffset > 0 && tcpOffset + 20 <= end;
  }

  /** True when at least the two port fields of a TCP header were captured. */
  public boolean hasTcpPorts() {
    return tcpOffset > 0 && tcpOffset + 4 <= end;
  }

  public int srcPort() {
    return Bytes.u16(data, tcpOffset);
  }

  public int dstPort() {
    return Bytes.u16(data, tcpOffset + 2);
  }

  public int seq() {
    return Bytes.i32(data, tcpOffset + 4);
  }

  public int ack() {
    return Bytes.i32(data, tcpOffset + 8);
  }

  /** Data offset field in 32-bit words. */
  public int dataOffset() {
    return (data[tcpOffset + 12] & 0xF0) >>> 4;
  }

  /** The 12 flag bits: reserved(3) AE CWR ECE URG ACK PSH RST SYN FIN. */
  public int flags() {
    return Bytes.u16(data, tcpOffset + 12) & 0x0FFF;
  }

  public int window() {
    return Bytes.u16(data, tcpOffset + 14);
  }

  public int checksum() {
    return Bytes.u16(data, tcpOffset + 16);
  }

  public int urgentPointer() {
    return Bytes.u16(data, tcpOffset + 18);
  }

  /** TCP header length in bytes (data offset × 4). */
  public int tcpHeaderLength() {
    return tcpHeaderLen;
  }

  /** TCP payload length taken from the IP header, not from the captured bytes. */
  public int tcpLength() {
    return tcpLen;
  }

  /** Offset of the first option byte. */
  public int optionsOffset() {
    return tcpOffset + 20;
  }

  /** Offset just past the options that were captured (may be short of the header end). */
  public int optionsEnd() {
    return Math.min(tcpOffset + tcpHeaderLen, end);
  }

  /** Offset of the first payload byte. */
  public int payloadOffset() {
    return tcpOffset + tcpHeaderLen;
  }

  /** Payload bytes actually captured (≤ {@link #tcpLength()}). */
  public int capturedPayload() {
    return Math.max(0, Math.min(tcpLen, end - payloadOffset()));
  }

  /** Ethernet source MAC as a 48-bit number, or -1 when the link has none. */
  public long linkSource() {
    if (linkSrcOffset < 0) {
      return -1;
    }
    return ((long) Bytes.u16(data, linkSrcOffset) << 32) | Bytes.u32(data, linkSrcOffset + 2);
  }

  /** IPv4 identification field (0 for IPv6). */
  public int ipId() {
    return ipId;
  }

  /**
   * True for a {@link Status#MALFORMED} segment whose base header was captured but whose data
   * offset is below 5 or points past the segment's end (RFC 9293 §3.1): {@link #tcpHeaderLength()}
   * and {@link #tcpSegmentLength()} say how; ports, numbers and flags are readable and the payload
   * length is 0.
   */
  public boolean tcpBadHeader() {
    return tcpBadHeader;
  }

  /** TCP header plus payload length taken from the IP header. */
  public int tcpSegmentLength() {
    return tcpSegmentLen;
  }

  /** Checksum verification bits ({@code CHECKSUM_*}), 0 when not verified. */
  public int checksums() {
    return checksums;
  }

  /** The right TCP checksum, when {@link #CHECKSUM_TCP_BAD} is set. */
  public int tcpChecksumExpected() {
    return tcpChecksumExpected;
  }

  /** The IPv4 header checksum field, when verified. */
  public int ipChecksum() {
    return ipChecksum;
  }

  /** The right IPv4 header checksum, when {@link #CHECKSUM_IP_BAD} is set. */
  public int ipChecksumExpected() {
    return ipChecksumExpected;
  }

  /** How many IP-in-IP tunnel layers were crossed to reach TCP. */
  public int tunnels() {
    return tunnels;
  }

  public InetAddress srcAddress() {
    return address(srcAddrOffset);
  }

  public InetAddress dstAddress() {
    return address(dstAddrOffset);
  }

  private InetAddress address(int off) {
    byte[] a = java.util.Arrays.copyOfRange(data, off, off + addressLength());
    try {
      return InetAddress.getByAddress(a);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
