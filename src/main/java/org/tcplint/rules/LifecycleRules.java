package org.tcplint.rules;

import org.tcplint.flow.Conversation;
import org.tcplint.flow.Segment;

/** Conversation grouping and lifecycle (rules.md §8.8, clarification 2). */
public final class LifecycleRules implements Rule {

  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    if (c.packets() != 0 || !c.isReuse()) {
      return;
    }
    if (c.previousActive) {
      ctx.report(
          "conv.reuse-while-active",
          c,
          s.frame,
          s.side,
          "SYN with a new ISN "
              + RuleContext.raw(s.seq)
              + " while stream "
              + c.previousStream
              + " on the same ports is still open",
          null,
          null);
    } else if (c.previousOnlySyns) {
      ctx.report(
          "handshake.syn-isn-changed",
          c,
          s.frame,
          s.side,
          "SYN repeated with a different ISN "
              + RuleContext.raw(s.seq)
              + " (stream "
              + c.previousStream
              + " had only SYNs)",
          null,
          null);
    } else {
      ctx.report(
          "conv.port-reuse",
          c,
          s.frame,
          s.side,
          "new connection on the ports of stream " + c.previousStream,
          null,
          null);
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
