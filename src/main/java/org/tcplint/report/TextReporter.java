package org.tcplint.report;

import java.io.IOException;
import java.io.Writer;
import org.tcplint.check.FileResult;

/**
 * {@code -f text}: the findings of severity {@code --show} or higher grouped by file then
 * conversation, then the expert summary of every finding, then one summary line that counts what
 * was not shown by rule. {@code -q}: the summary line alone, with the counts by severity.
 */
final class TextReporter implements Reporter {
  private final Writer out;
  private final ReportOptions options;
  private final ExpertSummary expert = new ExpertSummary();
  private boolean listed; // some finding was listed

  TextReporter(Writer out, ReportOptions options) {
    this.out = out;
    this.options = options;
  }

  @Override
  public void file(FileResult r) throws IOException {
    if (!options.quiet()) {
      TextReport.body(
          r,
          options.colour(),
          options.show(),
          f -> {
            expert.add(r.path(), f);
            listed |= options.shows(f);
          },
          out);
    }
  }

  @Override
  public void end(RunSummary s) throws IOException {
    if (options.quiet()) {
      out.write(TextReport.summaryLine(s));
    } else {
      expert.write(out, options.show(), s.files() > 1, options.colour(), listed);
      out.write(TextReport.summaryLine(s, expert.notShown(options.show())));
    }
    out.flush();
  }
}
