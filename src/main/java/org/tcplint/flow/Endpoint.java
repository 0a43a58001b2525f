package org.tcplint.flow;

/**
 * What we know of one side of a conversation (the sender of one direction of segments). All
 * sequence values are raw 32-bit numbers compared with {@link org.tcplint.decode.SeqNum}.
 */
public final class Endpoint {
  /** Base for relative numbers (Wireshark's base_seq): the ISN, or seq − 1 mid-stream. */
  public int baseSeq;

  public boolean baseSet;

  /** Frame of the last segment this side sent. */
  public long lastFrame;

  /** Segments and payload bytes sent by this side. */
  public long packets;

  public long bytes;

  // --- handshake ---
  /** A pure SYN was sent; {@link #isn} is its sequence number. */
  public boolean synSent;

  public int isn;
  public long synFrame;

  /** Payload carried on the SYN (TFO). */
  public int synLen;

  /** Number of pure SYNs with the first ISN. */
  public int synCount;

  /** A SYN-ACK was sent. */
  public boolean synAckSent;

  public long synAckFrame;
  public int synAckSeq;
  public int synAckAck;

  /** Payload carried on the first SYN-ACK. */
  public int synAckLen;

  /** Seq of the latest SYN-ACK (a server may change its ISN on a repeated SYN-ACK). */
  public int synAckSeqLast;

  /** Options offered on this side's SYN or SYN-ACK (first one). */
  public int synMss = -1;

  public int synWscale = -1;
  public boolean synSackPerm;
  public boolean synTimestamp;
  public int synTsVal;
  public boolean synTfoCookie;

  /** Window and option kinds of the first SYN (for syn-options-changed). */
  public int synWindow;

  public long synKinds;

  /** Distinct SYN-ACK sequence numbers sent. */
  public int synAckDistinct;

  /** This side has sent a segment without SYN. */
  public boolean nonSynSent;

  /** Highest seq + len of this side's non-SYN segments (valid when {@link #nonSynSent}). */
  public int nonSynNxt;

  /** Last TSval sent (valid when {@link #tsSeen}). */
  public int lastTsVal;

  public boolean tsSeen;

  /** Ethernet source address of this side, or -1. */
  public long mac = -1;

  /** FIN/RST storm detection: consecutive FIN/RST segments less than 1 s apart. */
  public int finRstRun;

  public long lastFinRstTime;

  // --- sequence space ---
  /** {@link #nxt} is valid: this side has sent a segment. */
  public boolean nxtSet;

  /** Highest seq + seqLength sent so far (SND.NXT as seen on the wire). */
  public int nxt;

  /** This side has sent a segment with the ACK flag (not a RST). */
  public boolean ackSent;

  /** Highest acknowledgment number sent (valid when {@link #ackSent}). */
  public int maxAck;

  public int lastAck;

  /** Last advertised window (unscaled) and whether it was seen. */
  public int window;

  public boolean windowSet;

  /** Retransmissions of bytes captured before, by class (rules.md clarification 12). */
  public int retransmissions;

  public int fastRetransmissions;
  public int spuriousRetransmissions;

  /** Segments that filled a hole within the reordering time, or after it (first copy missed). */
  public int outOfOrder;

  public int holeRetransmissions;

  /** Gaps opened in this direction, and duplicate ACKs this side sent. */
  public int gaps;

  /** A gap (bytes missing from the capture) was seen in this direction. */
  public boolean hadGap() {
    return gaps > 0;
  }

  public int dupAcksSent;

  /** Capture duplicates of this side's segments that were skipped. */
  public int duplicates;

  // --- data phase (rules.md clarifications 12-13) ---
  /** Sequence ranges below {@link #nxt} never captured. */
  public final Holes holes = new Holes();

  /** Capture time (ns) of the segment that last advanced {@link #nxt}. */
  public long nxtTime;

  /** Duplicate ACKs sent in a row for {@link #lastAck}, and the frame of the first sent. */
  public int dupAcks;

  /** Class of the last segment this side sent: {@link #KEEP_ALIVE} or {@link #PROBE}, else 0. */
  public int lastClass;

  public static final int KEEP_ALIVE = 1;
  public static final int PROBE = 2;

  /** A zero-window probe is outstanding: its byte is at {@link #nxt}, not yet acknowledged. */
  public boolean probePending;

  /**
   * The first bytes of this side's latest segment of new data, to compare a retransmission with:
   * its payload's seq, how many bytes are kept (at most {@link Segment#HEAD}) and the bytes, packed
   * big-endian into three longs (no allocation per conversation).
   */
  public int headSeq;

  public int headLen;
  public long head0;
  public long head1;
  public long head2;
  public boolean inconsistencyReported;

  /** The last window this side advertised came on its SYN or SYN-ACK (never scaled). */
  public boolean windowOnSyn;

  /** Most right-shifted edge this side advertised (ack + scaled window), when {@link #edgeSet}. */
  public int maxEdge;

  public boolean edgeSet;

  /** Findings reported once per direction. */
  public boolean exceedsMssReported;

  public boolean zeroWindowDataReported;

  /**
   * Largest and smallest window advertised on this side's segments without SYN or RST, as sent (not
   * scaled), or -1 before the first.
   */
  public int windowMax = -1;

  public int windowMin = -1;

