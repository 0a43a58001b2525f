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

  /** Fills this key from the packet; returns true when the packet's source is endpoint A. */
  boolean set(Packet p) {
    byte[] d = p.data();
    int s = p.srcAddressOffset();
    int t = p.dstAddressOffset();
    long s0;
    long s1;
    long t0;
    long t1;
    if (p.ipVersion() == 4) {
      s0 = 0;
      t0 = 0;
      s1 = Bytes.u32(d, s);
      t1 = Bytes.u32(d, t);
    } else {
      s0 = ((long) Bytes.i32(d, s) << 32) | Bytes.u32(d, s + 4);
      s1 = ((long) Bytes.i32(d, s + 8) << 32) | Bytes.u32(d, s + 12);
      t0 = ((long) Bytes.i32(d, t) << 32) | Bytes.u32(d, t + 4);
      t1 = ((long) Bytes.i32(d, t + 8) << 32) | Bytes.u32(d, t + 12);
    }
    int sp = p.srcPort();
    int dp = p.dstPort();
    int c = Long.compareUnsigned(s0, t0);
    if (c == 0) {
      c = Long.compareUnsigned(s1, t1);
    }
    if (c == 0) {
      c = Integer.compare(sp, dp);
    }
    boolean srcIsA = c <= 0;
    version = p.ipVersion();
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
    long h = a0 * 31 + a1;
    h = h * 31 + b0;
    h = h * 31 + b1;
    h = h * 31 + (((long) portA << 16) | portB);
    h ^= (h >>> 29);
    h *= 0x9E3779B97F4A7C15L;
    hash = (int) (h ^ (h >>> 32));
    return srcIsA;
  }

  FlowKey copy() {
    FlowKey k = new FlowKey();
    k.a0 = a0;
    k.a1 = a1;
    k.b0 = b0;
    k.b1 = b1;
    k.portA = portA;
    k.portB = portB;
    k.version = version;
    k.hash = hash;
    return k;
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
    long h = side == 0 ? a0 : b0;
    long l = side == 0 ? a1 : b1;
    byte[] bytes;
    if (version == 4) {
      bytes = new byte[] {(byte) (l >>> 24), (byte) (l >>> 16), (byte) (l >>> 8), (byte) l};
    } else {
      bytes = new byte[16];
      for (int i = 0; i < 8; i++) {
        bytes[i] = (byte) (h >>> (56 - 8 * i));
        bytes[8 + i] = (byte) (l >>> (56 - 8 * i));
      }
    }
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

  /** {@code address:port}, IPv6 as {@code [2001:db8::1]:443} (RFC 5952 text). */
  public String endpoint(int side) {
    return Addresses.endpoint(address(side), port(side));
  }
}
