package org.tcplint.decode;

/** The nine TCP flag bits (including AE, ex-NS) as they sit in the 12-bit flags field. */
public final class TcpFlags {
  public static final int FIN = 0x001;
  public static final int SYN = 0x002;
  public static final int RST = 0x004;
  public static final int PSH = 0x008;
  public static final int ACK = 0x010;
  public static final int URG = 0x020;
  public static final int ECE = 0x040;
  public static final int CWR = 0x080;
  public static final int AE = 0x100;

  /** The three reserved bits above AE. */
  public static final int RESERVED = 0xE00;

  private TcpFlags() {}

  public static boolean has(int flags, int bit) {
    return (flags & bit) != 0;
  }

  /** Letters in the order of cli.md: S F R P A U E C N. */
  public static String letters(int flags) {
    StringBuilder sb = new StringBuilder(9);
    if ((flags & SYN) != 0) sb.append('S');
    if ((flags & FIN) != 0) sb.append('F');
    if ((flags & RST) != 0) sb.append('R');
    if ((flags & PSH) != 0) sb.append('P');
    if ((flags & ACK) != 0) sb.append('A');
    if ((flags & URG) != 0) sb.append('U');
    if ((flags & ECE) != 0) sb.append('E');
    if ((flags & CWR) != 0) sb.append('C');
    if ((flags & AE) != 0) sb.append('N');
    return sb.toString();
  }

  /** Wireshark's packet-list form, e.g. {@code [SYN, ACK]}. */
  public static String bracketed(int flags) {
    StringBuilder sb = new StringBuilder("[");
    appendName(sb, flags, FIN, "FIN");
    appendName(sb, flags, SYN, "SYN");
    appendName(sb, flags, RST, "RST");
    appendName(sb, flags, PSH, "PSH");
    appendName(sb, flags, ACK, "ACK");
    appendName(sb, flags, URG, "URG");
    appendName(sb, flags, ECE, "ECE");
    appendName(sb, flags, CWR, "CWR");
    appendName(sb, flags, AE, "AE");
    if ((flags & RESERVED) != 0) {
      appendName(sb, flags, RESERVED, "Reserved");
    }
    if (sb.length() == 1) {
      sb.append("<None>");
    }
    return sb.append(']').toString();
  }

  private static void appendName(StringBuilder sb, int flags, int bit, String name) {
    if ((flags & bit) != 0) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(name);
    }
  }
}
