package org.tcplint.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleContext;

/**
 * Joins the results of several shards into one capture's: each shard numbered its conversations in
 * order of their first frame, so Wireshark's {@code tcp.stream} is the rank of a conversation's
 * first frame among all shards' conversations. The map from a shard's numbers to these is
 * increasing, so each shard's sorted lists stay sorted and are merged without sorting again.
 */
final class Renumbering implements AutoCloseable {
  private final Shard[] parts;

  /** Each shard's streams' numbers in the capture, by the shard's number (null: one shard). */
  private final LongBlocks[] global;

  private final java.util.concurrent.Executor readers;

  /** The lists reading through this renumbering that are not closed yet. */
  private final java.util.concurrent.atomic.AtomicInteger users =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * @param readers where the partitions' results are read ahead while they are merged, or null
   * @param store where the numbers go beyond a few blocks per shard (null: all on the heap)
   */
  Renumbering(Shard[] parts, java.util.concurrent.Executor readers, RunStore store) {
    this.parts = parts;
    this.readers = readers;
    int n = parts.length;
    if (n == 1) {
      global = null; // one shard's numbers are the capture's
      return;
    }
    LongBlocks[] firsts = new LongBlocks[n];
    for (int k = 0; k < n; k++) {
      firsts[k] = parts[k].firstFrames();
    }
    global = ranks(firsts, store);
    for (LongBlocks f : firsts) {
      f.close(); // the first frames are not needed once ranked
    }
  }

  /**
   * For each shard's streams, numbered by their first frames ({@code firsts[k]}, increasing), the
   * rank of each first frame among all shards' (the lower shard first where two are equal): a merge
   * of the shards on a heap ordered by their next first frame, a few comparisons per stream rather
   * than one per shard. The ranks go to {@code store} as {@link LongBlocks} do.
   */
  static LongBlocks[] ranks(LongBlocks[] firsts, RunStore store) {
    int n = firsts.length;
    LongBlocks[] global = new LongBlocks[n];
    long[] next = new long[n];
    long[] head = new long[n]; // the first frame of each shard's next stream
    SourceHeap heap =
        new SourceHeap(n, (a, b) -> head[a] < head[b] || (head[a] == head[b] && a < b));
    for (int k = 0; k < n; k++) {
      global[k] = new LongBlocks(store);
      if (firsts[k].size() > 0) {
        head[k] = firsts[k].get(0);
        heap.add(k);
      }
    }
    for (long g = 0; !heap.isEmpty(); g++) {
      int k = heap.top();
      global[k].add(g);
      if (++next[k] == firsts[k].size()) {
        heap.removeTop();
      } else {
        head[k] = firsts[k].get(next[k]);
        heap.topChanged();
      }
    }
    for (LongBlocks g : global) {
      g.trim();
    }
    return global;
  }

  /** Shard {@code k}'s stream {@code local} as numbered in the capture. */
  int stream(int k, int local) {
    return local < 0 || global == null ? local : (int) global[k].get(local);
  }

  /** One more list reads through this renumbering until it {@link #close}s it. */
  Renumbering use() {
    users.incrementAndGet();
    return this;
  }

  /** A list that read through this renumbering is closed; the last one frees its numbers. */
  @Override
  public void close() {
    if (users.decrementAndGet() == 0 && global != null) {
      for (LongBlocks g : global) {
        g.close();
      }
    }
  }

  /** Whether some numbers are in the temporary file: lists that read them cannot be shared. */
  boolean inFile() {
    if (global != null) {
      for (LongBlocks g : global) {
        if (g.blocksInFile() > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** All partitions' conversations, renumbered, by stream, merged as they are read. */
  MergedList<ConversationSummary> conversations() {
    List<SpillList<ConversationSummary>> lists = new ArrayList<>();
    List<UnaryOperator<ConversationSummary>> maps = new ArrayList<>();
    for (int k = 0; k < parts.length; k++) {
      int part = k;
      lists.add(parts[k].conversations);
      maps.add(parts.length == 1 ? null : c -> renumber(part, c));
    }
    return new MergedList<>(lists, maps, Codecs.BY_STREAM, readers, this);
  }

  /**
   * The file-level findings and all partitions' findings, renumbered, by frame then rule, merged as
   * they are read.
   */
  MergedList<Finding> findings(SpillList<Finding> fileFindings) {
    List<SpillList<Finding>> lists = new ArrayList<>();
    List<UnaryOperator<Finding>> maps = new ArrayList<>();
    lists.add(fileFindings);
    maps.add(null);
    for (int k = 0; k < parts.length; k++) {
      int part = k;
      lists.add(parts[k].findings);
      maps.add(parts.length == 1 ? null : f -> renumber(part, f));
    }
    return new MergedList<>(lists, maps, Codecs.BY_FRAME, readers, this);
  }

  private ConversationSummary renumber(int k, ConversationSummary c) {
    return c.withStream(stream(k, c.stream()));
  }

  private Finding renumber(int k, Finding f) {
    return f.withStream(stream(k, f.stream()), message(k, f.message()));
  }

  /** Replaces the marked shard-local stream numbers in a message. */
  String message(int k, String m) {
    int open = m.indexOf(RuleContext.STREAM_MARK);
    if (open < 0) {
      return m;
    }
    StringBuilder b = new StringBuilder(m.length());
    int from = 0;
    while (open >= 0) {
      int close = m.indexOf(RuleContext.STREAM_MARK, open + 1);
      if (close < 0) {
        break;
      }
      b.append(m, from, open);
      b.append(stream(k, Integer.parseInt(m.substring(open + 1, close))));
      from = close + 1;
      open = m.indexOf(RuleContext.STREAM_MARK, from);
    }
    b.append(m, from, m.length());
    return b.toString();
  }
}
