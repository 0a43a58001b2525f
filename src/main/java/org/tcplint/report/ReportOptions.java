package org.tcplint.report;

import org.tcplint.rules.Severity;

/**
 * What reporters need to know of the run: tool version, the {@code --fail-on} threshold (null for
 * never), colour and quiet for text, and threads that may encode a big file's elements while the
 * calling thread writes them in order (null: none).
 */
public record ReportOptions(
    String version,
    Severity failOn,
    boolean colour,
    boolean quiet,
    java.util.concurrent.ExecutorService encoders) {

  public ReportOptions(String version, Severity failOn, boolean colour, boolean quiet) {
    this(version, failOn, colour, quiet, null);
  }
}
