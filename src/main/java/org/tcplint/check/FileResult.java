package org.tcplint.check;

import java.util.List;
import org.tcplint.rules.Finding;
import org.tcplint.rules.Severity;

/**
 * Everything checked in one capture file. {@code error} is null when the file read cleanly; {@code
 * firstTime} is frame 1's timestamp ({@code seconds.nanoseconds}), a fingerprint of the capture for
 * the lua-bridge, or null. {@code conversationCount} is the number of conversations: the size of
 * {@code conversations}, or, when the check kept no summaries ({@link
 * org.tcplint.api.Tcplint.Builder#summaries}), the number it would have held.
 */
public record FileResult(
    String path,
    String format,
    String compression,
    long packets,
    long tcpSegments,
    long bytesRead,
    List<ConversationSummary> conversations,
    long conversationCount,
    List<Finding> findings,
    String error,
    String firstTime) {

  /** Whether the conversations' summaries were kept (else only {@link #conversationCount}). */
  public boolean hasSummaries() {
    return conversations.size() == conversationCount;
  }

  /**
   * The same result with only the findings {@code keep} accepts, in the same order; the findings
   * kept are held like the originals (in memory up to a limit, then in temporary files).
   */
  public FileResult filterFindings(java.util.function.Predicate<Finding> keep) {
    return withFindings(kept(findings, keep));
  }

  /** The elements of {@code all} that {@code keep} accepts, in a list held like {@code all}. */
  private static <T> List<T> kept(List<T> all, java.util.function.Predicate<T> keep) {
    List<T> kept =
        all instanceof SpillList<T> spill
            ? spill.empty()
            : all instanceof MergedList<T> merged ? merged.empty() : new java.util.ArrayList<>();
    for (T t : all) {
      if (keep.test(t)) {
        kept.add(t);
      }
    }
    return kept;
  }

  /**
   * The same result with only the conversations {@code keep} accepts, in stream order; held like
   * the originals (in memory up to a limit, then in temporary files).
   */
  public FileResult filterConversations(java.util.function.Predicate<ConversationSummary> keep) {
    if (!hasSummaries()) {
      throw new IllegalStateException("the conversations' summaries were not kept");
    }
    return with(kept(conversations, keep), findings);
  }

  /**
   * The number of findings of each severity (indexed by {@link Severity#ordinal()}), counted as
   * they were added when the findings are held in a {@link SpillList}, else by a pass over them.
   */
  public long[] severityCounts() {
    long[] counted =
        findings instanceof SpillList<Finding> spill
            ? spill.tally()
            : findings instanceof MergedList<Finding> merged ? merged.tally() : null;
    if (counted != null) {
      return counted;
    }
    long[] n = new long[Severity.values().length];
    for (Finding f : findings) {
      n[f.severity().ordinal()]++;
    }
    return n;
  }

  /**
   * The findings of conversations (stream 0 and up) that {@code keep} accepts, by stream, and
   * within a stream in the order of {@link #findings()}: for reports grouped by conversation. Held
   * like the findings (in memory up to a limit, then in temporary files); the caller closes the
   * list.
   */
  public SpillList<Finding> findingsByStream(java.util.function.Predicate<Finding> keep) {
    SpillList<Finding> byStream =
        new SpillList<>(
            Codecs.FINDING,
            Codecs.FINDING_BY_STREAM,
            null,
            findings instanceof SpillList<Finding> spill
                ? spill.limit()
                : findings instanceof MergedList<Finding> merged
                    ? merged.limit()
                    : Checker.SPILL_AFTER);
    for (Finding f : findings) {
      if (f.stream() >= 0 && keep.test(f)) {
        byStream.add(f);
      }
    }
    return byStream;
  }

  /**
   * The same result for another thread to read after this one is {@link #release}d. When its
   * conversations and findings are all held in memory, its lists are shared: nothing is copied
   * here, and neither result changes them (each sorts a copy of its own when it needs one). Else
   * they are copied into plain lists.
   */
  public FileResult detached() {
    List<ConversationSummary> c = shared(conversations);
    List<Finding> f = shared(findings);
    return c != null && f != null
        ? with(c, f)
        : with(List.copyOf(conversations), List.copyOf(findings));
  }

  /** {@code l} shared as {@link #detached} shares it, or null when it is held in files. */
  private static <T> List<T> shared(List<T> l) {
    if (l instanceof SpillList<T> spill) {
      return spill.shared();
    }
    if (l instanceof MergedList<T> merged) {
      return merged.shared();
    }
    return l instanceof AutoCloseable ? null : l; // a plain list is not changed by release()
  }

  /** Deletes the temporary files holding this result's conversations and findings, if any. */
  public void release() {
    for (List<?> l : List.of(conversations, findings)) {
      if (l instanceof AutoCloseable held) {
        try {
          held.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /** The same result with other findings (after suppressions or a baseline). */
  public FileResult withFindings(List<Finding> kept) {
    return with(conversations, kept);
  }

  private FileResult with(List<ConversationSummary> c, List<Finding> f) {
    return new FileResult(
        path,
        format,
        compression,
        packets,
        tcpSegments,
        bytesRead,
        c,
        hasSummaries() ? c.size() : conversationCount,
        f,
        error,
        firstTime);
  }
}
