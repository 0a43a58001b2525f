package org.tcplint.decode;

/** LINKTYPE_* values we decode (tcpdump.org link-layer header types). */
public final class LinkType {
  public static final int NULL = 0;
  public static final int ETHERNET = 1;

  /** DLT_RAW as written by most BSDs (value 12) and by OpenBSD (14). */
  public static final int RAW_BSD = 12;

  public static final int RAW_OPENBSD = 14;
  public static final int RAW = 101;
  public static final int LOOP = 108;
  public static final int LINUX_SLL = 113;
  public static final int IPV4 = 228;
  public static final int IPV6 = 229;
  public static final int LINUX_SLL2 = 276;

  private LinkType() {}

  /** True when the decoder understands this link type. */
  public static boolean supported(int linkType) {
    return switch (linkType) {
      case NULL, ETHERNET, RAW_BSD, RAW_OPENBSD, RAW, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 ->
          true;
      default -> false;
    };
  }

  /** Short name as Wireshark/tcpdump print it. */
  public static String name(int linkType) {
    return switch (linkType) {
      case NULL -> "NULL";
      case ETHERNET -> "EN10MB";
      case RAW_BSD, RAW_OPENBSD, RAW -> "RAW";
      case LOOP -> "LOOP";
      case LINUX_SLL -> "LINUX_SLL";
      case IPV4 -> "IPV4";
      case IPV6 -> "IPV6";
      case LINUX_SLL2 -> "LINUX_SLL2";
      default -> "LINKTYPE_" + linkType;
    };
  }
}
