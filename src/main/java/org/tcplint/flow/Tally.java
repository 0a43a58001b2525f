package org.tcplint.flow;

/**
 * A fact reported once per direction of a conversation, at its end: the first segment that showed
 * it (with the message and numbers for it) and how many segments showed it. Kept in a short list on
 * the sending {@link Endpoint}, only for facts that occurred.
 */
public final class Tally {
  public final String rule;
  public final long frame;
  public final String message;
  public final Long expected;
  public final Long actual;

  /** Segments of the direction that showed the fact. */
  public int count = 1;

  Tally next;

  public Tally(String rule, long frame, String message, Long expected, Long actual) {
    this.rule = rule;
    this.frame = frame;
    this.message = message;
    this.expected = expected;
    this.actual = actual;
  }

  /** The message, with the count when more than one segment showed the fact. */
  public String summary(String what) {
    return count == 1 ? message : message + " (first of " + count + " " + what + ")";
  }
}
