package org.tcplint.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.tcplint.report.RunSummary;
import org.tcplint.rules.Severity;

/**
 * Totals over a run, for its summary: files, packets, conversations, findings by severity and by
 * rule, and the files that could not be read (the first {@link #KEPT} of them by path).
 */
final class Tally {
  /** Unreadable files named in the summary; the others are counted. */
  static final int KEPT = 20;

  long files;
  long packets;
  long conversations;
  long suppressed;
  long baselined;
  final long[] bySeverity = new long[Severity.values().length];
  final TreeMap<String, long[]> byRule = new TreeMap<>();
  long unreadable;
  final List<String> unreadableFiles = new ArrayList<>();

  /** The totals of the job's rows ({@link Schemas#ROWS}). */
  static Tally of(Dataset<Row> rows) {
    Tally t = new Tally();
    Dataset<Row> files = Datasets.files(rows);
    Row totals =
        files
            .agg(
                count("path"),
                sum("packets"),
                sum("conversations"),
                count("error"),
                sum("suppressed"),
                sum("baselined"))
            .first();
    t.files = totals.getLong(0);
    t.packets = totals.isNullAt(1) ? 0 : totals.getLong(1);
    t.conversations = totals.isNullAt(2) ? 0 : totals.getLong(2);
    t.unreadable = totals.getLong(3);
    t.suppressed = totals.isNullAt(4) ? 0 : totals.getLong(4);
    t.baselined = totals.isNullAt(5) ? 0 : totals.getLong(5);
    for (Row r : Datasets.findings(rows).groupBy("rule", "severity").count().collectAsList()) {
      Severity s = Severity.parse(r.getString(1));
      t.bySeverity[s.ordinal()] += r.getLong(2);
      t.byRule
              .computeIfAbsent(r.getString(0), k -> new long[Severity.values().length])[
              s.ordinal()] +=
          r.getLong(2);
    }
    for (Row r :
        files
            .where("error is not null")
            .orderBy("path")
            .select("path", "error")
            .limit(KEPT)
            .collectAsList()) {
      t.unreadableFiles.add(r.getString(0) + ": " + r.getString(1));
    }
    return t;
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
        suppressed,
        baselined);
  }
}
