package org.tcplint.flow;

import static org.tcplint.decode.SeqNum.gt;
import static org.tcplint.decode.SeqNum.leq;
import static org.tcplint.decode.SeqNum.lt;

/**
 * Classifies a segment of the data phase (rules.md clarifications 12 and 13) before the rules see
 * it, from the conversation's state as it was before the segment; {@link Tracker#apply} then keeps
 * the state these classes need (holes, duplicate-ACK counts, the class of each side's last
 * segment). One class per segment. Where the RFC is silent the classes follow Wireshark's {@code
 * tcp.analysis} defaults; where tcplint knows more (which bytes were captured), it uses that.
 */
public final class DataPhase {
  /** No data-phase class. */
  public static final int NONE = 0;

  /** Bytes after a hole: the capture missed bytes before this segment ({@code seq.gap}). */
  public static final int GAP = 1;

  /** Fills a hole within the reordering time ({@code seq.out-of-order}). */
  public static final int OUT_OF_ORDER = 2;

  /** Fills a hole after the reordering time: the first copy was not captured. */
  public static final int HOLE_RETRANSMISSION = 3;

  /** Bytes captured before, sent again ({@code seq.retransmission}). */
  public static final int RETRANSMISSION = 4;

  /** After ≥ 2 duplicate ACKs of its seq ({@code seq.fast-retransmission}). */
  public static final int FAST_RETRANSMISSION = 5;

  /** Bytes the peer had already acknowledged ({@code seq.spurious-retransmission}). */
  public static final int SPURIOUS_RETRANSMISSION = 6;

  /** Keep-alive: 0 or 1 byte at nxt − 1 ({@code ka.keepalive}). */
  public static final int KEEP_ALIVE = 7;

  /** The ACK answering a keep-alive ({@code ka.keepalive-ack}). */
  public static final int KEEP_ALIVE_ACK = 8;

  /** One byte at nxt into a zero window ({@code win.zero-window-probe}). */
  public static final int PROBE = 9;

  /** The ACK answering a zero-window probe ({@code win.zero-window-probe-ack}). */
  public static final int PROBE_ACK = 10;

  /** Same seq, ack and window as the sender's previous segment, no data ({@code seq.dup-ack}). */
  public static final int DUP_ACK = 11;

  /** Same seq and ack, new non-zero window, no data ({@code win.update}). */
  public static final int WINDOW_UPDATE = 12;

  /** Reordering time without a captured handshake (Wireshark's default, 3 ms). */
  public static final long REORDER_NANOS = 3_000_000L;

  private DataPhase() {}

  /** Classifies {@code s} (sets {@link Segment#cls}) from the state before it. */
  public static void classify(Conversation c, Segment s) {
    s.cls = of(c, s);
  }

  private static int of(Conversation c, Segment s) {
    Endpoint e = c.endpoint(s.side);
    Endpoint peer = c.endpoint(1 - s.side);
    boolean control = s.syn() || s.fin() || s.rst();
    if (!e.nxtSet || s.rst() || (s.synAck() && !e.synAckSent && !e.synSent)) {
      return NONE; // a side's first SYN-ACK sets its ISN: nothing before it is compared
    }
    // RFC 9293 §3.8.6.1 MUST-36: one byte at SND.NXT while the peer's window is 0.
    if (s.len == 1 && s.seq == e.nxt && peer.windowSet && peer.window == 0 && !control) {
      return PROBE;
    }
    if (gt(s.seq, e.nxt + (e.probePending ? 1 : 0))) {
      return GAP;
    }
    // RFC 9293 §3.8.4: a keep-alive carries seq = SND.NXT − 1 and 0 or 1 byte. After its own FIN a
    // side's next seq is FIN.seq + 1; an ACK at FIN.seq is a numbering error, not a keep-alive.
    if (s.len <= 1 && s.seq == e.nxt - 1 && !control && !(e.finSent && s.seq == e.finSeq)) {
      return KEEP_ALIVE;
    }
    if (s.len == 0 && !control && s.seq == e.nxt && e.ackSent && s.hasAck() && s.ack == e.lastAck) {
      if (s.window != e.window) {
        return s.window != 0 ? WINDOW_UPDATE : NONE;
      }
      if (peer.lastClass == Endpoint.KEEP_ALIVE && s.window != 0) {
        return KEEP_ALIVE_ACK;
      }
      if (peer.lastClass == Endpoint.PROBE && s.window == 0) {
        return PROBE_ACK;
      }
      return s.window != 0 ? DUP_ACK : NONE;
    }
    if (s.len == 0 && !s.fin() && !s.synAck()) {
      return NONE;
    }
    if (!lt(s.seq, e.nxt) || s.pureSyn()) {
      return NONE;
    }
    // New data that starts one byte below nxt (after a one-byte probe or keep-alive) is not sent
    // twice.
    if (s.len > 1 && s.seq == e.nxt - 1) {
      return NONE;
    }
    int end = s.seq + s.seqLength();
    if (e.holes.overlaps(s.seq, end)) {
      // rules.md clarification 12: bytes never captured before arrive.
      long since = s.timeNanos() - e.nxtTime;
      return since >= 0 && since < reorderNanos(c) ? OUT_OF_ORDER : HOLE_RETRANSMISSION;
    }
    if (s.len > 0 && peer.ackSent && leq(s.seq + s.len, peer.maxAck)) {
      return SPURIOUS_RETRANSMISSION; // RFC 6582, 5682: the peer had acknowledged every byte
    }
    if (peer.dupAcks >= 2 && peer.lastAck == s.seq) {
      return FAST_RETRANSMISSION; // RFC 5681 §3.2: after duplicate ACKs of this seq
    }
    return RETRANSMISSION;
  }

  /** The reordering time: max(3 ms, the handshake's round trip) (clarification 12). */
  public static long reorderNanos(Conversation c) {
    return Math.max(REORDER_NANOS, c.irttNanos);
  }
}
