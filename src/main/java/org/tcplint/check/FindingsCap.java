package org.tcplint.check;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.tcplint.rules.Finding;
import org.tcplint.rules.Severity;

/**
 * The cap on findings kept for one file ({@code defaults.maxFindingsPerFile}): the first {@code
 * max} findings are kept, further ones are counted by severity and dropped, and one {@code
 * capture.findings-capped} finding says how many. The findings a file has at most once (how its
 * reading ended, {@code capture.flow-table-full}, {@code capture.state-freed} and this one) are
 * always kept. Each partition of a file keeps its own first {@code max}; the file keeps the first
 * {@code max} of all by frame ({@link FileCheck#findings}), so which are kept does not depend on
 * the threads.
 */
final class FindingsCap {
  static final String RULE = "capture.findings-capped";

  /** Findings a file has at most once, kept beyond the cap: how reading ended, and the caps. */
  private static final java.util.Set<String> ALWAYS =
      java.util.Set.of(
          RULE,
          "capture.malformed",
          "capture.truncated",
          "capture.flow-table-full",
          "capture.state-freed");

  private final long max;
  private final AtomicLong seen = new AtomicLong();
  private final AtomicLongArray dropped = new AtomicLongArray(Severity.values().length);

  FindingsCap(long max) {
    this.max = max;
  }

  /** {@code sink} behind the cap. */
  Consumer<Finding> guard(Consumer<Finding> sink) {
    return f -> {
      if (ALWAYS.contains(f.rule()) || seen.incrementAndGet() <= max) {
        sink.accept(f);
      } else {
        dropped.incrementAndGet(f.severity().ordinal());
      }
    };
  }

  /** Whether {@code rule} is one a file has at most once, kept beyond the cap. */
  static boolean always(String rule) {
    return ALWAYS.contains(rule);
  }

  /** Adds the findings dropped so far, by severity, to {@code bySeverity}. */
  void addDropped(long[] bySeverity) {
    for (int i = 0; i < dropped.length(); i++) {
      bySeverity[i] += dropped.get(i);
    }
  }

  long max() {
    return max;
  }

  /** Findings dropped so far. */
  long dropped() {
    long n = 0;
    for (int i = 0; i < dropped.length(); i++) {
      n += dropped.get(i);
    }
    return n;
  }

  /** The summary's message: the cap, and the findings dropped by severity, highest first. */
  String message() {
    long[] d = new long[dropped.length()];
    addDropped(d);
    return message(max, d);
  }

  /** The summary's message for a cap of {@code max} and {@code dropped} findings by severity. */
  static String message(long max, long[] dropped) {
    StringBuilder by = new StringBuilder();
    Severity[] all = Severity.values();
    long total = 0;
    for (int i = all.length - 1; i >= 0; i--) {
      long n = dropped[i];
      total += n;
      if (n > 0) {
        by.append(by.length() == 0 ? "" : ", ").append(n).append(' ').append(all[i].label());
      }
    }
    return "more than "
        + max
        + " findings in this file (defaults.maxFindingsPerFile): "
        + total
        + " further findings were counted, not kept ("
        + by
        + ")";
  }
}
