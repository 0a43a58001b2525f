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
}
