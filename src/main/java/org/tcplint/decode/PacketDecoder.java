package org.tcplint.decode;

import org.tcplint.capture.Bytes;
import org.tcplint.capture.Frame;

/**
 * Walks link → IP → TCP over a frame's bytes, validating each layer once where its view is made.
 * Allocates nothing on the normal path.
 */
public final class PacketDecoder {
  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86DD;
  private static final int ETHERTYPE_VLAN = 0x8100;
  private static final int ETHERTYPE_QINQ = 0x88A8;
  private static final int ETHERTYPE_QINQ_OLD = 0x9100;
  private static final int ETHERTYPE_QINQ_OLD2 = 0x9200;
  private static final int ETHERTYPE_MPLS = 0x8847;
  private static final int ETHERTYPE_MPLS_MC = 0x8848;
  private static final int ETHERTYPE_PPPOE = 0x8864;
  private static final int PROTO_TCP = 6;
  private static final int PROTO_IPIP = 4;
  private static final int PROTO_IPV6 = 41;
  private static final int MAX_TUNNELS = 4;

  private boolean verifyChecksums;

  /**
   * Verifies the IPv4 header and TCP checksums of whole segments (off by default: it reads every
   * byte of every segment).
   */
  public PacketDecoder verifyChecksums(boolean on) {
    verifyChecksums = on;
    return this;
  }

  /** Decodes {@code f} into {@code p}. */
  public void decode(Frame f, Packet p) {
    p.data = f.data;
    p.end = f.offset + f.capLen;
    p.wireEnd = f.offset + Math.max(f.origLen, f.capLen);
    p.tcpOffset = 0;
    p.linkSrcOffset = -1;
    p.ipId = 0;
    p.problem = null;
    p.problemOffset = 0;
    p.tunnels = 0;
    p.ipVersion = 0;
    p.routed = false;
    p.checksums = 0;
    p.tcpBadHeader = false;
    if (f.kind != Frame.Kind.PACKET) {
      p.status = Packet.Status.NOT_A_PACKET;
      return;
    }
    int o = f.offset;
    switch (f.linkType) {
      case LinkType.ETHERNET -> ethernet(p, o);
      case LinkType.NULL -> nullLink(p, o, false);
      case LinkType.LOOP -> nullLink(p, o, true);
      case LinkType.RAW, LinkType.RAW_BSD, LinkType.RAW_OPENBSD -> rawIp(p, o);
      case LinkType.IPV4 -> ipv4(p, o);
      case LinkType.IPV6 -> ipv6(p, o);
      case LinkType.LINUX_SLL -> {
        if (need(p, o, 16)) {
          ethertype(p, Bytes.u16(p.data, o + 14), o + 16);
        }
      }
      case LinkType.LINUX_SLL2 -> {
        if (need(p, o, 20)) {
          ethertype(p, Bytes.u16(p.data, o), o + 20);
        }
      }
      default -> p.status = Packet.Status.UNSUPPORTED_LINK;
    }
  }

  /** True when {@code n} bytes are captured at {@code o}; otherwise marks the packet not IP. */
  private static boolean need(Packet p, int o, int n) {
    if (o + n <= p.end) {
      return true;
    }
    p.status = Packet.Status.NOT_IP;
    return false;
  }

  private void ethernet(Packet p, int o) {
    if (!need(p, o, 14)) {
      return;
    }
    int type = Bytes.u16(p.data, o + 12);
    p.linkSrcOffset = o + 6;
    o += 14;
    if (type <= 1500) {
      // IEEE 802.3 length field: only LLC/SNAP can carry IP.
      if (o + 8 <= p.end
          && (p.data[o] & 0xFF) == 0xAA
          && (p.data[o + 1] & 0xFF) == 0xAA
          && (p.data[o + 2] & 0xFF) == 0x03) {
        ethertype(p, Bytes.u16(p.data, o + 6), o + 8);
      } else {
        p.status = Packet.Status.NOT_IP;
      }
      return;
    }
    ethertype(p, type, o);
  }

  private void ethertype(Packet p, int type, int o) {
    for (int tags = 0; tags < 8; tags++) {
      switch (type) {
        case ETHERTYPE_IPV4 -> {
          ipv4(p, o);
          return;
        }
        case ETHERTYPE_IPV6 -> {
          ipv6(p, o);
          return;
        }
        case ETHERTYPE_VLAN, ETHERTYPE_QINQ, ETHERTYPE_QINQ_OLD, ETHERTYPE_QINQ_OLD2 -> {
          if (!need(p, o, 4)) {
            return;
          }
          type = Bytes.u16(p.data, o + 2);
          o += 4;
        }
        case ETHERTYPE_PPPOE -> {
          if (!need(p, o, 8)) {
            return;
          }
          int ppp = Bytes.u16(p.data, o + 6);
          o += 8;
          type = ppp == 0x0021 ? ETHERTYPE_IPV4 : ppp == 0x0057 ? ETHERTYPE_IPV6 : 0;
        }
        case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MC -> {
          int labels = 0;
          while (true) {
            if (!need(p, o, 4) || ++labels > 16) {
              p.status = Packet.Status.NOT_IP;
              return;
            }
            boolean bottom = (p.data[o + 2] & 0x01) != 0;
            o += 4;
            if (bottom) {
              break;
            }
          }
          rawIp(p, o);
          return;
        }
        default -> {
          p.status = Packet.Status.NOT_IP;
          return;
        }
      }
    }
    p.status = Packet.Status.NOT_IP;
  }

