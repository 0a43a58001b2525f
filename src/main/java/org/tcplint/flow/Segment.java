package org.tcplint.flow;

import org.tcplint.capture.Bytes;
import org.tcplint.capture.Frame;
import org.tcplint.decode.Packet;
import org.tcplint.decode.TcpFlags;
import org.tcplint.decode.TcpOptions;

/**
 * The facts of one TCP segment that the tracker and the rules read: numbers copied out of the
 * packet's bytes, so that rules never parse. One instance is refilled per segment; between threads
 * a segment travels packed into a few longs ({@link #pack}, {@link #unpack}).
 */
public final class Segment {
  public long frame;
  public long fileOffset;
  public long tsSeconds;
  public int tsNanos;
  public boolean hasTimestamp;
  public int interfaceId;
  public int section;
  public int srcPort;
  public int dstPort;
  public int seq;
  public int ack;
  public int flags;
  public int window;
  public int urgentPointer;
  public int ecn;
  public int ipId;
  public int ipVersion;
  public int checksum;

  /** Checksum verification bits ({@link Packet#CHECKSUM_VERIFIED} ...), 0 when not verified. */
  public int checksums;

  /** The right TCP checksum, when it is wrong. */
  public int checksumExpected;

  /** The IPv4 header checksum field and its right value (when wrong), IPv4 only. */
  public int ipChecksum;

  public int ipChecksumExpected;

  /**
   * The data offset is below 5 or the header runs past the segment (RFC 9293 §3.1): only the base
   * header was read; options and payload are unknown ({@link #len} is 0).
   */
  public boolean badHeader;

  /** Header length in bytes (data offset × 4) and header plus payload length from the IP header. */
  public int headerLength;

  public int segmentLength;

  /** Ethernet source MAC, or -1. */
  public long linkSource;

  /** Payload length from the IP header. */
  public int len;

  /** Payload bytes present in the capture. */
  public int capturedLen;

  /** Source and destination addresses (IPv4 in the low 32 bits of the second long). */
  public long src0;

  public long src1;
  public long dst0;
  public long dst1;

  private final long[] addr = new long[4];

  /** Which endpoint of the conversation's {@link FlowKey} sent it (0 = A, 1 = B). */
  public int side;

  public final TcpOptions options = new TcpOptions();

  /** Bytes of the payload's start kept to compare retransmissions with ({@link #head0}..2). */
  public static final int HEAD = 24;

  /** The first {@link #headLen} captured payload bytes, big-endian in three longs (zero past). */
  public long head0;

  public long head1;
  public long head2;
  public int headLen;

  /** Data-phase class ({@link DataPhase}), set before the rules run. */
  public int cls;

  /** Fills the segment from a decoded TCP packet. */
  public void fill(Frame f, Packet p) {
    frame = f.number;
    fileOffset = f.fileOffset;
    tsSeconds = f.tsSeconds;
    tsNanos = f.tsNanos;
    hasTimestamp = f.hasTimestamp;
    interfaceId = f.interfaceId;
    section = f.section;
    srcPort = p.srcPort();
    dstPort = p.dstPort();
    seq = p.seq();
    ack = p.ack();
    flags = p.flags();
    window = p.window();
    urgentPointer = p.urgentPointer();
    ecn = p.ecn();
    ipId = p.ipId();
    ipVersion = p.ipVersion();
    checksum = p.checksum();
    checksums = p.checksums();
    checksumExpected = p.tcpChecksumExpected();
    ipChecksum = p.ipChecksum();
    ipChecksumExpected = p.ipChecksumExpected();
    badHeader = p.tcpBadHeader();
    headerLength = p.tcpHeaderLength();
    segmentLength = p.tcpSegmentLength();
    linkSource = p.linkSource();
    len = p.tcpLength();
    capturedLen = p.capturedPayload();
    FlowKey.addresses(p, addr);
    src0 = addr[0];
    src1 = addr[1];
    dst0 = addr[2];
    dst1 = addr[3];
    if (badHeader) {
      options.parse(p.data(), 0, 0, 0); // no options can be located
    } else {
      options.parse(p);
    }
    cls = DataPhase.NONE;
    headLen = badHeader ? 0 : Math.min(HEAD, Math.max(0, Math.min(capturedLen, len)));
    if (headLen > 0) {
      byte[] b = p.data();
      int at = p.payloadOffset();
      head0 = word(b, at, headLen);
      head1 = word(b, at + 8, headLen - 8);
      head2 = word(b, at + 16, headLen - 16);
    }
  }

  /** The most longs {@link #pack} writes. */
  public static final int PACKED_MAX = 24 + TcpOptions.PACKED_MAX;

