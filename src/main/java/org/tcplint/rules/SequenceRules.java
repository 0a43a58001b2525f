package org.tcplint.rules;

import static org.tcplint.decode.SeqNum.gt;
import static org.tcplint.decode.SeqNum.leq;
import static org.tcplint.decode.SeqNum.lt;
import static org.tcplint.rules.RuleContext.raw;
import static org.tcplint.rules.RuleContext.rel;

import org.tcplint.flow.Conversation;
import org.tcplint.flow.DataPhase;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;

/**
 * Sequence and acknowledgment numbering in the data phase (rules.md §8.5, clarifications 12 and
 * 13): the segment classes of {@link DataPhase} (gaps, out-of-order, retransmissions of each kind,
 * keep-alives, probes, duplicate ACKs, window updates and the ACKs answering probes), numbers below
 * the ISN, and acknowledgments of bytes the capture did not see or the peer never sent.
 */
public final class SequenceRules implements Rule {

  /** A keep-alive: 0 or 1 byte at nxt − 1, no SYN/FIN/RST (RFC 9293 §3.8.4). */
  static boolean keepAlive(Segment s) {
    return s.cls == DataPhase.KEEP_ALIVE;
  }

  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    Endpoint e = c.endpoint(s.side);
    Endpoint peer = c.endpoint(1 - s.side);
    classes(ctx, c, s, e, peer);
    if (s.cls == DataPhase.RETRANSMISSION
        || s.cls == DataPhase.FAST_RETRANSMISSION
        || s.cls == DataPhase.SPURIOUS_RETRANSMISSION) {
      inconsistent(ctx, c, s, e);
    }
    if (!s.rst() && e.synSent && lt(s.seq, e.isn)) {
      ctx.report(
          "seq.before-isn",
          c,
          s.frame,
          s.side,
          "seq "
              + raw(s.seq)
              + " is "
              + Integer.toUnsignedLong(e.isn - s.seq)
              + " below the sender's ISN "
              + raw(e.isn)
              + " (relative 0)",
          raw(e.isn),
          raw(s.seq));
    }
    if (!s.hasAck() || s.rst() || !peer.nxtSet) {
      return;
    }
    int sent = peer.nxt + (peer.probePending ? 1 : 0);
    if (gt(s.ack, sent)) {
      // RFC 9293 §3.10.7.4 (fifth check): SEG.ACK > SND.NXT acknowledges something not yet sent,
      // unless the capture missed it: decided at the end (clarification 13).
      if (!ctx.claimed(s, RuleContext.CLAIM_ACK) && !(e.ackSent && e.lastAck == s.ack)) {
        c.addPendingUnsentAck(s.frame, s.side, sent, s.ack, s.fin());
        c.remember(s.frame, s.fileOffset);
      }
    } else if (peer.holes.count() > 0 && gt(s.ack, peer.holes.start(0))) {
      int from = peer.holes.start(0);
      int to = lt(s.ack, peer.holes.end(0)) ? s.ack : peer.holes.end(0);
      ctx.report(
          "seq.ack-unseen",
          c,
          s.frame,
          s.side,
          "acknowledges "
              + rel(c, 1 - s.side, s.ack)
              + " (raw "
              + raw(s.ack)
              + "): the peer's bytes "
              + rel(c, 1 - s.side, from)
              + "-"
              + rel(c, 1 - s.side, to)
              + " were sent but not captured",
          raw(from),
          raw(s.ack));
    }
  }

  private static void classes(
      RuleContext ctx, Conversation c, Segment s, Endpoint e, Endpoint peer) {
    switch (s.cls) {
      case DataPhase.KEEP_ALIVE ->
          ctx.report(
              "ka.keepalive",
              c,
              s.frame,
              s.side,
              "keep-alive (" + s.len + " byte" + (s.len == 1 ? "" : "s") + " at seq next - 1)",
              null,
              null);
      case DataPhase.KEEP_ALIVE_ACK ->
          ctx.report(
              "ka.keepalive-ack",
              c,
              s.frame,
              s.side,
              "ACK answering the keep-alive in frame " + peer.lastFrame,
              null,
              null);
      case DataPhase.PROBE ->
          ctx.report(
              "win.zero-window-probe",
              c,
              s.frame,
              s.side,
              "zero-window probe (1 byte at seq " + rel(c, s.side, s.seq) + ")",
              null,
              null);
      case DataPhase.PROBE_ACK ->
          ctx.report(
              "win.zero-window-probe-ack",
              c,
              s.frame,
              s.side,
              "ACK answering the zero-window probe in frame "
                  + peer.lastFrame
                  + " (window still 0)",
              null,
              null);
      case DataPhase.DUP_ACK ->
          ctx.report(
              "seq.dup-ack",
              c,
              s.frame,
              s.side,
              "duplicate ACK #"
                  + (e.dupAcks + 1)
                  + " of "
                  + rel(c, 1 - s.side, s.ack)
                  + " (raw "
                  + raw(s.ack)
                  + ")",
              null,
              null);
      case DataPhase.WINDOW_UPDATE ->
          ctx.report(
              "win.update",
              c,
              s.frame,
              s.side,
              "window update: " + e.window + " -> " + s.window + " (unscaled), same seq and ack",
              Integer.toUnsignedLong(e.window),
              Integer.toUnsignedLong(s.window));
      case DataPhase.GAP -> {
        if (!ctx.claimed(s, RuleContext.CLAIM_SEQ)) {
          int sent = e.nxt + (e.probePending ? 1 : 0);
          ctx.report(
              "seq.gap",
              c,
              s.frame,
              s.side,
              (s.seq - sent & 0xFFFFFFFFL)
                  + " bytes missing from the capture before seq "
                  + rel(c, s.side, s.seq)
                  + " (expected "
                  + rel(c, s.side, sent)
                  + "; raw "
                  + raw(s.seq)
                  + ", expected "
                  + raw(sent)
                  + ")",
              raw(sent),
              raw(s.seq));
        }
      }
      case DataPhase.OUT_OF_ORDER ->
          ctx.report(
              "seq.out-of-order",
              c,
              s.frame,
              s.side,
              "out of order: seq "
                  + rel(c, s.side, s.seq)
                  + " fills a hole "
                  + millis(s.timeNanos() - e.nxtTime)
                  + " after the sender's highest segment (reordering time "
                  + millis(DataPhase.reorderNanos(c))
                  + ")",
              null,
              null);
      case DataPhase.HOLE_RETRANSMISSION, DataPhase.RETRANSMISSION ->
          ctx.report(
              "seq.retransmission",
              c,
              s.frame,
              s.side,
              "retransmission of seq "
                  + rel(c, s.side, s.seq)
                  + " (raw "
                  + raw(s.seq)
                  + (s.cls == DataPhase.RETRANSMISSION
                      ? ", next new byte " + rel(c, s.side, e.nxt) + ")"
                      : "): its bytes fill a hole "
                          + millis(s.timeNanos() - e.nxtTime)
                          + " after the sender's highest segment, so the capture missed the"
                          + " first copy"),
              null,
              null);
      case DataPhase.FAST_RETRANSMISSION ->
          ctx.report(
              "seq.fast-retransmission",
              c,
              s.frame,
              s.side,
              "fast retransmission of seq "
                  + rel(c, s.side, s.seq)
                  + " after "
                  + peer.dupAcks
                  + " duplicate ACKs",
              null,
              null);
      case DataPhase.SPURIOUS_RETRANSMISSION ->
          ctx.report(
              "seq.spurious-retransmission",
              c,
              s.frame,
              s.side,
              "spurious retransmission: bytes "
                  + rel(c, s.side, s.seq)
                  + "-"
                  + rel(c, s.side, s.seq + s.len)
                  + " were already acknowledged (ack "
                  + rel(c, s.side, peer.maxAck)
                  + ")",
              raw(peer.maxAck),
              raw(s.seq + s.len));
      default -> {}
    }
  }

  /**
   * Compares a retransmission's first bytes with the first capture of the same sequence range (the
   * starts of the sender's last few segments of new data are kept).
   */
  private static void inconsistent(RuleContext ctx, Conversation c, Segment s, Endpoint e) {
    int n = e.headLen;
    int d = s.seq - e.headSeq;
    if (n == 0 || s.headLen == 0 || e.inconsistencyReported || d < 0 || d >= n) {
      return;
    }
    for (int k = 0; d + k < n && k < s.headLen; k++) {
      int i = d + k;
      long word = i < 8 ? e.head0 : i < 16 ? e.head1 : e.head2;
      byte was = (byte) (word >>> (8 * (7 - (i & 7))));
      byte now = s.headByte(k);
      if (was != now) {
        e.inconsistencyReported = true;
        ctx.report(
            "seq.retransmission-inconsistent",
            c,
            s.frame,
            s.side,
            "retransmitted byte at seq "
                + rel(c, s.side, s.seq + k)
                + " is 0x"
                + String.format("%02x", now & 0xFF)
                + ", the first capture of that byte had 0x"
                + String.format("%02x", was & 0xFF)
                + " (the payloads differ; reported once per direction)",
            (long) (was & 0xFF),
            (long) (now & 0xFF));
        return;
      }
    }
  }

  private static String millis(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.3f ms", nanos / 1e6);
  }

  @Override
  public void onEnd(RuleContext ctx, Conversation c) {
    for (int i = 0; i < c.pendingCount; i++) {
      long frame = c.pendingUnsentAcks[4 * i];
      long sideAndFin = c.pendingUnsentAcks[4 * i + 1];
      int side = (int) (sideAndFin & 1);
      boolean fin = (sideAndFin & 2) != 0;
      long expected = c.pendingUnsentAcks[4 * i + 2];
      long actual = c.pendingUnsentAcks[4 * i + 3];
      Endpoint peer = c.endpoint(1 - side);
      // rules.md clarification 13: bytes the peer sent later, or a direction with holes, mean the
      // capture missed what was acknowledged; only a complete direction proves an error.
      boolean sentLater = leq((int) actual, peer.nxt + (peer.probePending ? 1 : 0));
      boolean gapped = peer.hadGap();
      if (sentLater || gapped) {
        ctx.report(
            "seq.ack-unseen",
            c,
            frame,
            side,
            "acknowledges "
                + rel(c, 1 - side, (int) actual)
                + " (raw "
                + actual
                + ") beyond the peer's last captured byte "
                + rel(c, 1 - side, (int) expected)
                + (sentLater
                    ? ": the acknowledged bytes are captured later"
                    : ": the peer's direction has capture gaps"),
            expected,
            actual);
        continue;
      }
      ctx.report(
          fin ? "close.fin-invalid-ack" : "seq.ack-unsent-data",
          c,
          frame,
          side,
          (fin ? "FIN segment acknowledges " : "acknowledges ")
              + rel(c, 1 - side, (int) actual)
              + ", but the peer has sent only up to "
              + rel(c, 1 - side, (int) expected)
              + " ("
              + (actual - expected & 0xFFFFFFFFL)
              + " bytes beyond; raw "
              + actual
              + ", expected at most "
              + expected
              + ")",
          expected,
          actual);
    }
  }
}
