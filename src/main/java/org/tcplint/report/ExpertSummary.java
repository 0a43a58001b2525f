package org.tcplint.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tcplint.rules.Finding;
import org.tcplint.rules.Severity;

/**
 * The end of the text report, like {@code tshark -z expert}: the run's findings grouped by severity
 * (errors, warnings, info), then by rule, each with its count, how many files have it (when there
 * are several) and where it is first seen. Every finding counts, the ones below {@code --show} too:
 * this is where those are told. Holds one row per rule and severity, never the findings.
 */
final class ExpertSummary {
  /** One rule at one severity: how many, in how many files, and where first. */
  private static final class Row {
    final String rule;
    final String firstPath;
    final long firstFrame;
    long count;
    int files;
    String lastPath;

    Row(String rule, String path, long frame) {
      this.rule = rule;
      this.firstPath = path;
      this.firstFrame = frame;
    }
  }

  /** Rules named in the summary line's note on the findings not shown, the most frequent first. */
  static final int NOTE_RULES = 5;

  private final Map<Severity, Map<String, Row>> rows = new EnumMap<>(Severity.class);

  /** Counts a finding of the file at {@code path}; a run adds its files in report order. */
  void add(String path, Finding f) {
    Row r =
        rows.computeIfAbsent(f.severity(), s -> new TreeMap<>())
            .computeIfAbsent(f.rule(), id -> new Row(id, path, f.frame()));
    r.count++;
    if (!path.equals(r.lastPath)) {
      r.files++;
      r.lastPath = path;
    }
  }

  /**
   * Counts the findings {@code file} counted, all of one file, as if they were {@link #add}ed here
   * one by one after those before.
   */
  void addAll(ExpertSummary file) {
    file.rows.forEach(
        (severity, byRule) ->
            byRule.forEach(
                (rule, one) -> {
                  Row r =
                      rows.computeIfAbsent(severity, s -> new TreeMap<>())
                          .computeIfAbsent(rule, id -> new Row(id, one.firstPath, one.firstFrame));
                  r.count += one.count;
                  if (!one.lastPath.equals(r.lastPath)) {
                    r.files++;
                    r.lastPath = one.lastPath;
                  }
                }));
  }

  /** The rows of a severity, the most frequent first, then by rule id. */
  private List<Row> sorted(Severity s) {
    List<Row> l = new ArrayList<>(rows.getOrDefault(s, Map.of()).values());
    l.sort(Comparator.comparingLong((Row r) -> -r.count).thenComparing(r -> r.rule));
    return l;
  }

  private long total(Severity s) {
    return rows.getOrDefault(s, Map.of()).values().stream().mapToLong(r -> r.count).sum();
  }

  /**
   * What {@code show} left out, for the summary line: {@code 3 warnings, 498 info not shown:
   * seq.dup-ack ×200, …; --show info to list them}; empty when every finding was shown.
   */
  String notShown(Severity show) {
    List<String> counts = new ArrayList<>();
    List<Row> hidden = new ArrayList<>();
    Severity lowest = null;
    for (Severity s : new Severity[] {Severity.WARNING, Severity.INFO}) {
      long n = total(s);
      if (n > 0 && !s.atLeast(show)) {
        counts.add(n + " " + (s == Severity.WARNING ? (n == 1 ? "warning" : "warnings") : "info"));
        hidden.addAll(sorted(s));
        lowest = s;
      }
    }
    if (lowest == null) {
      return "";
    }
    hidden.sort(Comparator.comparingLong((Row r) -> -r.count).thenComparing(r -> r.rule));
    StringBuilder sb = new StringBuilder(String.join(", ", counts)).append(" not shown: ");
    for (int i = 0; i < hidden.size() && i < NOTE_RULES; i++) {
      sb.append(i > 0 ? ", " : "")
          .append(hidden.get(i).rule)
          .append(" ×")
          .append(hidden.get(i).count);
    }
    if (hidden.size() > NOTE_RULES) {
      sb.append(", ").append(hidden.size() - NOTE_RULES).append(" more rules");
    }
    return sb.append("; --show ").append(lowest.label()).append(" to list them").toString();
  }

  /**
   * Writes the summary: nothing when the run has no finding. {@code severalFiles} adds the files
   * column and names the file of each first frame; {@code afterFindings}: a blank line first.
   */
  void write(
      Appendable out, Severity show, boolean severalFiles, boolean colour, boolean afterFindings)
      throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    int ruleWidth = 4;
    long most = 0;
    for (Map<String, Row> m : rows.values()) {
      for (Row r : m.values()) {
        ruleWidth = Math.max(ruleWidth, r.rule.length());
        most = Math.max(most, r.count);
      }
    }
    int countWidth = Math.max(5, Long.toString(most).length());
    String row =
        "  %" + countWidth + "s" + (severalFiles ? "  %5s" : "%s") + "  %-" + ruleWidth + "s  %s%n";
    out.append(afterFindings ? "\n" : "")
        .append("Expert summary (every finding, also those not shown above)\n");
    for (Severity s : new Severity[] {Severity.ERROR, Severity.WARNING, Severity.INFO}) {
      long n = total(s);
      if (n == 0) {
        continue;
      }
      String title =
          switch (s) {
            case ERROR -> "Errors";
            case WARNING -> "Warnings";
            default -> "Info";
          };
      String heading = title + " (" + n + ")";
      if (colour) {
        heading = "\u001b[" + TextReport.colourCode(s) + "m" + heading + "\u001b[0m";
      }
      out.append('\n').append(heading);
      if (!s.atLeast(show)) {
        out.append(", not shown above: --show ").append(s.label()).append(" lists them");
      }
      out.append('\n')
          .append(String.format(row, "count", severalFiles ? "files" : "", "rule", "first frame"));
      for (Row r : sorted(s)) {
        out.append(
            String.format(
                row,
                r.count,
                severalFiles ? Integer.toString(r.files) : "",
                r.rule,
                severalFiles
                    ? Printable.escape(r.firstPath) + ":" + r.firstFrame
                    : Long.toString(r.firstFrame)));
      }
    }
    out.append('\n');
  }
}
