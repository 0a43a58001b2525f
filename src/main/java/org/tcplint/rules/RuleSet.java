package org.tcplint.rules;

import org.tcplint.flow.Conversation;
import org.tcplint.flow.Segment;

/**
 * The rule families a check runs, in the order they see each segment: packet, checksum, option,
 * SACK, lifecycle, handshake, timestamp, ECN, close, sequence, window and reset rules. A family
 * whose every id is {@code off} is not run; one that keeps state other families read ({@link
 * Rule#ids()} null) always is.
 *
 * <p>Each family is called at a call site of its own, not in a loop over {@link Rule}: there the
 * JIT compiles one call through the interface for twelve classes, a look-up in the interface's
 * table on every call, twelve per segment and eight per conversation (2–5 % of a one-thread check
 * of a trace of many short conversations; docs/performance.md). {@code RuleSetTest} checks that
 * every family of the package is here and that each of its methods is called.
 */
public final class RuleSet {
  private final PacketRules packet;
  private final ChecksumRules checksum;
  private final OptionRules option;
  private final SackRules sack;
  private final LifecycleRules lifecycle;
  private final HandshakeRules handshake;
  private final TimestampRules timestamp;
  private final EcnRules ecn;
  private final CloseRules close;
  private final SequenceRules sequence;
  private final WindowRules window;
  private final ResetRules reset;

  /** The families of which {@code levels} enable an id, or that always run. */
  public RuleSet(RuleLevels levels) {
    packet = enabled(new PacketRules(), levels);
    checksum = enabled(new ChecksumRules(), levels);
    option = enabled(new OptionRules(), levels);
    sack = enabled(new SackRules(), levels);
    lifecycle = enabled(new LifecycleRules(), levels);
    handshake = enabled(new HandshakeRules(), levels);
    timestamp = enabled(new TimestampRules(), levels);
    ecn = enabled(new EcnRules(), levels);
    close = enabled(new CloseRules(), levels);
    sequence = enabled(new SequenceRules(), levels);
    window = enabled(new WindowRules(), levels);
    reset = enabled(new ResetRules(), levels);
  }

  private static <R extends Rule> R enabled(R family, RuleLevels levels) {
    java.util.List<String> ids = family.ids();
    return ids == null || ids.stream().anyMatch(levels::enabled) ? family : null;
  }

  /** {@link Rule#onSegment} of every family run, in order. */
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    if (packet != null) {
      packet.onSegment(ctx, c, s);
    }
    if (checksum != null) {
      checksum.onSegment(ctx, c, s);
    }
    if (option != null) {
      option.onSegment(ctx, c, s);
    }
    if (sack != null) {
      sack.onSegment(ctx, c, s);
    }
    if (lifecycle != null) {
      lifecycle.onSegment(ctx, c, s);
    }
    if (handshake != null) {
      handshake.onSegment(ctx, c, s);
    }
    if (timestamp != null) {
      timestamp.onSegment(ctx, c, s);
    }
    if (ecn != null) {
      ecn.onSegment(ctx, c, s);
    }
    if (close != null) {
      close.onSegment(ctx, c, s);
    }
    if (sequence != null) {
      sequence.onSegment(ctx, c, s);
    }
    if (window != null) {
      window.onSegment(ctx, c, s);
    }
    if (reset != null) {
      reset.onSegment(ctx, c, s);
    }
  }

  /**
   * {@link Rule#onEnd} of every family run that has end-of-conversation checks, in order (the
   * packet, option, window and reset rules have none).
   */
  public void onEnd(RuleContext ctx, Conversation c) {
    if (checksum != null) {
      checksum.onEnd(ctx, c);
    }
    if (sack != null) {
      sack.onEnd(ctx, c);
    }
    if (lifecycle != null) {
      lifecycle.onEnd(ctx, c);
    }
    if (handshake != null) {
      handshake.onEnd(ctx, c);
    }
    if (timestamp != null) {
      timestamp.onEnd(ctx, c);
    }
    if (ecn != null) {
      ecn.onEnd(ctx, c);
    }
    if (close != null) {
      close.onEnd(ctx, c);
    }
    if (sequence != null) {
      sequence.onEnd(ctx, c);
    }
  }
}
