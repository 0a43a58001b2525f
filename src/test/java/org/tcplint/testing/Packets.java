package org.tcplint.testing;

import java.net.Inet6Address;
import java.nio.ByteBuffer;
import org.tcplint.decode.Checksum;

/** Builds link, IP and TCP header bytes for tests, with right IPv4 and TCP checksums. */
public final class Packets {
  private Packets() {}

  public static byte[] tcp(
      int sp,
      int dp,
      int seq,
      int ack,
      int flags,
      int window,
      int urgent,
      byte[] options,
      byte[] payload) {
    int hl = 20 + options.length;
    ByteBuffer b = ByteBuffer.allocate(hl + payload.length);
    b.putShort((short) sp).putShort((short) dp).putInt(seq).putInt(ack);
    b.putShort((short) (((hl / 4) << 12) | (flags & 0x0FFF)));
    b.putShort((short) window).putShort((short) 0).putShort((short) urgent);
    b.put(options).put(payload);
    return b.array();
  }

  /** IPv4 or IPv6 (chosen by the address text) carrying TCP. */
  public static byte[] ip(String src, String dst, int ecn, byte[] tcp) {
    return ip(src, dst, ecn, 1, tcp);
  }

  /** As {@link #ip(String, String, int, byte[])} with an explicit IPv4 identification. */
  public static byte[] ip(String src, String dst, int ecn, int id, byte[] tcp) {
    var s = CaptureBuilder.addr(src);
    var d = CaptureBuilder.addr(dst);
    if (s instanceof Inet6Address) {
      ByteBuffer b = ByteBuffer.allocate(40 + tcp.length);
      b.putInt(0x60000000 | (ecn << 20)).putShort((short) tcp.length).put((byte) 6).put((byte) 64);
      b.put(s.getAddress()).put(d.getAddress()).put(tcp);
      return checksummed(b.array(), tcp);
    }
    ByteBuffer b = ByteBuffer.allocate(20 + tcp.length);
    b.put((byte) 0x45)
        .put((byte) ecn)
        .putShort((short) (20 + tcp.length))
        .putShort((short) id)
        .putShort((short) 0x4000)
        .put((byte) 64)
        .put((byte) 6)
        .putShort((short) 0);
    b.put(s.getAddress()).put(d.getAddress()).put(tcp);
    return checksummed(b.array(), tcp);
  }

  /** Fills the IPv4 and TCP checksums, as a sender without checksum offload does. */
  private static byte[] checksummed(byte[] ip, byte[] tcp) {
    if (tcp.length >= 20) {
      Checksum.fill(ip, 0);
    }
    return ip;
  }

  public static byte[] ethernet(byte[] ip) {
    int type = (ip[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800;
    return ethernet(type, ip);
  }

  public static byte[] ethernet(int ethertype, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
    b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) ethertype).put(payload);
    return b.array();
  }

  /** Ethernet with 802.1Q tags (outermost first). */
  public static byte[] vlan(int[] tpids, byte[] ip) {
    int type = (ip[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800;
    ByteBuffer b = ByteBuffer.allocate(12 + 4 * tpids.length + 2 + ip.length);
    b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
    for (int t : tpids) {
      b.putShort((short) t).putShort((short) 100);
    }
    b.putShort((short) type).put(ip);
    return b.array();
  }

  public static byte[] sll(byte[] ip) {
    int type = (ip[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800;
    ByteBuffer b = ByteBuffer.allocate(16 + ip.length);
    b.putShort((short) 0)
        .putShort((short) 1)
        .putShort((short) 6)
        .put(new byte[8])
        .putShort((short) type)
        .put(ip);
    return b.array();
  }

  public static byte[] sll2(byte[] ip) {
    int type = (ip[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800;
    ByteBuffer b = ByteBuffer.allocate(20 + ip.length);
    b.putShort((short) type)
        .putShort((short) 0)
        .putInt(2)
        .putShort((short) 1)
        .put((byte) 0)
        .put((byte) 6)
        .put(new byte[8])
        .put(ip);
    return b.array();
  }

  /** BSD loopback header: address family in little-endian host order. */
  public static byte[] nullLink(int family, byte[] ip) {
    ByteBuffer b = ByteBuffer.allocate(4 + ip.length);
    b.put((byte) family).put((byte) 0).put((byte) 0).put((byte) 0).put(ip);
    return b.array();
  }

  /** A simple SYN from 192.0.2.1:50000 to 198.51.100.7:80 as IPv4 bytes. */
  public static byte[] synIpv4(int seq) {
    return ip(
        "192.0.2.1",
        "198.51.100.7",
        0,
        tcp(50000, 80, seq, 0, 0x002, 65535, 0, new byte[0], new byte[0]));
  }
}
