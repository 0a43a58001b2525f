package org.tcplint.rules;

import static org.tcplint.decode.SeqNum.geq;
import static org.tcplint.decode.SeqNum.gt;
import static org.tcplint.decode.SeqNum.lt;
import static org.tcplint.rules.RuleContext.raw;

import org.tcplint.decode.TcpFlags;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;

/** Reset validity (rules.md §8.7). */
public final class ResetRules implements Rule {

  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    Endpoint e = c.endpoint(s.side);
    Endpoint peer = c.endpoint(1 - s.side);
    if (!s.rst()) {
      if (c.rstAccepted && !c.rstIgnoredReported && (s.len > 0 || s.syn() || s.fin())) {
        c.rstIgnoredReported = true;
        // RFC 9293 §3.5.3: an acceptable RST ends the connection.
        ctx.report(
            "rst.ignored",
            c,
            s.frame,
            s.side,
            "segment after the RST in frame " + c.rstAcceptedFrame + " that ended the connection",
            null,
            null);
      }
      return;
    }
    replyShape(ctx, c, s, e);
    if (s.len > 0) {
      ctx.report(
          "rst.with-data",
          c,
          s.frame,
          s.side,
          "RST carries " + s.len + " bytes of payload",
          null,
          null);
    }
    if (s.hasAck() && peer.nxtSet && gt(s.ack, peer.nxt) && c.established) {
      ctx.report(
          "rst.invalid-ack",
          c,
          s.frame,
          s.side,
          "RST acknowledges "
              + RuleContext.seqText(c, 1 - s.side, s.ack)
              + ", beyond what the peer sent ("
              + RuleContext.seqText(c, 1 - s.side, peer.nxt)
              + ")",
          raw(peer.nxt),
          raw(s.ack));
    }
    if (c.closedFrame != 0) {
      ctx.report(
          "rst.in-time-wait",
          c,
          s.frame,
          s.side,
          "RST after both FINs were acknowledged (frame " + c.closedFrame + ")",
          null,
          null);
      return;
    }
    if (!c.established || !peer.ackSent) {
      return; // RFC 5961 window checks apply only in synchronized states
    }
    int rcvNxt = peer.maxAck;
    if (s.seq == rcvNxt || s.seq == peer.lastAck || (e.nxtSet && s.seq == e.nxt)) {
      return;
    }
    long wnd =
        Integer.toUnsignedLong(peer.window)
            << scale(c, 1 - s.side, ctx.settings().assumedWindowScale());
    boolean inWindow = geq(s.seq, rcvNxt) && lt(s.seq, (int) (rcvNxt + wnd));
    if (inWindow) {
      c.challengeSide = 1 - s.side;
      c.challengeFrame = s.frame;
      c.challengeCause = "the in-window RST";
      // RFC 5961 §3.2: an in-window RST that is not exact draws a challenge ACK.
      ctx.report(
          "rst.in-window-inexact",
          c,
          s.frame,
          s.side,
          "RST seq "
              + RuleContext.seqText(c, s.side, s.seq)
              + " is inside the window but not the expected "
              + RuleContext.seqText(c, s.side, rcvNxt),
          raw(rcvNxt),
          raw(s.seq));
    } else {
      ctx.report(
          "rst.out-of-window",
          c,
          s.frame,
          s.side,
          "RST seq "
              + RuleContext.seqText(c, s.side, s.seq)
              + " is outside the receiver's window ["
              + RuleContext.seqText(c, s.side, rcvNxt)
              + ", "
              + RuleContext.seqText(c, s.side, (int) (rcvNxt + wnd))
              + ")",
          raw(rcvNxt),
          raw(s.seq));
    }
  }

  /**
   * RFC 9293 §3.10.7.1: a RST answering a SYN is {@code <SEQ=0><ACK=SYN.seq+len><CTL=RST,ACK>}; one
   * answering a SYN-ACK with a bad ack is {@code <SEQ=SEG.ACK><CTL=RST>} (clarification 9).
   */
  private static void replyShape(RuleContext ctx, Conversation c, Segment s, Endpoint e) {
    if (!c.lastValid || c.lastSide == s.side || ctx.claimed(s, RuleContext.CLAIM_FLAGS)) {
      return;
    }
    int syn = TcpFlags.SYN;
    int ack = TcpFlags.ACK;
    if ((c.lastFlags & (syn | ack)) == syn && s.seq != 0) {
      ctx.report(
          "rst.reply-shape",
          c,
          s.frame,
          s.side,
          "RST answering the SYN (frame "
              + c.lastSegFrame
              + ") has seq "
              + raw(s.seq)
              + ", expected 0 (<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>)",
          0L,
          raw(s.seq));
    } else if ((c.lastFlags & (syn | ack)) == (syn | ack)
        && e.synSent
        && c.lastAckNum != e.isn + 1
        && s.seq != c.lastAckNum) {
      ctx.report(
          "rst.reply-shape",
          c,
          s.frame,
          s.side,
          "RST answering the SYN-ACK (frame "
              + c.lastSegFrame
              + ") has seq "
              + RuleContext.seqText(c, s.side, s.seq)
              + ", expected its ack "
              + RuleContext.seqText(c, s.side, c.lastAckNum)
              + " (<SEQ=SEG.ACK><CTL=RST>)",
          raw(c.lastAckNum),
          raw(s.seq));
    }
  }

  /** Window scale of {@code side} when both SYNs offered scaling (RFC 7323 §2.2), else 0. */
  static int scale(Conversation c, int side, int assumed) {
    Endpoint e = c.endpoint(side);
    Endpoint p = c.endpoint(1 - side);
    boolean handshake = (e.synSent || e.synAckSent) && (p.synSent || p.synAckSent);
    if (!handshake) {
      return Math.max(assumed, 0); // scale unknown: the configured assumption (RFC 7323 §2.2)
    }
    if (e.synWscale >= 0 && p.synWscale >= 0) {
      return Math.min(e.synWscale, 14); // RFC 7323 §2.3: use 14 for larger shifts
    }
    return 0;
  }
}