  private void nullLink(Packet p, int o, boolean networkOrder) {
    if (!need(p, o, 4)) {
      return;
    }
    int family = Bytes.i32(p.data, o, true);
    if (!networkOrder && (family & 0xFFFF0000) != 0) {
      family = Integer.reverseBytes(family);
    }
    switch (family) {
      case 2 -> ipv4(p, o + 4);
      case 10, 24, 28, 30 -> ipv6(p, o + 4);
      default -> p.status = Packet.Status.NOT_IP;
    }
  }

  private void rawIp(Packet p, int o) {
    if (!need(p, o, 1)) {
      return;
    }
    int version = (p.data[o] & 0xF0) >>> 4;
    if (version == 4) {
      ipv4(p, o);
    } else if (version == 6) {
      ipv6(p, o);
    } else {
      p.status = Packet.Status.NOT_IP;
    }
  }

  private static void malformed(Packet p, int offset, String problem) {
    p.status = Packet.Status.MALFORMED;
    p.problem = problem;
    p.problemOffset = offset;
  }

  private void ipv4(Packet p, int o) {
    if (!need(p, o, 20)) {
      return;
    }
    byte[] b = p.data;
    int version = (b[o] & 0xF0) >>> 4;
    if (version != 4) {
      malformed(p, o, "IPv4 header has version " + version);
      return;
    }
    int ihl = (b[o] & 0x0F) * 4;
    if (ihl < 20) {
      malformed(p, o, "IPv4 header length " + ihl + " is below 20 bytes");
      return;
    }
    int total = Bytes.u16(b, o + 2);
    if (total == 0) {
      // TCP segmentation offload: the stack left the length for the NIC to fill in. The packet
      // ends where the frame ended on the wire, also when the snaplen cut the capture short.
      total = (int) Math.min(p.wireEnd - o, Integer.MAX_VALUE);
    }
    if (o + total > p.wireEnd) {
      // The IP length claims more than was on the wire: trust the wire (as Wireshark does).
      total = (int) (p.wireEnd - o);
    }
    if (total < ihl) {
      malformed(p, o + 2, "IPv4 total length " + total + " is below its header length " + ihl);
      return;
    }
    int fragment = Bytes.u16(b, o + 6) & 0x1FFF;
    int proto = b[o + 9] & 0xFF;
    p.ipVersion = 4;
    p.ipOffset = o;
    p.ipHeaderLen = ihl;
    p.srcAddrOffset = o + 12;
    p.dstAddrOffset = o + 16;
    p.ecn = b[o + 1] & 0x03;
    p.ttl = b[o + 8] & 0xFF;
    p.ipId = Bytes.u16(b, o + 4);
    if (fragment != 0) {
      p.status = Packet.Status.FRAGMENT;
      return;
    }
    // Options cut by the snaplen leave the TCP header uncaptured: tcp() reports the cut.
    transport(p, proto, o + ihl, total - ihl);
  }

  private void ipv6(Packet p, int o) {
    if (!need(p, o, 40)) {
      return;
    }
    byte[] b = p.data;
    int version = (b[o] & 0xF0) >>> 4;
    if (version != 6) {
      malformed(p, o, "IPv6 header has version " + version);
      return;
    }
    int payload = Bytes.u16(b, o + 4);
    if (payload == 0) {
      // Jumbogram or offload: the packet ends where the frame ended on the wire.
      payload = (int) Math.min(p.wireEnd - o - 40, Integer.MAX_VALUE);
    }
    if (o + 40 + payload > p.wireEnd) {
      payload = (int) Math.max(0, p.wireEnd - o - 40);
    }
    p.ipVersion = 6;
    p.ipOffset = o;
    p.ipHeaderLen = 40;
    p.srcAddrOffset = o + 8;
    p.dstAddrOffset = o + 24;
    p.ecn = (Bytes.u16(b, o) >>> 4) & 0x03;
    p.ttl = b[o + 7] & 0xFF;
    int next = b[o + 6] & 0xFF;
    int h = o + 40;
    int remaining = payload;
    for (int k = 0; k < 16; k++) {
      switch (next) {
        case 0, 43, 60, 135, 139, 140 -> {
          if (h + 8 > p.end) {
            p.status = Packet.Status.NOT_TCP;
            return;
          }
          if (next == 43) {
            p.routed = true; // the pseudo-header holds the final destination, not this one
          }
          int len = ((b[h + 1] & 0xFF) + 1) * 8;
          next = b[h] & 0xFF;
          h += len;
          remaining -= len;
        }
        case 44 -> {
          if (h + 8 > p.end) {
            p.status = Packet.Status.NOT_TCP;
            return;
          }
          int offset = Bytes.u16(b, h + 2) >>> 3;
          next = b[h] & 0xFF;
          h += 8;
          remaining -= 8;
          if (offset != 0) {
            p.status = Packet.Status.FRAGMENT;
            return;
          }
        }
        case 51 -> {
          if (h + 8 > p.end) {
            p.status = Packet.Status.NOT_TCP;
            return;
          }
          int len = ((b[h + 1] & 0xFF) + 2) * 4;
          next = b[h] & 0xFF;
          h += len;
          remaining -= len;
        }
        default -> {
          if (remaining < 0) {
            malformed(p, o + 4, "IPv6 extension headers run past the payload length " + payload);
            return;
          }
          p.ipHeaderLen = h - o;
          transport(p, next, h, remaining);
          return;
        }
      }
    }
    p.status = Packet.Status.NOT_TCP;
  }

