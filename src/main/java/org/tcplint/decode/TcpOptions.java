package org.tcplint.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tcplint.capture.Bytes;

/**
 * The facts the flow tracker and rules need from a segment's options, parsed in one pass without
 * allocation into a reusable instance. {@link #list} gives the full decoded list for output.
 */
public final class TcpOptions {
  public static final int EOL = 0;
  public static final int NOP = 1;
  public static final int MSS = 2;
  public static final int WSCALE = 3;
  public static final int SACK_PERM = 4;
  public static final int SACK = 5;
  public static final int TIMESTAMP = 8;
  public static final int MD5 = 19;
  public static final int AO = 29;
  public static final int MPTCP = 30;
  public static final int TFO = 34;
  public static final int EXP1 = 253;
  public static final int EXP2 = 254;

  /** Experiment id of TCP Fast Open in the experimental option (RFC 7413 §4.1.1). */
  public static final int TFO_EXID = 0xF989;

  /** MSS value, or -1 when absent. */
  public int mss;

  /** Window scale shift as sent (may exceed 14), or -1 when absent. */
  public int wscale;

  public boolean sackPermitted;
  public boolean timestamp;
  public int tsVal;
  public int tsEcr;

  /** TFO option present (kind 34 or experimental 0xF989). */
  public boolean tfo;

  /** Length of the TFO cookie (0 = cookie request). */
  public int tfoCookieLength;

  /** Number of SACK blocks; edges in {@link #sackEdges} (left, right, ...), at most 4 blocks. */
  public int sackBlocks;

  public final int[] sackEdges = new int[8];
  public boolean md5;
  public boolean ao;
  public boolean mptcp;

  /** Kind of the first option with a bad length, or -1. */
  public int badLengthKind;

  /** Kind of the first option seen twice, or -1. */
  public int duplicateKind;

  /** Longest run of consecutive NOPs. */
  public int nopRun;

  /** Kind of the first obsolete option (CC 11-13, Echo 6/7), or -1. */
  public int obsoleteKind;

  /** Options were cut by the snaplen before the header end. */
  public boolean truncated;

  /** Bit k set when an option of kind k (k < 64) is present. */
  public long kindsMask;

  /** The most longs {@link #pack} writes. */
  public static final int PACKED_MAX = 7 + 4;

  /**
   * Writes the parsed options into {@code to} from {@code at} (the SACK edges of the blocks present
   * only) and returns where they end.
   */
  public int pack(long[] to, int at) {
    to[at] = Bytes.pair(mss, wscale);
    to[at + 1] = Bytes.pair(tsVal, tsEcr);
    to[at + 2] = Bytes.pair(tfoCookieLength, sackBlocks);
    to[at + 3] = Bytes.pair(badLengthKind, duplicateKind);
    to[at + 4] = Bytes.pair(nopRun, obsoleteKind);
    to[at + 5] = kindsMask;
    to[at + 6] =
        (sackPermitted ? 1 : 0)
            | (timestamp ? 2 : 0)
            | (tfo ? 4 : 0)
            | (md5 ? 8 : 0)
            | (ao ? 16 : 0)
            | (mptcp ? 32 : 0)
            | (truncated ? 64 : 0);
    int o = at + 7;
    for (int b = 0, n = Math.min(sackBlocks, 4); b < n; b++) {
      to[o++] = Bytes.pair(sackEdges[2 * b], sackEdges[2 * b + 1]);
    }
    return o;
  }

  /** Reads the options {@link #pack} wrote at {@code at}; returns where they end. */
  public int unpack(long[] from, int at) {
    long v = from[at];
    mss = Bytes.high(v);
    wscale = Bytes.low(v);
    v = from[at + 1];
    tsVal = Bytes.high(v);
    tsEcr = Bytes.low(v);
    v = from[at + 2];
    tfoCookieLength = Bytes.high(v);
    sackBlocks = Bytes.low(v);
    v = from[at + 3];
    badLengthKind = Bytes.high(v);
    duplicateKind = Bytes.low(v);
    v = from[at + 4];
    nopRun = Bytes.high(v);
    obsoleteKind = Bytes.low(v);
    kindsMask = from[at + 5];
    v = from[at + 6];
    sackPermitted = (v & 1) != 0;
    timestamp = (v & 2) != 0;
    tfo = (v & 4) != 0;
    md5 = (v & 8) != 0;
    ao = (v & 16) != 0;
    mptcp = (v & 32) != 0;
    truncated = (v & 64) != 0;
    int o = at + 7;
    for (int b = 0, n = Math.min(sackBlocks, 4); b < n; b++) {
      v = from[o++];
      sackEdges[2 * b] = Bytes.high(v);
      sackEdges[2 * b + 1] = Bytes.low(v);
    }
    return o;
  }

  /** Parses the options of {@code p}. */
  public void parse(Packet p) {
    parse(p.data(), p.optionsOffset(), p.optionsEnd(), p.tcpOffset() + p.tcpHeaderLength());
  }

