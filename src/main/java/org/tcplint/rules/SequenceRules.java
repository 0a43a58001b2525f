package org.tcplint.rules;

import static org.tcplint.decode.SeqNum.gt;
import static org.tcplint.decode.SeqNum.lt;
import static org.tcplint.rules.RuleContext.raw;

import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;

/**
 * Sequence and acknowledgment numbering in the data phase (rules.md §8.5): acks of unsent data,
 * capture gaps, retransmissions, numbers below the ISN, keep-alives and zero-window probes.
 */
public final class SequenceRules implements Rule {
  private static final int RETRANSMISSION_WARNING = 10;

  /** A keep-alive: 0 or 1 byte at nxt − 1, no SYN/FIN/RST (RFC 9293 §3.8.4). */
  static boolean keepAlive(Segment s, Endpoint e) {
    // After its own FIN a side's next seq is FIN.seq + 1; an ACK at FIN.seq is a numbering error
    // (close.ack-wrong-seq), not a keep-alive.
    return e.nxtSet
        && s.len <= 1
        && s.seq == e.nxt - 1
        && !s.syn()
        && !s.fin()
        && !s.rst()
        && !(e.finSent && s.seq == e.finSeq);
  }

  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    Endpoint e = c.endpoint(s.side);
    Endpoint peer = c.endpoint(1 - s.side);
    if (keepAlive(s, e)) {
      ctx.report(
          "ka.keepalive",
          c,
          s.frame,
          s.side,
          "keep-alive (" + s.len + " byte" + (s.len == 1 ? "" : "s") + " at seq next − 1)",
          null,
          null);
    } else if (s.len == 1
        && e.nxtSet
        && s.seq == e.nxt
        && peer.windowSet
        && peer.window == 0
        && !s.syn()
        && !s.fin()
        && !s.rst()) {
      // RFC 9293 §3.8.6.1 MUST-36: probing a zero window.
      ctx.report(
          "win.zero-window-probe", c, s.frame, s.side, "zero-window probe (1 byte)", null, null);
    } else if (!s.rst() && e.nxtSet) {
      if (gt(s.seq, e.nxt) && !ctx.claimed(s, RuleContext.CLAIM_SEQ)) {
        ctx.report(
            "seq.gap",
            c,
            s.frame,
            s.side,
            (s.seq - e.nxt & 0xFFFFFFFFL)
                + " bytes missing from the capture before seq "
                + raw(s.seq)
                + " (expected "
                + raw(e.nxt)
                + ")",
            raw(e.nxt),
            raw(s.seq));
      } else if (lt(s.seq, e.nxt) && (s.len > 0 || s.fin() || s.synAck()) && !s.pureSyn()) {
        int n = e.retransmissions + 1;
        e.retransmissions = n;
        ctx.report(
            "seq.retransmission",
            n == RETRANSMISSION_WARNING ? Severity.WARNING : null,
            c,
            s.frame,
            s.side,
            "retransmission of seq "
                + raw(s.seq)
                + " (relative "
                + RuleContext.rel(c, s.side, s.seq)
                + ", next new byte "
                + raw(e.nxt)
                + ")"
                + (n == RETRANSMISSION_WARNING
                    ? "; " + n + " retransmissions in this direction"
                    : ""),
            null,
            null);
      }
    }
    if (!s.rst() && e.synSent && lt(s.seq, e.isn)) {
      ctx.report(
          "seq.before-isn",
          c,
          s.frame,
          s.side,
          "seq " + raw(s.seq) + " is below the sender's ISN " + raw(e.isn),
          raw(e.isn),
          raw(s.seq));
    }
    // RFC 9293 §3.10.7.4 (fifth check): SEG.ACK > SND.NXT acknowledges something not yet sent.
    if (s.hasAck()
        && !s.rst()
        && peer.nxtSet
        && gt(s.ack, peer.nxt)
        && !ctx.claimed(s, RuleContext.CLAIM_ACK)) {
      c.addPendingUnsentAck(s.frame, s.side, peer.nxt, s.ack, s.fin());
      c.remember(s.frame, s.fileOffset);
    }
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
      boolean gap = peer.gap || peer.packets == 0;
      ctx.report(
          fin ? "close.fin-invalid-ack" : "seq.ack-unsent-data",
          gap ? Severity.WARNING : null,
          c,
          frame,
          side,
          (fin ? "FIN segment acknowledges " : "acknowledges ")
              + actual
              + ", but the peer has sent only up to "
              + expected
              + " ("
              + (actual - expected & 0xFFFFFFFFL)
              + " bytes beyond)"
              + (gap ? "; downgraded: the peer's direction has a capture gap" : ""),
          expected,
          actual);
    }
  }
}
