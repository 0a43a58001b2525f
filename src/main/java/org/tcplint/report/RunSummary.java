package org.tcplint.report;

import java.util.List;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;
import org.tcplint.rules.Severity;

/** Totals over a run, with what the baseline and the suppressions removed. */
public record RunSummary(
    int files,
    long packets,
    long conversations,
    long errors,
    long warnings,
    long infos,
    long suppressed,
    long baselined) {

  public static RunSummary of(List<FileResult> results, long suppressed, long baselined) {
    long packets = 0;
    long conversations = 0;
    long[] n = new long[Severity.values().length];
    for (FileResult r : results) {
      packets += r.packets();
      conversations += r.conversations().size();
      for (Finding f : r.findings()) {
        n[f.severity().ordinal()]++;
      }
    }
    return new RunSummary(
        results.size(),
        packets,
        conversations,
        n[Severity.ERROR.ordinal()],
        n[Severity.WARNING.ordinal()],
        n[Severity.INFO.ordinal()],
        suppressed,
        baselined);
  }
}
