package org.tcplint.rules;

import java.util.function.Supplier;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;
import org.tcplint.flow.Tally;

/**
 * Facts that would otherwise be reported on every segment of a direction are counted and reported
 * once per direction when the conversation ends: the first segment, its numbers, and the count.
 */
final class Tallies {
  private Tallies() {}

  /** Counts {@code rule} on the direction of {@code s}; the message is built for the first only. */
  static void count(
      Conversation c,
      Segment s,
      String rule,
      Supplier<String> message,
      Long expected,
      Long actual) {
    Endpoint e = c.endpoint(s.side);
    Tally t = e.tally(rule);
    if (t != null) {
      t.count++;
      return;
    }
    e.add(new Tally(rule, s.frame, message.get(), expected, actual));
    c.remember(s.frame, s.fileOffset);
  }

  /** Reports {@code rule} once for each direction that showed it. */
  static void report(RuleContext ctx, Conversation c, String rule, Severity severity, String what) {
    for (int side = 0; side < 2; side++) {
      Tally t = c.endpoint(side).tally(rule);
      if (t != null) {
        ctx.report(rule, severity, c, t.frame, side, t.summary(what), t.expected, t.actual);
      }
    }
  }
}
