package org.tcplint.flow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.tcplint.capture.Bytes;
import org.tcplint.decode.Packet;

/**
 * The 4-tuple of a conversation in canonical order (endpoint A is the smaller of the two), so that
 * both directions find the same conversation. A {@link FlowTable} keeps one mutable probe key for
 * look-ups and stores immutable copies.
 */
public final class FlowKey {
  long a0;
  long a1;
  long b0;
  long b1;
  int portA;
  int portB;
  int version;
  private int hash;

  /** Fills this key from the segment's addresses and ports; true when its source is endpoint A. */
  boolean set(Segment seg) {
    return set(seg.ipVersion, seg.src0, seg.src1, seg.srcPort, seg.dst0, seg.dst1, seg.dstPort);
  }

  /**
   * A hash of the packet's addresses and ports that is the same in both directions: segments of one
   * conversation always get the same value (to split conversations over threads).
   */
  public static long symmetricHash(Packet p, long[] scratch) {
    addresses(p, scratch);
    long h =
        mix(scratch[0] * 0x9E3779B97F4A7C15L ^ scratch[1] ^ ((long) p.srcPort() << 48))
            + mix(scratch[2] * 0x9E3779B97F4A7C15L ^ scratch[3] ^ ((long) p.dstPort() << 48));
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The packet's source and destination addresses as two longs each (IPv4 in the low 32 bits of the
   * second): {@code out} = src high, src low, dst high, dst low.
   */
  static void addresses(Packet p, long[] out) {
    byte[] d = p.data();
    int s = p.srcAddressOffset();
    int t = p.dstAddressOffset();
    if (p.ipVersion() == 4) {
      out[0] = 0;
      out[2] = 0;
      out[1] = Bytes.u32(d, s);
      out[3] = Bytes.u32(d, t);
    } else {
      out[0] = ((long) Bytes.i32(d, s) << 32) | Bytes.u32(d, s + 4);
      out[1] = ((long) Bytes.i32(d, s + 8) << 32) | Bytes.u32(d, s + 12);
      out[2] = ((long) Bytes.i32(d, t) << 32) | Bytes.u32(d, t + 4);
      out[3] = ((long) Bytes.i32(d, t + 8) << 32) | Bytes.u32(d, t + 12);
    }
  }

  private boolean set(int ipVersion, long s0, long s1, int sp, long t0, long t1, int dp) {
    int c = Long.compareUnsigned(s0, t0);
    if (c == 0) {
      c = Long.compareUnsigned(s1, t1);
    }
    if (c == 0) {
      c = Integer.compare(sp, dp);
    }
    boolean srcIsA = c <= 0;
    version = ipVersion;
    if (srcIsA) {
      a0 = s0;
      a1 = s1;
      portA = sp;
      b0 = t0;
      b1 = t1;
      portB = dp;
    } else {
      a0 = t0;
      a1 = t1;
      portA = dp;
      b0 = s0;
      b1 = s1;
      portB = sp;
    }
    hash = hash(a0, a1, b0, b1, portA, portB);
    return srcIsA;
  }

  /** The hash of a canonical key's fields. */
  static int hash(long a0, long a1, long b0, long b1, int portA, int portB) {
    long h = a0 * 31 + a1;
    h = h * 31 + b0;
    h = h * 31 + b1;
    h = h * 31 + (((long) portA << 16) | portB);
    h ^= (h >>> 29);
    h *= 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  FlowKey copy() {
    FlowKey k = new FlowKey();
    k.copyFrom(this);
    return k;
  }

  /** Makes this key equal to {@code k}. */
  void copyFrom(FlowKey k) {
    a0 = k.a0;
    a1 = k.a1;
    b0 = k.b0;
    b1 = k.b1;
    portA = k.portA;
    portB = k.portB;
    version = k.version;
    hash = k.hash;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FlowKey k
        && k.a1 == a1
        && k.b1 == b1
        && k.portA == portA
        && k.portB == portB
        && k.a0 == a0
        && k.b0 == b0
        && k.version == version;
  }

  /** Address of endpoint A (side 0) or B (side 1). */
  public InetAddress address(int side) {
    long l = side == 0 ? a1 : b1;
    byte[] bytes =
        version == 4
            ? new byte[] {(byte) (l >>> 24), (byte) (l >>> 16), (byte) (l >>> 8), (byte) l}
            : ipv6Bytes(side);
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port(int side) {
    return side == 0 ? portA : portB;
  }

  public int ipVersion() {
    return version;
  }

  /**
   * {@code address:port}, IPv6 as {@code [2001:db8::1]:443} (RFC 5952 text); an IPv4-mapped IPv6
   * address is shown as IPv4, as {@link InetAddress} does. Built without address objects.
   */
  public String endpoint(int side) {
    byte[] out = TEXT.get();
    int n = endpoint(out, 0, side);
    return new String(out, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * {@code first}'s {@link #endpoint} and the other side's, with a space between: one string built
   * at once.
   */
  public String endpoints(int first) {
    byte[] out = TEXT.get();
    int n = endpoint(out, 0, first);
    out[n++] = ' ';
    n = endpoint(out, n, 1 - first);
    return new String(out, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * Each thread's room for building endpoint texts (two {@code [address]:port} and a space): the
   * string made from it is then the only allocation, as these texts are built for every finding.
   */
  private static final ThreadLocal<byte[]> TEXT =
      ThreadLocal.withInitial(() -> new byte[2 * (Addresses.MAX_IPV6 + 8) + 1]);

  /** Writes {@code side}'s {@link #endpoint} text at {@code out[n]}; returns where it ends. */
  private int endpoint(byte[] out, int n, int side) {
    long h = side == 0 ? a0 : b0;
    long l = side == 0 ? a1 : b1;
    if (version == 4 || (h == 0 && (l >>> 32) == 0xFFFF)) {
      n = Addresses.ipv4(out, n, (int) l);
    } else {
      out[n] = '[';
      n = Addresses.ipv6(out, n + 1, h, l);
      out[n++] = ']';
    }
    out[n++] = ':';
    return Addresses.decimal(out, n, port(side));
  }

  /** The 16 bytes of an IPv6 endpoint's address. */
  private byte[] ipv6Bytes(int side) {
    long h = side == 0 ? a0 : b0;
    long l = side == 0 ? a1 : b1;
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (h >>> (56 - 8 * i));
      bytes[8 + i] = (byte) (l >>> (56 - 8 * i));
    }
    return bytes;
  }
}
