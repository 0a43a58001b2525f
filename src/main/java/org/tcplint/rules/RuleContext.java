package org.tcplint.rules;

import java.util.function.Consumer;
import org.tcplint.decode.SeqNum;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Segment;

/**
 * What rules report through: applies the configured level (skipping {@code off}) and fills the
 * finding's stream and direction. Also carries the "claims" of the current segment, so that a
 * generic rule stays quiet where a more specific one already reported the same fact (rules.md
 * clarification 1).
 */
public final class RuleContext {
  /** Claim bits for the current segment. */
  public static final int CLAIM_ACK = 1;

  public static final int CLAIM_SYNACK = 2;
  public static final int CLAIM_FLAGS = 4;
  public static final int CLAIM_SEQ = 8;

  private final RuleLevels levels;
  private final Consumer<Finding> sink;
  private long claimFrame = -1;
  private int claims;

  private final Settings settings;

  public RuleContext(RuleLevels levels, Consumer<Finding> sink) {
    this(levels, Settings.DEFAULTS, sink);
  }

  public RuleContext(RuleLevels levels, Settings settings, Consumer<Finding> sink) {
    this(levels, settings, sink, false);
  }

  /**
   * @param split the conversations are numbered per shard: stream numbers in messages are written
   *     as marks ({@link #STREAM_MARK}) and renumbered when the shards' results are merged
   */
  public RuleContext(RuleLevels levels, Settings settings, Consumer<Finding> sink, boolean split) {
    this.levels = levels;
    this.settings = settings;
    this.sink = sink;
    this.split = split;
  }

  private final boolean split;

  /** Brackets a shard-local stream number in a message, until it is renumbered. */
  public static final char STREAM_MARK = '\u0001';

  /** A stream number as a message shows it. */
  public String streamRef(int stream) {
    return split ? streamMark(stream) : Integer.toString(stream);
  }

  /** A shard-local stream number, marked for renumbering. */
  private static String streamMark(int stream) {
    return STREAM_MARK + Integer.toString(stream) + STREAM_MARK;
  }

  public Settings settings() {
    return settings;
  }

  public void claim(Segment s, int bits) {
    if (claimFrame != s.frame) {
      claimFrame = s.frame;
      claims = 0;
    }
    claims |= bits;
  }

  public boolean claimed(Segment s, int bits) {
    return claimFrame == s.frame && (claims & bits) != 0;
  }

  /** Reports a finding about a segment sent by {@code side}. */
  public void report(
      String rule,
      Conversation c,
      long frame,
      int side,
      String message,
      Long expected,
      Long actual) {
    report(rule, null, c, frame, side, message, expected, actual);
  }

  /** As {@link #report}, with an explicit severity (null = the rule's level). */
  public void report(
      String rule,
      Severity severity,
      Conversation c,
      long frame,
      int side,
      String message,
      Long expected,
      Long actual) {
    Severity level = levels.level(rule);
    if (level == Severity.OFF) {
      return;
    }
    if (severity != null && level == Catalog.get(rule).severity()) {
      level = severity;
    }
    Long relSeq = current != null && current.frame == frame ? currentRelSeq(c) : null;
    sink.accept(
        new Finding(
            rule,
            level,
            c.stream(),
            frame,
            direction(c, side),
            message,
            expected,
            actual,
            null,
            endpoints(c),
            relSeq,
            current != null && current.frame == frame
                ? (Long) current.fileOffset
                : c.offsetOf(frame)));
  }

  private Segment current;
  private Conversation currentConversation;

  /** The segment the rules are about to see (for the findings' relative seq and endpoints). */
  public void current(Conversation c, Segment s) {
    currentConversation = c;
    current = s;
  }

  /** Relative seq of the current segment; its base is set after the rules, so predict it. */
  private long currentRelSeq(Conversation c) {
    if (!c.endpoint(current.side).baseSet) {
      return current.syn() ? 0 : 1;
    }
    return rel(c, current.side, current.seq);
  }

  /** {@code client server} as text, for fingerprints. */
  public static String endpoints(Conversation c) {
    return c.endpointsText();
  }

  /** Reports a file-level finding (capture faults, decode problems). */
  public void reportFile(String rule, int stream, long frame, String message, Long offset) {
    Severity level = levels.level(rule);
    if (level == Severity.OFF) {
      return;
    }
    Conversation c = currentConversation;
    boolean mine = c != null && stream >= 0 && c.stream() == stream;
    Long relSeq = mine && current.frame == frame ? currentRelSeq(c) : null;
    sink.accept(
        new Finding(
            rule,
            level,
            stream,
            frame,
            null,
            message,
            null,
            null,
            offset,
            mine ? endpoints(c) : null,
            relSeq,
            current != null && current.frame == frame ? (Long) current.fileOffset : offset));
  }

  public static String direction(Conversation c, int side) {
    if (side < 0 || c.clientSide < 0) {
      return null;
    }
    return side == c.clientSide ? "client-to-server" : "server-to-client";
  }

  /** Name of a side for messages. */
  public static String who(Conversation c, int side) {
    if (c.clientSide < 0) {
      return c.key().endpoint(side);
    }
    return side == c.clientSide ? "client" : "server";
  }

  /** Raw unsigned value. */
  public static long raw(int v) {
    return SeqNum.unsigned(v);
  }

  /**
   * A sequence number of {@code side}'s space as messages show it (rules.md clarification 16):
   * relative to the side's base, then raw, e.g. {@code 101 (raw 601)}.
   */
  public static String seqText(Conversation c, int side, int value) {
    return rel(c, side, value) + " (raw " + raw(value) + ")";
  }

  /**
   * A sequence number of {@code side}'s space and the one expected, as messages show them: {@code
   * 101, expected 201 (raw 601, expected 701)}.
   */
  public static String seqText(Conversation c, int side, int value, int expected) {
    return rel(c, side, value)
        + ", expected "
        + rel(c, side, expected)
        + " (raw "
        + raw(value)
        + ", expected "
        + raw(expected)
        + ")";
  }

  /** {@code value} relative to {@code side}'s base. */
  public static long rel(Conversation c, int side, int value) {
    return SeqNum.relative(value, c.endpoint(side).baseSeq);
  }
}
