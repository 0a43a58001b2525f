package org.tcplint.check;

import org.tcplint.flow.Conversation;
import org.tcplint.flow.FlowTable;
import org.tcplint.flow.Segment;
import org.tcplint.rules.Finding;
import org.tcplint.rules.PacketRules;
import org.tcplint.rules.RuleContext;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.RuleSet;
import org.tcplint.rules.Settings;

/**
 * The conversation side of a check: a flow table, the rules and the results for the conversations
 * it is given. One shard sees every segment of its conversations, in capture order; a capture is
 * checked by one shard, or split by 4-tuple over several that run on their own threads. A shard
 * numbers its conversations itself, in order of their first frame, and remembers each one's first
 * frame, so that the numbers of several shards can be merged into Wireshark's {@code tcp.stream}.
 */
final class Shard {
  final SpillList<Finding> findings;
  final SpillList<ConversationSummary> conversations;
  final RuleContext ctx;
  final FlowTable table;
  private final RuleSet rules;
  long tcp;

  /**
   * Whether each conversation's summary is made and kept; when not, {@link #counted} only counts
   * them (for reports that print the count alone).
   */
  boolean summaries = true;

  /** Conversations retired, continuations of a stream not counted again. */
  long counted;

  /** Told every segment's class (tests, diagnostics); null for none. */
  Checker.SegmentObserver observer;

  /**
   * The first frame of each stream this shard numbered, in its stream order, when it is one of
   * several ({@link #streamsIn}; null: the shard's numbers are the capture's).
   */
  private LongBlocks firstFrames;

  Shard(RuleLevels levels, Settings settings, int maxConversations, int spillAfter, boolean split) {
    this(levels, settings, maxConversations, spillAfter, split, null);
  }

  /** With the findings kept behind {@code cap} (null: all kept). */
  Shard(
      RuleLevels levels,
      Settings settings,
      int maxConversations,
      int spillAfter,
      boolean split,
      FindingsCap cap) {
    findings = Codecs.findings(spillAfter);
    conversations = new SpillList<>(Codecs.SUMMARY, Codecs.BY_STREAM, Checker::merge, spillAfter);
    ctx =
        new RuleContext(
            levels, settings, cap == null ? findings::add : cap.guard(findings::add), split);
    rules = new RuleSet(levels);
    table =
        new FlowTable(
            this::retired, settings.lingerNanos(), settings.idleNanos(), maxConversations);
    if (renewConversations) {
      table.reuseConversations(); // retired() keeps nothing of a conversation
    }
  }

  private final java.util.ArrayDeque<History> spareHistories = new java.util.ArrayDeque<>();

  /** Whether shards renew retired conversations' objects (tests compare with new ones). */
  static volatile boolean renewConversations = true;

  private void retired(Conversation c) {
    // End-of-conversation findings name no current segment; and the context must not keep the
    // conversation, whose object the flow table renews for a later one.
    ctx.current(null, null);
    History h = (History) c.attachment;
    c.attachment = null;
    ConversationSummary sum = summaries ? Checker.summary(c, h == null ? "" : h.toString()) : null;
    if (h != null && renewConversations) {
      h.reset();
      spareHistories.add(h); // for a later conversation, as its object is
    }
    if (c.continuation) {
      if (sum != null) {
        conversations.addLate(sum); // merged into the stream's first summary when read
      }
      return;
    }
    int duplicates = c.endpoint(0).duplicates + c.endpoint(1).duplicates;
    if (duplicates > 0) {
      ctx.reportFile(
          "capture.duplicate",
          c.stream(),
          c.firstDuplicateFrame,
          duplicates
              + (duplicates == 1 ? " segment was" : " segments were")
              + " captured twice"
              + (c.duplicateOtherInterface ? " (on another interface)" : "")
              + ", first frame "
              + c.firstDuplicateFrame
              + " (a copy of frame "
              + c.firstDuplicateOf
              + ")"
              + (duplicates > 1 ? ", last frame " + c.lastDuplicateFrame : "")
              + "; duplicates are counted, not analysed",
          c.offsetOf(c.firstDuplicateFrame));
    }
    rules.onEnd(ctx, c);
    counted++;
    if (sum != null) {
      conversations.add(sum);
    }
  }

