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
final class Renumbering {
  private final Shard[] parts;
  private final int[][] global;
  private final java.util.concurrent.Executor readers;

  /**
   * @param readers where the partitions' results are read ahead while they are merged, or null
   */
  Renumbering(Shard[] parts, java.util.concurrent.Executor readers) {
    this.parts = parts;
    this.readers = readers;
    int n = parts.length;
    long[][] firsts = new long[n][];
    int[] counts = new int[n];
    for (int k = 0; k < n; k++) {
      firsts[k] = parts[k].firstFrames();
      counts[k] = parts[k].streams();
    }
    global = ranks(firsts, counts);
  }

  /**
   * For each shard's streams, numbered by their first frames ({@code firsts[k][0]} to {@code
   * firsts[k][counts[k] - 1]}, increasing), the rank of each first frame among all shards' (the
   * lower shard first where two are equal): a merge of the shards on a heap ordered by their next
   * first frame, a few comparisons per stream rather than one per shard.
   */
  static int[][] ranks(long[][] firsts, int[] counts) {
    int n = counts.length;
    int[][] global = new int[n][];
    int[] next = new int[n];
    SourceHeap heap =
        new SourceHeap(
            n,
            (a, b) -> {
              long fa = firsts[a][next[a]];
              long fb = firsts[b][next[b]];
              return fa < fb || (fa == fb && a < b);
            });
    for (int k = 0; k < n; k++) {
      global[k] = new int[counts[k]];
      if (counts[k] > 0) {
        heap.add(k);
      }
    }
    for (int g = 0; !heap.isEmpty(); g++) {
      int k = heap.top();
      global[k][next[k]++] = g;
      if (next[k] == counts[k]) {
        heap.removeTop();
      } else {
        heap.topChanged();
      }
    }
    return global;
  }

  /** Shard {@code k}'s stream {@code local} as numbered in the capture. */
  int stream(int k, int local) {
    return local < 0 ? local : global[k][local];
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
    return new MergedList<>(lists, maps, Codecs.BY_STREAM, readers);
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
    return new MergedList<>(lists, maps, Codecs.BY_FRAME, readers);
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
