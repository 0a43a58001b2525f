package org.tcplint.flow;

import org.tcplint.capture.Frame;
import org.tcplint.decode.Packet;
import org.tcplint.decode.TcpFlags;
import org.tcplint.decode.TcpOptions;

/**
 * The facts of one TCP segment that the tracker and the rules read: numbers copied out of the
 * packet's bytes, so that rules never parse. One instance is refilled per segment.
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
