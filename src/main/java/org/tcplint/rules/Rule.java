package org.tcplint.rules;

import org.tcplint.flow.Conversation;
import org.tcplint.flow.Segment;

/**
 * A check (or a tight family of checks) over conversations. The engine calls {@link #onSegment}
 * with the conversation state as it was before the segment, and {@link #onEnd} when the
 * conversation will see no more segments.
 */
public interface Rule {
  default void onSegment(RuleContext ctx, Conversation c, Segment s) {}

  default void onEnd(RuleContext ctx, Conversation c) {}
}