  /** Parses options in {@code b[start, end)}; {@code headerEnd} is where the header ends. */
  public void parse(byte[] b, int start, int end, int headerEnd) {
    mss = -1;
    wscale = -1;
    sackPermitted = false;
    timestamp = false;
    tsVal = 0;
    tsEcr = 0;
    tfo = false;
    tfoCookieLength = 0;
    sackBlocks = 0;
    md5 = false;
    ao = false;
    mptcp = false;
    badLengthKind = -1;
    duplicateKind = -1;
    nopRun = 0;
    obsoleteKind = -1;
    kindsMask = 0;
    truncated = end < headerEnd;
    int seen = 0; // bit per tracked kind
    int run = 0;
    int o = start;
    while (o < end) {
      int kind = b[o] & 0xFF;
      if (kind == EOL) {
        break;
      }
      if (kind == NOP) {
        run++;
        nopRun = Math.max(nopRun, run);
        o++;
        continue;
      }
      run = 0;
      if (kind < 64) {
        kindsMask |= 1L << kind;
      }
      if (o + 1 >= end) {
        if (end >= headerEnd) {
          badLength(kind);
        }
        break;
      }
      int len = b[o + 1] & 0xFF;
      if (len < 2 || o + len > headerEnd) {
        badLength(kind);
        break;
      }
      if (o + len > end) {
        break; // cut by the snaplen
      }
      int bit = trackedBit(kind, b, o, len);
      if (bit != 0) {
        if ((seen & bit) != 0 && duplicateKind < 0) {
          duplicateKind = kind;
        }
        seen |= bit;
      }
      switch (kind) {
        case MSS -> {
          if (len == 4) {
            mss = Bytes.u16(b, o + 2);
          } else {
            badLength(kind);
          }
        }
        case WSCALE -> {
          if (len == 3) {
            wscale = b[o + 2] & 0xFF;
          } else {
            badLength(kind);
          }
        }
        case SACK_PERM -> {
          if (len == 2) {
            sackPermitted = true;
          } else {
            badLength(kind);
          }
        }
        case SACK -> {
          if (len >= 10 && (len - 2) % 8 == 0) {
            int n = (len - 2) / 8;
            for (int i = 0; i < n && sackBlocks < 4; i++) {
              sackEdges[2 * sackBlocks] = Bytes.i32(b, o + 2 + 8 * i);
              sackEdges[2 * sackBlocks + 1] = Bytes.i32(b, o + 6 + 8 * i);
              sackBlocks++;
            }
            if (n > 4) {
              badLength(kind);
            }
          } else if (len != 2) {
            badLength(kind);
          }
        }
        case TIMESTAMP -> {
          if (len == 10) {
            timestamp = true;
            tsVal = Bytes.i32(b, o + 2);
            tsEcr = Bytes.i32(b, o + 6);
          } else {
            badLength(kind);
          }
        }
        case MD5 -> {
          md5 = true;
          if (len != 18) {
            badLength(kind);
          }
        }
        case AO -> ao = true;
        case MPTCP -> mptcp = true;
        case TFO -> tfo(kind, len);
        case EXP1, EXP2 -> {
          if (len >= 4 && Bytes.u16(b, o + 2) == TFO_EXID) {
            tfo = true;
            tfoCookieLength = len - 4;
          }
        }
        case 6, 7, 11, 12, 13 -> {
          if (obsoleteKind < 0) {
            obsoleteKind = kind;
          }
        }
        default -> {
          // Other kinds are kept raw in the listing and ignored by the analysis.
        }
      }
      o += len;
    }
  }

  private void tfo(int kind, int len) {
    tfo = true;
    tfoCookieLength = len - 2;
    if (!tfoLengthValid(len)) {
      badLength(kind);
    }
  }

  /** RFC 7413 §4.1.1: a cookie request (2) or a 4..16-byte cookie of even length. */
  private static boolean tfoLengthValid(int len) {
    return len == 2 || (len >= 6 && len <= 18 && len % 2 == 0);
  }

  private static int trackedBit(int kind, byte[] b, int o, int len) {
    return switch (kind) {
      case MSS -> 1;
      case WSCALE -> 2;
      case SACK_PERM -> 4;
      case TIMESTAMP -> 8;
      case SACK -> 16;
      case TFO -> 32;
      case EXP1, EXP2 -> len >= 4 && Bytes.u16(b, o + 2) == TFO_EXID ? 32 : 0;
      default -> 0;
    };
  }

  private void badLength(int kind) {
    if (badLengthKind < 0) {
      badLengthKind = kind;
    }
  }

  /** Decodes every option of {@code p} for display (allocates). */
  public static List<TcpOption> list(Packet p) {
    return list(p.data(), p.optionsOffset(), p.optionsEnd(), p.tcpOffset() + p.tcpHeaderLength());
  }

