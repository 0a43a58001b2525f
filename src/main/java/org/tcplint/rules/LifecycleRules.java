package org.tcplint.rules;

import org.tcplint.decode.SeqNum;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;

/** Conversation grouping and lifecycle (rules.md §8.8, clarification 2). */
public final class LifecycleRules implements Rule {

  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    Endpoint e = c.endpoint(s.side);
    if (s.linkSource >= 0 && e.mac >= 0 && e.mac != s.linkSource && !c.l2ChangeReported) {
      c.l2ChangeReported = true;
      ctx.report(
          "conv.l2-change",
          c,
          s.frame,
          s.side,
          String.format(
              "link-layer source of the %s changed from %012x to %012x",
              RuleContext.who(c, s.side), e.mac, s.linkSource),
          null,
          null);
    }
    if (c.packets() != 0 || !c.isReuse()) {
      return;
    }
    if (c.previousShuttingDown) {
      // RFC 9293 §3.6.1 MAY-2, RFC 6191: reuse only from TIME-WAIT, with a higher ISN.
      ctx.report(
          "close.syn-during-shutdown",
          c,
          s.frame,
          s.side,
          "SYN with a new ISN while stream "
              + ctx.streamRef(c.previousStream)
              + " is still closing",
          null,
          null);
    } else if (c.previousPartial) {
      ctx.report(
          "handshake.syn-after-partial",
          c,
          s.frame,
          s.side,
          "SYN after the mid-stream (no SYN) connection of stream "
              + ctx.streamRef(c.previousStream),
          null,
          null);
    } else if (c.previousActive) {
      ctx.report(
          "conv.reuse-while-active",
          c,
          s.frame,
          s.side,
          "SYN with a new ISN "
              + RuleContext.raw(s.seq)
              + " while stream "
              + ctx.streamRef(c.previousStream)
              + " on the same ports is still open",
          null,
          null);
    } else if (c.previousOnlySyns) {
      if (c.synOnlyRun == 11) {
        ctx.report(
            "handshake.syn-flood-on-tuple",
            c,
            s.frame,
            s.side,
            "more than 10 distinct SYNs on one 4-tuple without an answer",
            null,
            null);
      }
      ctx.report(
          "handshake.syn-isn-changed",
          c,
          s.frame,
          s.side,
          "SYN repeated with a different ISN "
              + RuleContext.raw(s.seq)
              + " (stream "
              + ctx.streamRef(c.previousStream)
              + " had only SYNs)",
          null,
          null);
    } else {
      ctx.report(
          "conv.port-reuse",
          c,
          s.frame,
          s.side,
          "new connection on the ports of stream " + ctx.streamRef(c.previousStream),
          null,
          null);
      long since = s.timeNanos() - c.previousEndTime;
      if (c.previousClosedByFin && s.hasTimestamp && since < 2 * ctx.settings().mslNanos()) {
        ctx.report(
            "conv.reuse-premature",
            c,
            s.frame,
            s.side,
            String.format(
                "reuse %.3f s after the FIN close of stream %s (2×MSL = %d s)",
                since / 1e9,
                ctx.streamRef(c.previousStream),
                2 * ctx.settings().mslNanos() / 1_000_000_000L),
            null,
            null);
        boolean tsLarger =
            c.previousClientTs
                && s.options.timestamp
                && SeqNum.gt(s.options.tsVal, c.previousClientTsVal);
        if (c.previousClientNxtSet && SeqNum.leq(s.seq, c.previousClientNxt) && !tsLarger) {
          ctx.report(
              "conv.reuse-isn-not-increasing",
              c,
              s.frame,
              s.side,
              "new ISN "
                  + RuleContext.raw(s.seq)
                  + " is not above the previous incarnation's"
                  + " last seq "
                  + RuleContext.raw(c.previousClientNxt)
                  + " (RFC 6191)",
              RuleContext.raw(c.previousClientNxt + 1),
              RuleContext.raw(s.seq));
        }
      }
    }
  }

  @Override
  public void onEnd(RuleContext ctx, Conversation c) {
    if (c.endpoint(0).packets == 0 || c.endpoint(1).packets == 0) {
      int side = c.endpoint(0).packets == 0 ? 1 : 0;
      ctx.report(
          "conv.one-direction",
          c,
          c.firstFrame(),
          side,
          "only the " + RuleContext.who(c, side) + "'s direction is in the capture",
          null,
          null);
    }
    if (c.clientFromSyn
        && c.endpoint(c.clientSide).synSent
        && c.firstFrame() != c.endpoint(c.clientSide).synFrame) {
      ctx.report(
          "conv.role-flip",
          c,
          c.firstFrame(),
          -1,
          "the first captured segment is not the client's SYN (frame "
              + c.endpoint(c.clientSide).synFrame
              + "); roles are taken from the SYN",
          null,
          null);
    }
  }
}
