package org.tcplint.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071) of IPv4 headers (RFC 791 §3.1) and TCP segments with their IPv4
 * or IPv6 pseudo-header (RFC 9293 §3.1, RFC 8200 §8.1): verified by the decoder, filled in by the
 * writers of example and benchmark captures. Sums 64 bits at a time and allocates nothing.
 *
 * <p>The ones' complement sum of 16-bit words is the sum modulo 0xFFFF, and 2^16 ≡ 1 modulo 0xFFFF:
 * adding the two 32-bit halves of each big-endian 64-bit word and folding the carries at the end
 * gives the same value as adding 16-bit words one by one.
 */
public final class Checksum {
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final int PROTO_TCP = 6;

  private Checksum() {}

  /**
   * Unfolded sum of {@code b[from, from + len)} as 16-bit big-endian words counted from {@code
   * from}; an odd last byte is padded with zero (RFC 1071 §4.1). Fold with {@link #fold}.
   *
   * <p>Its branches hardly depend on the length (the loop's exit, then one test each for 16 and 8
   * more bytes), and the last 0 to 7 bytes are one masked read. Summed word by word, the tails cost
   * more than the rest where the method is inlined into the decoder, as it is with the JVM's
   * default flags in a library caller (docs/performance.md).
   */
  public static long sum(byte[] b, int from, int len) {
    long sum = 0;
    long other = 0; // a second chain of additions, so that two words are summed per cycle
    int i = from;
    int end = from + len;
    for (; i + 32 <= end; i += 32) {
      long v = (long) LONG_BE.get(b, i);
      long w = (long) LONG_BE.get(b, i + 8);
      long x = (long) LONG_BE.get(b, i + 16);
      long y = (long) LONG_BE.get(b, i + 24);
      sum += (v >>> 32) + (w >>> 32) + (x & 0xFFFFFFFFL) + (y & 0xFFFFFFFFL);
      other += (v & 0xFFFFFFFFL) + (w & 0xFFFFFFFFL) + (x >>> 32) + (y >>> 32);
    }
    if (i + 16 <= end) {
      long v = (long) LONG_BE.get(b, i);
      long w = (long) LONG_BE.get(b, i + 8);
      sum += (v >>> 32) + (w >>> 32);
      other += (v & 0xFFFFFFFFL) + (w & 0xFFFFFFFFL);
      i += 16;
    }
    sum += other;
    if (i + 8 <= end) {
      long v = (long) LONG_BE.get(b, i);
      sum += (v >>> 32) + (v & 0xFFFFFFFFL);
      i += 8;
    }
    int rest = end - i; // 0 to 7 bytes
    if (end >= 8) {
      // The 8 bytes that end where the range does, of which only the last `rest` are kept (the
      // ones before were summed above, or lie before the range), shifted up a byte when their
      // number is odd: the last byte is then the high byte of a word padded with zero.
      long v = (long) LONG_BE.get(b, end - 8);
      long kept = (v & ((1L << (rest << 3)) - 1)) << ((rest & 1) << 3);
      return sum + (kept >>> 32) + (kept & 0xFFFFFFFFL);
    }
    for (; i + 2 <= end; i += 2) {
      sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
    if (i < end) {
      sum += (b[i] & 0xFF) << 8;
    }
    return sum;
  }

  /** Folds carries into 16 bits: the ones' complement sum. */
  public static int fold(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) sum;
  }

  /**
   * Unfolded sum of the TCP pseudo-header: source and destination address ({@code addressLength} 4
   * or 16 bytes at the given offsets), protocol 6 and the TCP length.
   */
  public static long pseudoHeader(byte[] b, int src, int dst, int addressLength, int tcpLength) {
    return sum(b, src, addressLength) + sum(b, dst, addressLength) + PROTO_TCP + tcpLength;
  }

  /**
   * The checksum field value that makes a header sum right, given the unfolded sum of everything
   * with the field included ({@code withField}) and the field's current value.
   */
  public static int expected(long withField, int field) {
    return ~fold(withField + (~field & 0xFFFF)) & 0xFFFF;
  }

  /** True when the unfolded sum over a header including its checksum field verifies. */
  public static boolean verifies(long withField) {
    return fold(withField) == 0xFFFF;
  }

  /**
   * Fills the IPv4 header checksum (when the packet is IPv4) and the TCP checksum of an IP packet
   * that starts at {@code ip} and carries TCP right after its header (no IPv6 extension headers).
   * For writers of captures; the packet must be whole.
   */
  public static void fill(byte[] b, int ip) {
    int version = (b[ip] & 0xF0) >>> 4;
    int tcp;
    int tcpLength;
    long pseudo;
    if (version == 4) {
      int ihl = (b[ip] & 0x0F) * 4;
      b[ip + 10] = 0;
      b[ip + 11] = 0;
      put16(b, ip + 10, ~fold(sum(b, ip, ihl)) & 0xFFFF);
      tcp = ip + ihl;
      tcpLength = (((b[ip + 2] & 0xFF) << 8) | (b[ip + 3] & 0xFF)) - ihl;
      pseudo = pseudoHeader(b, ip + 12, ip + 16, 4, tcpLength);
    } else {
      tcp = ip + 40;
      tcpLength = ((b[ip + 4] & 0xFF) << 8) | (b[ip + 5] & 0xFF);
      pseudo = pseudoHeader(b, ip + 8, ip + 24, 16, tcpLength);
    }
    b[tcp + 16] = 0;
    b[tcp + 17] = 0;
    put16(b, tcp + 16, ~fold(pseudo + sum(b, tcp, tcpLength)) & 0xFFFF);
  }

  private static void put16(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 8);
    b[o + 1] = (byte) v;
  }
}
