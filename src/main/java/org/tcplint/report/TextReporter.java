package org.tcplint.report;

import java.io.IOException;
import java.io.Writer;
import org.tcplint.check.FileResult;

/** {@code -f text}: grouped by file then conversation, then one summary line. */
final class TextReporter implements Reporter {
  private final Writer out;
  private final ReportOptions options;

  TextReporter(Writer out, ReportOptions options) {
    this.out = out;
    this.options = options;
  }

  @Override
  public void file(FileResult r) throws IOException {
    if (!options.quiet()) {
      TextReport.body(r, options.colour(), out);
    }
  }

  @Override
  public void end(RunSummary s) throws IOException {
    out.write(TextReport.summaryLine(s));
    out.flush();
  }
}
