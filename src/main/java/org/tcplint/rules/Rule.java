package org.tcplint.rules;

import org.tcplint.flow.Conversation;
import org.tcplint.flow.Segment;

/**
 * A check (or a tight family of checks) over conversations. The engine calls {@link #onSegment}
 * with the conversation state as it was before the segment, and {@link #onEnd} when the
 * conversation will see no more segments.
 */
public interface Rule {
  /**
   * The ids this family may report; a family whose every id is {@code off} is not run at all. Null
   * (the default) means the family keeps state other rules read, so it always runs.
   */
  default java.util.List<String> ids() {
    return null;
  }

  default void onSegment(RuleContext ctx, Conversation c, Segment s) {}

  default void onEnd(RuleContext ctx, Conversation c) {}
}
