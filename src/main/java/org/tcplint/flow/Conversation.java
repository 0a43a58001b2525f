package org.tcplint.flow;

import org.tcplint.decode.TcpFlags;

/** One incarnation of a TCP 4-tuple: stream index, per-side state and summary facts. */
public final class Conversation {
  private FlowKey key;
  private int stream;
  private final Endpoint[] endpoints = {new Endpoint(), new Endpoint()};
  private int completeness;
  private long firstFrame;
  private long lastFrame;
  private long packets;
  private boolean reuse;

  /** Side (0/1) of the client: the sender of the first pure SYN, else from ports; -1 unknown. */
  public int clientSide = -1;

  /** The client side was taken from a SYN (not from port heuristics). */
  public boolean clientFromSyn;

  /** Flags of the first segment of the conversation. */
  public int firstFlags;

  /** Stream of the previous incarnation on this 4-tuple, or -1. */
  public int previousStream;

  /** The previous incarnation was active when this one started (for reuse rules). */
  public boolean previousActive;

  /** The previous incarnation had only SYNs from the new SYN's sender. */
  public boolean previousOnlySyns;

  /** The previous incarnation had no SYN at all (a partial, mid-stream connection). */
  public boolean previousPartial;

  /** The previous incarnation saw a FIN but was not closed by both FINs acknowledged or a RST. */
  public boolean previousShuttingDown;

  /** The previous incarnation closed with FINs from both sides (no RST); its end time (ns). */
  public boolean previousClosedByFin;

  public long previousEndTime;

  /** The previous incarnation's client: next seq, last TSval (valid when TS was seen). */
  public int previousClientNxt;

  public boolean previousClientNxtSet;
  public int previousClientTsVal;
  public boolean previousClientTs;

  /** Consecutive incarnations on this 4-tuple that had only SYNs, including this one. */
  public int synOnlyRun;

  /** A challenge ACK is expected from this side (-1: none), after {@link #challengeFrame}. */
  public int challengeSide = -1;

  public long challengeFrame;
  public String challengeCause;

  /** The previous segment of the conversation (for reply-shape and duplicate checks). */
  public boolean lastValid;

  public int lastSide;
  public int lastSeq;
  public int lastAckNum;
  public int lastFlags;
  public int lastLen;
  public int lastWindow;
  public int lastChecksum;
  public int lastIpId;
  public int lastIpVersion;
  public int lastInterface;
  public long lastSegFrame;

  /** Capture duplicates skipped (rules.md clarification 15): first, its original, last. */
  public long firstDuplicateFrame;

  public long firstDuplicateOf;
  public long lastDuplicateFrame;
  public boolean duplicateOtherInterface;
  public boolean l2ChangeReported;
  public boolean synFloodReported;
  public boolean synAckFloodReported;

  /** Capture time (ns) of the latest pure SYN, and the handshake's round trip (SYN to ACK). */
  public long lastSynTime;

  public long irttNanos;

  /** Pending findings that hold only if a hole below a position stays open (clarification 13). */
  public java.util.List<GapFinding> gapFindings;

  /** A finding about a segment after a hole, kept until the end of the conversation. */
  public record GapFinding(
      String rule,
      long frame,
      int side,
      int position,
      String message,
      Long expected,
      Long actual) {}

  /** Capture time (ns) of the first and last segment. */
  public long firstTime;

  public long lastTime;

  /** Client's first ACK-bearing, non-RST, non-SYN segment after the SYN-ACK was evaluated. */
  public boolean handshakeAckChecked;

  /** The handshake completed: the client acknowledged the server's ISN + 1. */
  public boolean established;

  public long establishedFrame;

  /** The SYN-ACK was sent by the SYN's sender with no SYN from the peer. */
  public boolean synAckWrongDirection;

  /** The responder answered the client's SYN with a bare SYN. */
  public boolean responderSyn;

  /** A RST was accepted (exact or answering a SYN): later non-RST segments are suspect. */
  public boolean rstAccepted;

  public long rstAcceptedFrame;

  public boolean rstIgnoredReported;

  public boolean dataBeforeEstablishedReported;

  public boolean packetsAfterCloseReported;

  /** A RST answered the client's SYN (connection refused). */
  public boolean rejected;

