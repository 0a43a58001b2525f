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
 * reading ended, {@code capture.flow-table-full} and this one) are always kept. Shared by the
 * shards of a file; when the file is split over shards, which findings are kept depends on their
 * timing, the counts do not.
 */
final class FindingsCap {
  static final String RULE = "capture.findings-capped";

  /** Findings a file has at most once, kept beyond the cap: how reading ended, and the caps. */
  private static final java.util.Set<String> ALWAYS =
      java.util.Set.of(RULE, "capture.malformed", "capture.truncated", "capture.flow-table-full");

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
    StringBuilder by = new StringBuilder();
    Severity[] all = Severity.values();
    for (int i = all.length - 1; i >= 0; i--) {
      long n = dropped.get(i);
      if (n > 0) {
        by.append(by.length() == 0 ? "" : ", ").append(n).append(' ').append(all[i].label());
      }
    }
    return "more than "
        + max
        + " findings in this file (defaults.maxFindingsPerFile): "
        + dropped()
        + " further findings were counted, not kept ("
        + by
        + ")";
  }
}
