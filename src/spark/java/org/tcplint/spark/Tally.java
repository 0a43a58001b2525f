package org.tcplint.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.tcplint.check.FileResult;
import org.tcplint.report.RunSummary;
import org.tcplint.rules.Finding;
import org.tcplint.rules.Severity;

/**
 * Totals over some files, added up across tasks for the run summary: files, packets, conversations,
 * findings by severity and by rule, and the files that could not be read (the first {@link #KEPT}
 * of them by path).
 */
final class Tally implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Unreadable files named in the summary; the others are counted. */
  static final int KEPT = 20;

  long files;
  long packets;
  long conversations;
  final long[] bySeverity = new long[Severity.values().length];
  final TreeMap<String, long[]> byRule = new TreeMap<>();
  long unreadable;
  final List<String> unreadableFiles = new ArrayList<>();

  /** A file's totals, its findings not yet counted. */
  static Tally of(String path, FileResult r) {
    Tally t = new Tally();
    t.files = 1;
    t.packets = r.packets();
    t.conversations = r.conversations().size();
    if (r.error() != null) {
      t.unreadable = 1;
      t.unreadableFiles.add(path + ": " + r.error());
    }
    return t;
  }

  void count(Finding f) {
    bySeverity[f.severity().ordinal()]++;
    byRule
        .computeIfAbsent(f.rule(), k -> new long[Severity.values().length])[
        f.severity().ordinal()]++;
  }

  /** Both tallies added (into this one). */
  Tally plus(Tally o) {
    files += o.files;
    packets += o.packets;
    conversations += o.conversations;
    for (int i = 0; i < bySeverity.length; i++) {
      bySeverity[i] += o.bySeverity[i];
    }
    o.byRule.forEach(
        (rule, n) -> {
          long[] mine = byRule.computeIfAbsent(rule, k -> new long[n.length]);
          for (int i = 0; i < n.length; i++) {
            mine[i] += n[i];
          }
        });
    unreadable += o.unreadable;
    unreadableFiles.addAll(o.unreadableFiles);
    unreadableFiles.sort(null);
    while (unreadableFiles.size() > KEPT) {
      unreadableFiles.remove(unreadableFiles.size() - 1);
    }
    return this;
  }

  /** Some finding has {@code threshold}'s severity or a higher one (never with null). */
  boolean reaches(Severity threshold) {
    if (threshold == null) {
      return false;
    }
    for (Severity s : Severity.values()) {
      if (s.atLeast(threshold) && bySeverity[s.ordinal()] > 0) {
        return true;
      }
    }
    return false;
  }

  /** The totals as the command line's summary line counts them. */
  RunSummary summary() {
    return new RunSummary(
        (int) Math.min(Integer.MAX_VALUE, files),
        packets,
        conversations,
        bySeverity[Severity.ERROR.ordinal()],
        bySeverity[Severity.WARNING.ordinal()],
        bySeverity[Severity.INFO.ordinal()],
        0,
        0);
  }
}