  /** Frame of the segment that completed the close (both FINs acknowledged), 0 if none. */
  public long closedFrame;

  /** Pending {@code seq.ack-unsent-data} candidates: frame, side, expected, actual (raw). */
  public long[] pendingUnsentAcks;

  public int pendingCount;

  Conversation(FlowKey key, int stream, Previous previous, boolean continuation) {
    init(key, stream, previous, continuation);
  }

  /**
   * Makes this object, retired and no longer referenced, the conversation a new one would be: every
   * field as new (the array of remembered frames is kept, emptied), then the constructor's
   * arguments. The flow table takes conversations from its spares so, instead of allocating them
   * ({@code ConversationReuseTest} compares each field with a new conversation's).
   */
  void renew(FlowKey key, int stream, Previous previous, boolean continuation) {
    completeness = 0;
    firstFrame = 0L;
    lastFrame = 0L;
    packets = 0L;
    clientSide = -1;
    clientFromSyn = false;
    firstFlags = 0;
    challengeSide = -1;
    challengeFrame = 0L;
    challengeCause = null;
    lastValid = false;
    lastSide = 0;
    lastSeq = 0;
    lastAckNum = 0;
    lastFlags = 0;
    lastLen = 0;
    lastWindow = 0;
    lastChecksum = 0;
    lastIpId = 0;
    lastIpVersion = 0;
    lastInterface = 0;
    lastSegFrame = 0L;
    firstDuplicateFrame = 0L;
    firstDuplicateOf = 0L;
    lastDuplicateFrame = 0L;
    duplicateOtherInterface = false;
    l2ChangeReported = false;
    synFloodReported = false;
    synAckFloodReported = false;
    lastSynTime = 0L;
    irttNanos = 0L;
    gapFindings = null;
    firstTime = 0L;
    lastTime = 0L;
    handshakeAckChecked = false;
    established = false;
    establishedFrame = 0L;
    synAckWrongDirection = false;
    responderSyn = false;
    rstAccepted = false;
    rstAcceptedFrame = 0L;
    rstIgnoredReported = false;
    dataBeforeEstablishedReported = false;
    packetsAfterCloseReported = false;
    rejected = false;
    closedFrame = 0L;
    pendingUnsentAcks = null;
    pendingCount = 0;
    attachment = null;
    queued = false;
    retired = false;
    notableCount = 0;
    lastOffset = 0L;
    onlySyns = true;
    pendingBadChecksums = null;
    pendingBadChecksumCount = 0;
    endpoints[0].reset();
    endpoints[1].reset();
    init(key, stream, previous, continuation);
  }

  private void init(FlowKey key, int stream, Previous previous, boolean continuation) {
    this.key = key;
    this.stream = stream;
    this.continuation = continuation;
    this.reuse = previous != null && !continuation;
    Previous p = continuation ? null : previous;
    this.previousStream = p == null ? -1 : p.stream();
    this.previousActive = p != null && p.active();
    this.previousOnlySyns = p != null && p.onlySyns();
    this.previousPartial = p != null && p.partial();
    this.previousShuttingDown = p != null && p.shuttingDown();
    this.previousClosedByFin = p != null && p.closedByFin();
    this.previousEndTime = p == null ? 0 : p.endTime();
    this.previousClientNxt = p == null ? 0 : p.clientNxt();
    this.previousClientNxtSet = p != null && p.clientNxtSet();
    this.previousClientTsVal = p == null ? 0 : p.clientTsVal();
    this.previousClientTs = p != null && p.clientTs();
    this.synOnlyRun = p != null && p.onlySyns() ? p.synOnlyRun() + 1 : 1;
    if (continuation) {
      for (int side = 0; side < 2; side++) {
        endpoints[side].baseSeq = previous.base(side);
        endpoints[side].baseSet = previous.baseSet(side);
      }
    }
  }

  /**
   * True for the late segments of a conversation whose state was already freed (closed and quiet
   * for the linger time): same stream, analysed on their own.
   */
  public boolean continuation;

  /** State a consumer keeps per conversation (the checker's history letters). */
  public Object attachment;

  /** Queued for eviction once quiet (see {@link FlowTable}). */
  boolean queued;

