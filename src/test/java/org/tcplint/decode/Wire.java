package org.tcplint.decode;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.tcplint.capture.Frame;

/**
 * Hand-built header bytes and a one-call decode for the decoder tests. Every field is written at
 * the position its RFC figure gives, so a test can state offsets and lengths from the layout.
 */
final class Wire {
  /** 192.0.2.1 (TEST-NET-1). */
  static final byte[] V4_SRC = {(byte) 192, 0, 2, 1};

  /** 198.51.100.7 (TEST-NET-2). */
  static final byte[] V4_DST = {(byte) 198, 51, 100, 7};

  /** 2001:db8::1. */
  static final byte[] V6_SRC = v6(1);

  /** 2001:db8::2. */
  static final byte[] V6_DST = v6(2);

  static final int PROTO_TCP = 6;

  private Wire() {}

  private static byte[] v6(int last) {
    byte[] a = new byte[16];
    a[0] = 0x20;
    a[1] = 0x01;
    a[2] = 0x0d;
    a[3] = (byte) 0xb8;
    a[15] = (byte) last;
    return a;
  }

  /** Decodes {@code wire} as a whole frame (captured length = wire length). */
  static Packet decode(int linkType, byte[] wire) {
    return decode(linkType, wire, wire.length, wire.length);
  }

  /** Decodes the first {@code capLen} bytes of {@code wire}, a frame {@code origLen} long. */
  static Packet decode(int linkType, byte[] wire, int capLen, long origLen) {
    Frame f = new Frame();
    f.data = Arrays.copyOf(wire, capLen);
    f.offset = 0;
    f.capLen = capLen;
    f.origLen = origLen;
    f.linkType = linkType;
    f.kind = Frame.Kind.PACKET;
    Packet p = new Packet();
    new PacketDecoder().decode(f, p);
    return p;
  }

  /** Decodes and parses the options of the segment. */
  static TcpOptions options(Packet p) {
    TcpOptions o = new TcpOptions();
    o.parse(p);
    return o;
  }

  static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] b : parts) {
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  /** Bytes from unsigned values, e.g. {@code bytes(0xAA, 0xAA, 0x03)}. */
  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  /** {@code n} bytes counting up from 1, a payload whose bytes are easy to recognise. */
  static byte[] payload(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i + 1);
    }
    return b;
  }

  static byte[] u16(int v) {
    return bytes(v >>> 8, v);
  }

  static byte[] u32(int v) {
    return bytes(v >>> 24, v >>> 16, v >>> 8, v);
  }

  /**
   * A TCP header (RFC 9293 §3.1) with the data offset given explicitly, so it can disagree with the
   * bytes that follow. {@code flags} holds the 12 bits after the data offset.
   */
  static byte[] tcp(
      int dataOffset, int flags, int seq, int ack, int window, int urgent, byte[] rest) {
    return cat(
        u16(50000),
        u16(80),
        u32(seq),
        u32(ack),
        u16((dataOffset << 12) | (flags & 0x0FFF)),
        u16(window),
        u16(0xBEEF),
        u16(urgent),
        rest);
  }

  /** A TCP segment whose data offset matches its options (padded by the caller to 4 bytes). */
  static byte[] tcp(int flags, byte[] options, byte[] payload) {
    if (options.length % 4 != 0) {
      throw new IllegalArgumentException("options must fill whole words");
    }
    return tcp(
        5 + options.length / 4, flags, 0x01020304, 0x0A0B0C0D, 0x1000, 0, cat(options, payload));
  }

  /**
   * An IPv4 header (RFC 791 §3.1) with {@code ihl} words, NOP options filling words 6 and up, the
   * total length and fragment field as given, TTL 64, identification 0x1234, DSCP 0 / ECN 0.
   */
  static byte[] ipv4(int ihl, int totalLength, int flagsAndOffset, int proto, byte[] body) {
    byte[] h = new byte[Math.max(20, ihl * 4)];
    h[0] = (byte) (0x40 | (ihl & 0x0F));
    h[2] = (byte) (totalLength >>> 8);
    h[3] = (byte) totalLength;
    h[4] = 0x12;
    h[5] = 0x34;
    h[6] = (byte) (flagsAndOffset >>> 8);
    h[7] = (byte) flagsAndOffset;
    h[8] = 64;
    h[9] = (byte) proto;
    System.arraycopy(V4_SRC, 0, h, 12, 4);
    System.arraycopy(V4_DST, 0, h, 16, 4);
    for (int i = 20; i < h.length; i++) {
      h[i] = 1; // IPv4 NOP option (RFC 791)
    }
    return cat(h, body);
  }

  /** A 20-byte IPv4 header, DF set, total length matching {@code body}. */
  static byte[] ipv4(int proto, byte[] body) {
    return ipv4(5, 20 + body.length, 0x4000, proto, body);
  }

  /**
   * An IPv6 header (RFC 8200 §3): traffic class 0, hop limit 64, payload length as given, then
   * {@code body} (extension headers and upper layer).
   */
  static byte[] ipv6(int next, int payloadLength, byte[] body) {
    return cat(bytes(0x60, 0, 0, 0), u16(payloadLength), bytes(next, 64), V6_SRC, V6_DST, body);
  }

  /** IPv6 with the payload length matching {@code body}. */
  static byte[] ipv6(int next, byte[] body) {
    return ipv6(next, body.length, body);
  }

  /** Ethernet II (IEEE 802.3 §3.2.6 type field): dst 02:00:00:00:00:02, src 02:00:00:00:00:01. */
  static byte[] ethernet(int ethertype, byte[] payload) {
    return cat(bytes(2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1), u16(ethertype), payload);
  }
}
