package org.tcplint.decode;

/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4): values are Java ints holding the raw
 * 32-bit numbers; comparisons use the signed difference, so they are right across the wrap.
 */
public final class SeqNum {
  private SeqNum() {}

  /** {@code a - b} as a signed distance. */
  public static int diff(int a, int b) {
    return a - b;
  }

  public static boolean lt(int a, int b) {
    return a - b < 0;
  }

  public static boolean leq(int a, int b) {
    return a - b <= 0;
  }

  public static boolean gt(int a, int b) {
    return a - b > 0;
  }

  public static boolean geq(int a, int b) {
    return a - b >= 0;
  }

  /** The raw value as an unsigned long, for printing. */
  public static long unsigned(int v) {
    return v & 0xFFFFFFFFL;
  }

  /** {@code v - base} as an unsigned 32-bit distance (relative numbers, like Wireshark). */
  public static long relative(int v, int base) {
    return (v - base) & 0xFFFFFFFFL;
  }
}