  /** Left the flow table (freed, or replaced by a new incarnation): no more segments. */
  boolean retired;

  private long[] notable; // frame, offset pairs of the frames end-of-conversation findings name
  private int notableCount;
  private long lastOffset;

  /** Remembers the byte offset of a frame that findings may name later (SYN, FIN, RST, close). */
  public void remember(long frame, long offset) {
    if (notable == null) {
      notable = new long[16];
    } else if (notableCount * 2 == notable.length) {
      if (notable.length >= 128) {
        return; // a pathological conversation: later notable frames go without an offset
      }
      notable = java.util.Arrays.copyOf(notable, notable.length * 2);
    }
    notable[notableCount * 2] = frame;
    notable[notableCount * 2 + 1] = offset;
    notableCount++;
  }

  /** Byte offset of the record of {@code frame}, when this conversation remembered it. */
  public Long offsetOf(long frame) {
    if (frame == lastFrame) {
      return lastOffset;
    }
    for (int i = 0; i < notableCount; i++) {
      if (notable[2 * i] == frame) {
        return notable[2 * i + 1];
      }
    }
    return null;
  }

  /** Closed: both FINs acknowledged, or a RST. */
  public boolean closed() {
    return closedFrame != 0 || endpoints[0].rstSent || endpoints[1].rstSent;
  }

  /**
   * Active (rules.md clarification 2): a SYN-ACK or data was seen and it was not closed by FINs
   * from both sides or a RST.
   */
  public boolean active() {
    boolean started =
        endpoints[0].synAckSent
            || endpoints[1].synAckSent
            || endpoints[0].dataSent
            || endpoints[1].dataSent;
    boolean closed =
        (endpoints[0].finSent && endpoints[1].finSent)
            || endpoints[0].rstSent
            || endpoints[1].rstSent;
    return started && !closed;
  }

  /** Only pure SYNs were seen (from either side). */
  public boolean onlySyns() {
    return onlySyns;
  }

  private boolean onlySyns = true;

  /** The client's {@code address:port} (side 0 while roles are unknown). */
  public String clientText() {
    return key.endpoint(clientSide < 0 ? 0 : clientSide);
  }

  /** The server's {@code address:port} (side 1 while roles are unknown). */
  public String serverText() {
    return key.endpoint(clientSide < 0 ? 1 : 1 - clientSide);
  }

  /**
   * {@code client server}, the two texts with a space between (findings' fingerprints). These texts
   * are built anew when asked for rather than kept: a finding is reported early in a conversation's
   * life, and texts kept from then until it retires outlive a young collection or two and are
   * copied into the old generation, where they become garbage that only a full collection frees.
   */
  public String endpointsText() {
    return key.endpoints(clientSide < 0 ? 0 : clientSide);
  }

  /** Side of the server, or -1. */
  public int serverSide() {
    return clientSide < 0 ? -1 : 1 - clientSide;
  }

  /** Records a pending {@code seq.ack-unsent-data} candidate. */
  public void addPendingUnsentAck(long frame, int side, int expected, int actual, boolean fin) {
    if (pendingUnsentAcks == null) {
      pendingUnsentAcks = new long[16];
    } else if (pendingCount * 4 + 4 > pendingUnsentAcks.length) {
      if (pendingUnsentAcks.length >= 4096) {
        return; // bounded: a pathological conversation keeps its first 1024 candidates
      }
      pendingUnsentAcks = java.util.Arrays.copyOf(pendingUnsentAcks, pendingUnsentAcks.length * 2);
    }
    int i = pendingCount++ * 4;
    pendingUnsentAcks[i] = frame;
    pendingUnsentAcks[i + 1] = side | (fin ? 2 : 0);
    pendingUnsentAcks[i + 2] = Integer.toUnsignedLong(expected);
    pendingUnsentAcks[i + 3] = Integer.toUnsignedLong(actual);
  }

  /**
   * Pending {@code pkt.bad-checksum} candidates, decided when it is known whether their direction
   * offloads checksums: frame, side | kind bits &lt;&lt; 1, expected, actual (raw).
   */
  public long[] pendingBadChecksums;

  public int pendingBadChecksumCount;

