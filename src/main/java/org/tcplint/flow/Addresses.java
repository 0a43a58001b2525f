package org.tcplint.flow;

import java.net.Inet6Address;
import java.net.InetAddress;

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
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (g[i] == 0) {
        int j = i;
        while (j < 8 && g[j] == 0) {
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
    boolean mapped =
        g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xFFFF;
    if (mapped) {
      return "::ffff:"
          + (b[12] & 0xFF)
          + "."
          + (b[13] & 0xFF)
          + "."
          + (b[14] & 0xFF)
          + "."
          + (b[15] & 0xFF);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
