package org.tcplint.flow;

/** Wireshark's {@code tcp.completeness} bits and labels (compat.md §3.4). */
public final class Completeness {
  public static final int SYN = 1;
  public static final int SYN_ACK = 2;
  public static final int ACK = 4;
  public static final int DATA = 8;
  public static final int FIN = 16;
  public static final int RST = 32;

  private Completeness() {}

  /** Wireshark's label for a completeness value. */
  public static String label(int v) {
    return switch (v) {
      case 1 -> "Incomplete, SYN_SENT";
      case 3 -> "Incomplete, CLIENT_ESTABLISHED";
      case 7 -> "Incomplete, ESTABLISHED";
      case 15 -> "Incomplete, DATA";
      case 31, 47, 63 -> "Complete, WITH_DATA";
      case 23, 39, 55 -> "Complete, NO_DATA";
      default -> "Incomplete (" + v + ")";
    };
  }

  /** Six characters R F D A S S, {@code ·} for a missing bit, as {@code tcp.completeness.str}. */
  public static String str(int v) {
    char dot = '\u00b7';
    return new String(
        new char[] {
          (v & RST) != 0 ? 'R' : dot,
          (v & FIN) != 0 ? 'F' : dot,
          (v & DATA) != 0 ? 'D' : dot,
          (v & ACK) != 0 ? 'A' : dot,
          (v & SYN_ACK) != 0 ? 'S' : dot,
          (v & SYN) != 0 ? 'S' : dot
        });
  }
}
