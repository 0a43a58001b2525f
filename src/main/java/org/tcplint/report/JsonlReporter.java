package org.tcplint.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.tcplint.check.FileResult;

/**
 * {@code -f jsonl}: one JSON object per finding per line, with its path. With {@link
 * ReportOptions#encoders()}, small files' lines are encoded on its threads, a few files ahead, and
 * written in order by the calling thread.
 */
final class JsonlReporter implements Reporter {
  private final Writer out;
  private final Ahead<JsonOut> ahead;
  private final JsonOut.Spares spare = new JsonOut.Spares(4);

  JsonlReporter(Writer out, ReportOptions options) {
    this.out = out;
    this.ahead = Ahead.files(options.encoders(), this::write);
  }

  private void write(JsonOut lines) throws IOException {
    lines.copyTo(out);
    out.flush(); // line by line consumers get each file as it is written, as without a pool
    spare.keep(lines);
  }

  @Override
  public void file(FileResult r) throws IOException {
    if (!ahead.takes(r)) {
      JsonReport.writeLines(out, List.of(r));
      return;
    }
    ahead.add(
        r,
        held -> {
          JsonOut f = JsonOut.lines(spare.take());
          JsonReport.writeLines(f, held);
          return f;
        });
  }

  @Override
  public void end(RunSummary s) throws IOException {
    ahead.drain();
    out.flush();
  }
}