  /**
   * Frees closed and idle conversations at one of the fixed points of the capture where every shard
   * frees them, as a single one would: called before TCP segment {@code index} (counted from 1) is
   * checked, whenever {@link #ticks} says that segment is such a point, whichever shard it is for;
   * {@code nextFrame} is the frame of the shard's segment checked next (0: none, the capture
   * ended).
   */
  public void tick(long index, long timeNanos, long nextFrame) {
    table.expire(timeNanos, nextFrame);
    if ((index & 65535) == 0) {
      table.expireIdle(timeNanos);
    }
  }

  /** Whether TCP segment {@code index} is a point where conversations are freed. */
  static boolean ticks(long index) {
    return (index & 1023) == 0;
  }

  /** Checks one TCP segment of this shard's conversations. */
  public void segment(Segment s) {
    tcp++;
    int before = table.streamsCreated();
    Conversation c = table.lookup(s);
    if (firstFrames != null && table.streamsCreated() != before) {
      firstFrames.add(s.frame);
    }
    if (c == null) {
      return; // the table is full: counted, reported once at the end
    }
    org.tcplint.flow.Tracker.roles(c, s);
    ctx.current(c, s);
    if (s.badHeader) {
      // RFC 9293 §3.1: no receiver can locate its options or data: reported, then ignored.
      PacketRules.badDataOffset(ctx, c, s);
      c.remember(s.frame, s.fileOffset);
      c.account(s);
      table.touched(c);
      return;
    }
    if (summaries) { // the history is the summary's alone
      History history = (History) c.attachment;
      if (history == null) {
        history = spareHistories.pollLast();
        if (history == null) {
          history = new History();
        }
        c.attachment = history;
      }
      history.add(c, s);
    }
    if (s.capturedLen < s.len && !c.endpoint(s.side).snaplenReported) {
      c.endpoint(s.side).snaplenReported = true;
      ctx.reportFile(
          "capture.snaplen",
          c.stream(),
          s.frame,
          "packet cut by the snaplen: "
              + s.capturedLen
              + " of "
              + s.len
              + " payload bytes captured (length taken from the IP header)",
          null);
    }
    if (Checker.duplicate(c, s)) {
      // rules.md clarification 15: counted, reported once per conversation at its end.
      org.tcplint.flow.Endpoint e = c.endpoint(s.side);
      if (c.endpoint(0).duplicates + c.endpoint(1).duplicates == 0) {
        c.firstDuplicateFrame = s.frame;
        c.firstDuplicateOf = c.lastSegFrame;
        c.duplicateOtherInterface = s.interfaceId != c.lastInterface;
        c.remember(s.frame, s.fileOffset);
      }
      c.lastDuplicateFrame = s.frame;
      e.duplicates++;
      if (observer != null) {
        observer.segment(
            s.frame, c.stream(), s.side, s.flags, org.tcplint.flow.DataPhase.NONE, true);
      }
      c.account(s);
      return;
    }
    org.tcplint.flow.DataPhase.classify(c, s);
    if (observer != null) {
      observer.segment(s.frame, c.stream(), s.side, s.flags, s.cls, false);
    }
    rules.onSegment(ctx, c, s);
    org.tcplint.flow.Tracker.apply(c, s);
    c.account(s);
    table.touched(c);
  }

  /** Retires what is left (end of capture). */
  public void finish() {
    table.finish();
    conversations.trim(); // nothing more comes: the room kept for more is given back
    findings.trim();
  }

  /** The first frames of the shard's streams, in its stream order ({@link #streamsIn}). */
  LongBlocks firstFrames() {
    return firstFrames;
  }

  /**
   * Notes the first frame of each stream from now on, which a shard that is one of several needs
   * for the partitions' numbers to be merged into the capture's. Beyond a few blocks they go to
   * {@code store}'s temporary file: a capture of tens of millions of conversations does not hold
   * them all on the heap.
   */
  void streamsIn(RunStore store) {
    if (table.streamsCreated() > 0) {
      throw new IllegalStateException("streams already numbered");
    }
    firstFrames = new LongBlocks(store);
  }
}