  /** Decodes every option in {@code b[start, end)} for display. */
  public static List<TcpOption> list(byte[] b, int start, int end, int headerEnd) {
    List<TcpOption> out = new ArrayList<>();
    int o = start;
    while (o < end) {
      int kind = b[o] & 0xFF;
      if (kind == EOL) {
        out.add(new TcpOption("eol", kind, new long[0], null, null));
        break;
      }
      if (kind == NOP) {
        out.add(new TcpOption("nop", kind, new long[0], null, null));
        o++;
        continue;
      }
      if (o + 1 >= end) {
        String error =
            end < headerEnd ? "length byte not captured" : "no length byte before the header end";
        out.add(new TcpOption(name(kind), kind, new long[0], null, error));
        break;
      }
      int len = b[o + 1] & 0xFF;
      if (len < 2 || o + len > headerEnd) {
        out.add(new TcpOption(name(kind), kind, new long[0], null, "bad option length " + len));
        break;
      }
      if (o + len > end) {
        out.add(new TcpOption(name(kind), kind, new long[0], null, "cut by the snaplen"));
        break;
      }
      out.add(decodeOne(b, o, kind, len));
      o += len;
    }
    return out;
  }

  private static TcpOption decodeOne(byte[] b, int o, int kind, int len) {
    byte[] raw = Arrays.copyOfRange(b, o + 2, o + len);
    String name = name(kind);
    switch (kind) {
      case MSS:
        if (len == 4) {
          return new TcpOption(name, kind, new long[] {Bytes.u16(b, o + 2)}, raw, null);
        }
        break;
      case WSCALE:
        if (len == 3) {
          return new TcpOption(name, kind, new long[] {b[o + 2] & 0xFF}, raw, null);
        }
        break;
      case SACK_PERM:
        if (len == 2) {
          return new TcpOption(name, kind, new long[0], raw, null);
        }
        break;
      case SACK:
        if ((len - 2) % 8 == 0) {
          int n = (len - 2) / 8;
          long[] edges = new long[2 * n];
          for (int i = 0; i < 2 * n; i++) {
            edges[i] = Bytes.u32(b, o + 2 + 4 * i);
          }
          return new TcpOption(name, kind, edges, raw, null);
        }
        break;
      case TIMESTAMP:
        if (len == 10) {
          return new TcpOption(
              name, kind, new long[] {Bytes.u32(b, o + 2), Bytes.u32(b, o + 6)}, raw, null);
        }
        break;
      case MD5:
        if (len == 18) {
          return new TcpOption(name, kind, new long[0], raw, null);
        }
        break;
      case TFO:
        if (tfoLengthValid(len)) {
          return new TcpOption(name, kind, new long[0], raw, null);
        }
        break;
      case MPTCP:
        if (len >= 3) {
          return new TcpOption(name, kind, new long[] {(b[o + 2] & 0xF0) >>> 4}, raw, null);
        }
        break;
      case EXP1:
      case EXP2:
        if (len >= 4 && Bytes.u16(b, o + 2) == TFO_EXID) {
          return new TcpOption(
              "tfo", kind, new long[0], Arrays.copyOfRange(raw, 2, raw.length), null);
        }
        return new TcpOption(
            name, kind, new long[] {len >= 4 ? Bytes.u16(b, o + 2) : -1}, raw, null);
      default:
        return new TcpOption(name, kind, new long[0], raw, null);
    }
    return new TcpOption(name, kind, new long[0], raw, "bad option length " + len);
  }

  /** The JSON name of an option kind. */
  public static String name(int kind) {
    return switch (kind) {
      case EOL -> "eol";
      case NOP -> "nop";
      case MSS -> "mss";
      case WSCALE -> "wscale";
      case SACK_PERM -> "sack_perm";
      case SACK -> "sack";
      case TIMESTAMP -> "timestamp";
      case MD5 -> "md5";
      case AO -> "ao";
      case MPTCP -> "mptcp";
      case TFO -> "tfo";
      case EXP1, EXP2 -> "experimental";
      case 6, 7 -> "echo";
      case 11, 12, 13 -> "cc";
      default -> "unknown";
    };
  }

  /**
   * The options as Wireshark's packet list shows them, e.g. {@code MSS=1460 WS=128 SACK_PERM}
   * (window scale as its multiplier; NOP and EOL left out).
   */
  public static String summary(List<TcpOption> list) {
    StringBuilder sb = new StringBuilder();
    for (TcpOption t : list) {
      String part =
          switch (t.kind()) {
            case "nop", "eol" -> "";
            case "mss" -> t.error() == null ? "MSS=" + t.values()[0] : "MSS=?";
            case "wscale" ->
                t.error() == null ? "WS=" + (1L << Math.min(t.values()[0], 30)) : "WS=?";
            case "sack_perm" -> "SACK_PERM";
            case "sack" -> sackText(t);
            case "timestamp" ->
                t.error() == null ? "TSval=" + t.values()[0] + " TSecr=" + t.values()[1] : "TS=?";
            case "tfo" -> "TFO";
            default -> t.kind().toUpperCase(java.util.Locale.ROOT);
          };
      if (!part.isEmpty()) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(part);
      }
    }
    return sb.toString();
  }

  private static String sackText(TcpOption t) {
    if (t.error() != null) {
      return "SACK=?";
    }
    StringBuilder sb = new StringBuilder();
    long[] v = t.values();
    for (int i = 0; i + 1 < v.length; i += 2) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append("SLE=").append(v[i]).append(" SRE=").append(v[i + 1]);
    }
    return sb.toString();
  }
}