  // --- close ---
  public boolean finSent;

  /** Sequence number occupied by the first FIN (seq + len of the FIN segment). */
  public int finSeq;

  public long finFrame;

  /** This side's FIN segment acknowledged the peer's FIN (a three-way close). */
  public boolean finAcksPeerFin;

  /** The peer acknowledged this side's FIN (ack ≥ finSeq + 1). */
  public boolean finAcked;

  public long finAckFrame;

  public boolean rstSent;
  public long rstFrame;

  /** First frame this side sent with payload. */
  public long firstDataFrame;

  /** Any payload sent. */
  public boolean dataSent;

  /** Snaplen cut seen in this direction (reported once). */
  public boolean snaplenReported;

  // --- checksums, timestamps, ECN (read and kept by their rule families) ---
  /** Segments of this side whose checksums were verified, and how many of them were wrong. */
  public int checksumsVerified;

  public int checksumsBad;

  /** Wrong checksums that are offload placeholders (0 or the pseudo-header sum). */
  public int checksumPlaceholders;

  /** Frame of the first wrong checksum. */
  public long checksumFirstBadFrame;

  /** TSvals of this side's pure SYNs (the last 8), and how many SYNs carried TSopt. */
  public int[] synTsVals;

  /** TSval of the first SYN with TSopt (the later ones go to {@link #synTsVals}). */
  public int synTsFirst;

  public int synTsCount;

  /** The snaplen cut the options of one of this side's SYNs or SYN-ACKs: its offer is unknown. */
  public boolean synOptionsCut;

  /** TSval of this side's latest in-sequence segment (valid when {@link #tsInSeqSet}). */
  public int tsInSeqVal;

  public boolean tsInSeqSet;

  /** Highest TSval this side sent (valid when {@link #tsMaxSet}). */
  public int tsMax;

  public boolean tsMaxSet;

  /** ECN setup of this side's pure SYNs: bit 1 ECE+CWR (RFC 3168), bit 2 AE+CWR+ECE (AccECN). */
  public int synEcn;

  /** AE, CWR and ECE bits of this side's first SYN-ACK, or -1. */
  public int synAckEcn = -1;

  private Tally tallies;

  /** The tally of {@code rule} for this direction, or null when the fact has not occurred. */
  public Tally tally(String rule) {
    for (Tally t = tallies; t != null; t = t.next) {
      if (t.rule.equals(rule)) {
        return t;
      }
    }
    return null;
  }

  /** Adds the first occurrence of a fact. */
  public void add(Tally t) {
    t.next = tallies;
    tallies = t;
  }

  /**
   * Puts every field back to what a new endpoint holds, for a conversation object taken again from
   * the flow table's spares ({@code ConversationReuseTest} compares each field with a new one's).
   */
  void reset() {
    baseSeq = 0;
    baseSet = false;
    lastFrame = 0L;
    packets = 0L;
    bytes = 0L;
    synSent = false;
    isn = 0;
    synFrame = 0L;
    synLen = 0;
    synCount = 0;
    synAckSent = false;
    synAckFrame = 0L;
    synAckSeq = 0;
    synAckAck = 0;
    synAckLen = 0;
    synAckSeqLast = 0;
    synMss = -1;
    synWscale = -1;
    synSackPerm = false;
    synTimestamp = false;
    synTsVal = 0;
    synTfoCookie = false;
    synWindow = 0;
    synKinds = 0L;
    synAckDistinct = 0;
    nonSynSent = false;
    nonSynNxt = 0;
    lastTsVal = 0;
    tsSeen = false;
    mac = -1L;
    finRstRun = 0;
    lastFinRstTime = 0L;
    nxtSet = false;
    nxt = 0;
    ackSent = false;
    maxAck = 0;
    lastAck = 0;
    window = 0;
    windowSet = false;
    retransmissions = 0;
    fastRetransmissions = 0;
    spuriousRetransmissions = 0;
    outOfOrder = 0;
    holeRetransmissions = 0;
    gaps = 0;
    dupAcksSent = 0;
    duplicates = 0;
    nxtTime = 0L;
    dupAcks = 0;
    lastClass = 0;
    probePending = false;
    headSeq = 0;
    headLen = 0;
    head0 = 0L;
    head1 = 0L;
    head2 = 0L;
    inconsistencyReported = false;
    windowOnSyn = false;
    maxEdge = 0;
    edgeSet = false;
    exceedsMssReported = false;
    zeroWindowDataReported = false;
    windowMax = -1;
    windowMin = -1;
    finSent = false;
    finSeq = 0;
    finFrame = 0L;
    finAcksPeerFin = false;
    finAcked = false;
    finAckFrame = 0L;
    rstSent = false;
    rstFrame = 0L;
    firstDataFrame = 0L;
    dataSent = false;
    snaplenReported = false;
    checksumsVerified = 0;
    checksumsBad = 0;
    checksumPlaceholders = 0;
    checksumFirstBadFrame = 0L;
    synTsVals = null;
    synTsFirst = 0;
    synTsCount = 0;
    synOptionsCut = false;
    tsInSeqVal = 0;
    tsInSeqSet = false;
    tsMax = 0;
    tsMaxSet = false;
    synEcn = 0;
    synAckEcn = -1;
    tallies = null;
    holes.reset();
  }
}
