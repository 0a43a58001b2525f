package org.tcplint.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.tcplint.check.FileResult;

/** {@code -f jsonl}: one JSON object per finding per line, with its path. */
final class JsonlReporter implements Reporter {
  private final Writer out;

  JsonlReporter(Writer out, ReportOptions options) {
    this.out = out;
  }

  @Override
  public void file(FileResult r) throws IOException {
    JsonReport.writeLines(out, List.of(r));
  }

  @Override
  public void end(RunSummary s) throws IOException {
    out.flush();
  }
}