  private void transport(Packet p, int proto, int o, int length) {
    if (proto == PROTO_TCP) {
      tcp(p, o, length);
    } else if ((proto == PROTO_IPIP || proto == PROTO_IPV6) && p.tunnels < MAX_TUNNELS) {
      p.tunnels++;
      if (proto == PROTO_IPIP) {
        ipv4(p, o);
      } else {
        ipv6(p, o);
      }
    } else {
      p.status = Packet.Status.NOT_TCP;
    }
  }

  private void tcp(Packet p, int o, int segmentLength) {
    p.tcpOffset = o;
    if (o + 20 > p.end) {
      if (segmentLength < 20) {
        // Too short on the wire as well: no snaplen could have captured a whole header.
        malformed(
            p, o, "TCP segment length " + segmentLength + " is below the 20-byte base header");
      } else {
        p.status = Packet.Status.TCP_HEADER_CUT;
      }
      return;
    }
    int hl = ((p.data[o + 12] & 0xF0) >>> 4) * 4;
    p.tcpHeaderLen = hl;
    p.tcpSegmentLen = segmentLength;
    if (hl < 20 || hl > segmentLength) {
      // RFC 9293 §3.1: the data offset must cover the 20-byte header and stay inside the segment.
      // The base header is readable: the segment is reported as pkt.bad-data-offset.
      p.tcpBadHeader = true;
      p.tcpLen = 0;
      malformed(
          p,
          o + 12,
          hl < 20
              ? "TCP data offset " + hl / 4 + " is below 5 (header length " + hl + ")"
              : "TCP header length " + hl + " is larger than the segment length " + segmentLength);
      return;
    }
    p.tcpLen = segmentLength - hl;
    p.status = Packet.Status.TCP;
    if (verifyChecksums && o + segmentLength <= p.end && !p.routed) {
      verify(p, o, segmentLength);
    }
  }

  /** Checks the IPv4 header checksum and the TCP checksum of a whole captured segment. */
  private static void verify(Packet p, int tcp, int segmentLength) {
    byte[] b = p.data;
    int result = Packet.CHECKSUM_VERIFIED;
    if (p.ipVersion == 4) {
      // RFC 791 §3.1: the header checksum covers the header only.
      long ip = Checksum.sum(b, p.ipOffset, p.ipHeaderLen);
      p.ipChecksum = Bytes.u16(b, p.ipOffset + 10);
      if (!Checksum.verifies(ip)) {
        result |= Packet.CHECKSUM_IP_BAD;
        p.ipChecksumExpected = Checksum.expected(ip, p.ipChecksum);
      }
    }
    // RFC 9293 §3.1 (IPv4 pseudo-header), RFC 8200 §8.1 (IPv6 pseudo-header).
    long pseudo =
        Checksum.pseudoHeader(
            b, p.srcAddrOffset, p.dstAddrOffset, p.addressLength(), segmentLength);
    long all = pseudo + Checksum.sum(b, tcp, segmentLength);
    if (!Checksum.verifies(all)) {
      int field = Bytes.u16(b, tcp + 16);
      result |= Packet.CHECKSUM_TCP_BAD;
      p.tcpChecksumExpected = Checksum.expected(all, field);
      // What a stack that offloads the checksum leaves for the NIC: 0, or the folded
      // pseudo-header sum that the NIC completes over the segment (Linux CHECKSUM_PARTIAL,
      // FreeBSD in_pseudo), with or without the length (TSO drivers leave it out).
      if (field == 0
          || field == Checksum.fold(pseudo)
          || field == Checksum.fold(pseudo - segmentLength)) {
        result |= Packet.CHECKSUM_PLACEHOLDER;
      }
    }
    p.checksums = result;
  }
}