  /** Records a pending {@code pkt.bad-checksum} candidate (bounded: the first 256 are kept). */
  public void addPendingBadChecksum(long frame, int side, int kind, int expected, int actual) {
    if (pendingBadChecksums == null) {
      pendingBadChecksums = new long[16];
    } else if (pendingBadChecksumCount * 4 + 4 > pendingBadChecksums.length) {
      if (pendingBadChecksums.length >= 1024) {
        return;
      }
      pendingBadChecksums =
          java.util.Arrays.copyOf(pendingBadChecksums, pendingBadChecksums.length * 2);
    }
    int i = pendingBadChecksumCount++ * 4;
    pendingBadChecksums[i] = frame;
    pendingBadChecksums[i + 1] = side | (kind << 1);
    pendingBadChecksums[i + 2] = expected;
    pendingBadChecksums[i + 3] = actual;
  }

  public FlowKey key() {
    return key;
  }

  public int stream() {
    return stream;
  }

  public Endpoint endpoint(int side) {
    return endpoints[side];
  }

  /** True when this incarnation replaced an earlier one on the same 4-tuple. */
  public boolean isReuse() {
    return reuse;
  }

  /** Wireshark's {@code tcp.completeness} so far. */
  public int completeness() {
    return completeness;
  }

  public long firstFrame() {
    return firstFrame;
  }

  public long lastFrame() {
    return lastFrame;
  }

  public long packets() {
    return packets;
  }

  /** Relative sequence number of {@code s} (like Wireshark's {@code tcp.seq}). */
  public long relativeSeq(Segment s) {
    return Integer.toUnsignedLong(s.seq - endpoints[s.side].baseSeq);
  }

  /** Relative acknowledgment number of {@code s}, 0 without the ACK flag. */
  public long relativeAck(Segment s) {
    if (!s.hasAck()) {
      return 0;
    }
    return Integer.toUnsignedLong(s.ack - endpoints[1 - s.side].baseSeq);
  }

  /**
   * Counts the segment and updates the bases for relative numbers and the completeness bits, with
   * Wireshark's rules (compat.md §3.1, §3.4).
   */
  public void account(Segment s) {
    Endpoint fwd = endpoints[s.side];
    Endpoint rev = endpoints[1 - s.side];
    boolean first = packets == 0;
    if (first) {
      firstFrame = s.frame;
      firstFlags = s.flags;
      firstTime = s.timeNanos();
    }
    if (!s.pureSyn()) {
      onlySyns = false;
    }
    lastFrame = s.frame;
    lastOffset = s.fileOffset;
    lastTime = s.timeNanos();
    packets++;
    fwd.packets++;
    fwd.lastFrame = s.frame;
    fwd.bytes += s.len;
    if (!fwd.baseSet) {
      fwd.baseSeq = s.syn() ? s.seq : s.seq - 1;
      fwd.baseSet = true;
    } else if (s.synAck() && s.seq != fwd.baseSeq) {
      fwd.baseSeq = s.seq;
    }
    if (s.hasAck() && !rev.baseSet) {
      rev.baseSeq = s.ack - 1;
      rev.baseSet = true;
    }
    lastValid = true;
    lastSide = s.side;
    lastSeq = s.seq;
    lastAckNum = s.ack;
    lastFlags = s.flags;
    lastLen = s.len;
    lastWindow = s.window;
    lastChecksum = s.checksum;
    lastIpId = s.ipId;
    lastIpVersion = s.ipVersion;
    lastInterface = s.interfaceId;
    lastSegFrame = s.frame;
    int f = s.flags;
    if (s.pureSyn()) {
      if (first) {
        completeness |= Completeness.SYN;
        if (s.len > 0) {
          completeness |= Completeness.DATA;
        }
      }
    } else if ((f & TcpFlags.SYN) != 0) {
      completeness |= Completeness.SYN_ACK;
    } else if ((f & TcpFlags.ACK) != 0) {
      completeness |= s.len > 0 ? Completeness.DATA : Completeness.ACK;
    }
    if ((f & (TcpFlags.FIN | TcpFlags.ACK)) == (TcpFlags.FIN | TcpFlags.ACK)) {
      completeness |= Completeness.FIN;
    }
    if ((f & TcpFlags.RST) != 0) {
      completeness |= Completeness.RST;
    }
  }
}