  /**
   * Writes this segment's fields into {@code to} from {@code at} (at most {@link #PACKED_MAX}
   * longs) and returns where they end: the segments of a chunk handed from the thread that decoded
   * them to the threads of their partitions lie in a few cache lines each, one partition's after
   * another, instead of in four objects each.
   */
  public int pack(long[] to, int at) {
    to[at] = frame;
    to[at + 1] = fileOffset;
    to[at + 2] = tsSeconds;
    to[at + 3] = linkSource;
    to[at + 4] = src0;
    to[at + 5] = src1;
    to[at + 6] = dst0;
    to[at + 7] = dst1;
    to[at + 8] = head0;
    to[at + 9] = head1;
    to[at + 10] = head2;
    to[at + 11] = Bytes.pair(tsNanos, interfaceId);
    to[at + 12] = Bytes.pair(section, srcPort);
    to[at + 13] = Bytes.pair(dstPort, seq);
    to[at + 14] = Bytes.pair(ack, flags);
    to[at + 15] = Bytes.pair(window, urgentPointer);
    to[at + 16] = Bytes.pair(ecn, ipId);
    to[at + 17] = Bytes.pair(ipVersion, checksum);
    to[at + 18] = Bytes.pair(checksums, checksumExpected);
    to[at + 19] = Bytes.pair(ipChecksum, ipChecksumExpected);
    to[at + 20] = Bytes.pair(headerLength, segmentLength);
    to[at + 21] = Bytes.pair(len, capturedLen);
    to[at + 22] = Bytes.pair(side, headLen);
    to[at + 23] = Bytes.pair(cls, (hasTimestamp ? 1 : 0) | (badHeader ? 2 : 0));
    return options.pack(to, at + 24);
  }

  /** Reads the fields {@link #pack} wrote at {@code at}; returns where they end. */
  public int unpack(long[] from, int at) {
    frame = from[at];
    fileOffset = from[at + 1];
    tsSeconds = from[at + 2];
    linkSource = from[at + 3];
    src0 = from[at + 4];
    src1 = from[at + 5];
    dst0 = from[at + 6];
    dst1 = from[at + 7];
    head0 = from[at + 8];
    head1 = from[at + 9];
    head2 = from[at + 10];
    long v = from[at + 11];
    tsNanos = Bytes.high(v);
    interfaceId = Bytes.low(v);
    v = from[at + 12];
    section = Bytes.high(v);
    srcPort = Bytes.low(v);
    v = from[at + 13];
    dstPort = Bytes.high(v);
    seq = Bytes.low(v);
    v = from[at + 14];
    ack = Bytes.high(v);
    flags = Bytes.low(v);
    v = from[at + 15];
    window = Bytes.high(v);
    urgentPointer = Bytes.low(v);
    v = from[at + 16];
    ecn = Bytes.high(v);
    ipId = Bytes.low(v);
    v = from[at + 17];
    ipVersion = Bytes.high(v);
    checksum = Bytes.low(v);
    v = from[at + 18];
    checksums = Bytes.high(v);
    checksumExpected = Bytes.low(v);
    v = from[at + 19];
    ipChecksum = Bytes.high(v);
    ipChecksumExpected = Bytes.low(v);
    v = from[at + 20];
    headerLength = Bytes.high(v);
    segmentLength = Bytes.low(v);
    v = from[at + 21];
    len = Bytes.high(v);
    capturedLen = Bytes.low(v);
    v = from[at + 22];
    side = Bytes.high(v);
    headLen = Bytes.low(v);
    v = from[at + 23];
    cls = Bytes.high(v);
    hasTimestamp = (v & 1) != 0;
    badHeader = (v & 2) != 0;
    return options.unpack(from, at + 24);
  }

  private static final java.lang.invoke.VarHandle LONG_BE =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.BIG_ENDIAN);

  /** Up to 8 bytes from {@code at} ({@code n} of them, fewer means zeros after) as a long. */
  private static long word(byte[] b, int at, int n) {
    if (n >= 8) {
      return (long) LONG_BE.get(b, at);
    }
    long v = 0;
    for (int k = 0; k < 8; k++) {
      v = (v << 8) | (k < n ? b[at + k] & 0xFF : 0);
    }
    return v;
  }

  /** Head byte {@code i} (below {@link #headLen}). */
  public byte headByte(int i) {
    long word = i < 8 ? head0 : i < 16 ? head1 : head2;
    return (byte) (word >>> (8 * (7 - (i & 7))));
  }

  /** TSval of the timestamp option, 0 when absent. */
  public int tsValOrZero() {
    return options.timestamp ? options.tsVal : 0;
  }

  /** Capture time in nanoseconds since the epoch (0 when the record has none). */
  public long timeNanos() {
    return hasTimestamp ? tsSeconds * 1_000_000_000L + tsNanos : 0;
  }

  public boolean syn() {
    return (flags & TcpFlags.SYN) != 0;
  }

  public boolean fin() {
    return (flags & TcpFlags.FIN) != 0;
  }

  public boolean rst() {
    return (flags & TcpFlags.RST) != 0;
  }

  public boolean hasAck() {
    return (flags & TcpFlags.ACK) != 0;
  }

  /** SYN without ACK. */
  public boolean pureSyn() {
    return (flags & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN;
  }

  /** SYN with ACK. */
  public boolean synAck() {
    return (flags & (TcpFlags.SYN | TcpFlags.ACK)) == (TcpFlags.SYN | TcpFlags.ACK);
  }

  /** Sequence space the segment occupies: payload plus one for SYN and one for FIN. */
  public int seqLength() {
    return len + (syn() ? 1 : 0) + (fin() ? 1 : 0);
  }
}
