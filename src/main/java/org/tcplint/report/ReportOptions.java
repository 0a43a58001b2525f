package org.tcplint.report;

import org.tcplint.rules.Finding;
import org.tcplint.rules.Severity;

/**
 * What reporters need to know of the run: tool version, the {@code --fail-on} threshold (null for
 * never), colour and quiet for text, threads that may encode a big file's elements while the
 * calling thread writes them in order (null: none), and {@code show}, the lowest severity a report
 * for people lists ({@code --show}; the formats for machines, json, jsonl and wireshark, list every
 * finding whatever it is). Without {@code show}, every finding is shown.
 */
public record ReportOptions(
    String version,
    Severity failOn,
    boolean colour,
    boolean quiet,
    java.util.concurrent.ExecutorService encoders,
    Severity show) {

  public ReportOptions {
    if (show == null || show == Severity.OFF) {
      show = Severity.INFO;
    }
  }

  public ReportOptions(
      String version,
      Severity failOn,
      boolean colour,
      boolean quiet,
      java.util.concurrent.ExecutorService encoders) {
    this(version, failOn, colour, quiet, encoders, Severity.INFO);
  }

  public ReportOptions(String version, Severity failOn, boolean colour, boolean quiet) {
    this(version, failOn, colour, quiet, null, Severity.INFO);
  }

  /** Whether a report for people lists the finding (its severity is {@code show} or higher). */
  public boolean shows(Finding f) {
    return f.severity().atLeast(show);
  }
}
