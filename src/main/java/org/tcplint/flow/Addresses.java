package org.tcplint.flow;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** Text forms of addresses: dotted IPv4 and RFC 5952 IPv6. */
public final class Addresses {
  private Addresses() {}

  public static String text(InetAddress a) {
    if (a instanceof Inet6Address) {
      return ipv6(a.getAddress());
    }
    return a.getHostAddress();
  }

  public static String endpoint(InetAddress a, int port) {
    return a instanceof Inet6Address ? "[" + text(a) + "]:" + port : text(a) + ":" + port;
  }

  /** RFC 5952: lower case, leading zeros dropped, the longest run (≥ 2) of zero groups as ::. */
  static String ipv6(byte[] b) {
    byte[] out = new byte[MAX_IPV6];
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (b[i] & 0xFF);
      low = (low << 8) | (b[8 + i] & 0xFF);
    }
    int n = ipv6(out, 0, high, low);
    return new String(out, 0, n, StandardCharsets.ISO_8859_1);
  }

  /** Longest IPv6 text: eight groups of four hex digits and seven colons. */
  static final int MAX_IPV6 = 39;

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

  /**
   * Writes the RFC 5952 text of the IPv6 address {@code high}:{@code low} (network order, eight
   * 16-bit groups) at {@code pos}; an IPv4-mapped address as {@code ::ffff:a.b.c.d}. Returns the
   * position after it.
   */
  static int ipv6(byte[] out, int pos, long high, long low) {
    if (high == 0 && (low >>> 32) == 0xFFFF) {
      pos = ascii(out, pos, "::ffff:");
      return ipv4(out, pos, (int) low);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (group(high, low, i) == 0) {
        int j = i;
        while (j < 8 && group(high, low, j) == 0) {
          j++;
        }
        if (j - i > bestLen && j - i >= 2) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out[pos++] = ':';
        out[pos++] = ':';
        i += bestLen - 1;
        continue;
      }
      if (i > 0 && out[pos - 1] != ':') {
        out[pos++] = ':';
      }
      pos = hex(out, pos, group(high, low, i));
    }
    return pos;
  }

  private static int group(long high, long low, int i) {
    return (int) ((i < 4 ? high : low) >>> (48 - 16 * (i & 3))) & 0xFFFF;
  }

  /** Writes the dotted text of the IPv4 address {@code a} at {@code pos}; returns the end. */
  static int ipv4(byte[] out, int pos, int a) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      pos = decimal(out, pos, (a >>> shift) & 0xFF);
      if (shift > 0) {
        out[pos++] = '.';
      }
    }
    return pos;
  }

  /** Writes {@code v} (not negative) in decimal at {@code pos}; returns the end. */
  static int decimal(byte[] out, int pos, int v) {
    int len = 1;
    for (int x = v; x >= 10; x /= 10) {
      len++;
    }
    for (int i = pos + len - 1; i >= pos; i--) {
      out[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return pos + len;
  }

  /** Writes {@code v} (0 to 0xffff) in lower-case hex without leading zeros; returns the end. */
  private static int hex(byte[] out, int pos, int v) {
    int len = v >= 0x1000 ? 4 : v >= 0x100 ? 3 : v >= 0x10 ? 2 : 1;
    for (int i = pos + len - 1; i >= pos; i--) {
      out[i] = HEX[v & 0xF];
      v >>>= 4;
    }
    return pos + len;
  }

  private static int ascii(byte[] out, int pos, String s) {
    for (int i = 0; i < s.length(); i++) {
      out[pos++] = (byte) s.charAt(i);
    }
    return pos;
  }
}
