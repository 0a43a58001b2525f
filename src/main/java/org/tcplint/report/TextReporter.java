package org.tcplint.report;

import java.io.IOException;
import java.io.Writer;
import org.tcplint.check.FileResult;

/**
 * {@code -f text}: the findings of severity {@code --show} or higher grouped by file then
 * conversation, then the expert summary of every finding, then one summary line that counts what
 * was not shown by rule. {@code -q}: the summary line alone, with the counts by severity. With
 * {@link ReportOptions#encoders()}, small files' text is written on its threads, a few files ahead,
 * and copied in order.
 */
final class TextReporter implements Reporter {
  private final Writer out;
  private final ReportOptions options;
  private final ExpertSummary expert = new ExpertSummary();
  private boolean listed; // some finding was listed
  private final Ahead<Encoded> ahead;

  /** A small file's text, written on a pool thread, with the counts of its findings. */
  private record Encoded(String text, ExpertSummary expert, boolean listed) {}

  TextReporter(Writer out, ReportOptions options) {
    this.out = out;
    this.options = options;
    this.ahead = Ahead.files(options.encoders(), this::write);
  }

  @Override
  public void file(FileResult r) throws IOException {
    if (options.quiet()) {
      return;
    }
    if (!ahead.takes(r)) {
      TextReport.body(
          r,
          options.colour(),
          options.show(),
          f -> {
            expert.add(r.path(), f);
            listed |= options.shows(f);
          },
          out);
      return;
    }
    ahead.add(
        r,
        held -> {
          StringBuilder text = new StringBuilder();
          ExpertSummary counted = new ExpertSummary();
          boolean[] shown = {false};
          TextReport.body(
              held,
              options.colour(),
              options.show(),
              f -> {
                counted.add(held.path(), f);
                shown[0] |= options.shows(f);
              },
              text);
          return new Encoded(text.toString(), counted, shown[0]);
        });
  }

  /** Writes a file's text encoded ahead, in order, and counts its findings. */
  private void write(Encoded e) throws IOException {
    out.write(e.text());
    expert.addAll(e.expert());
    listed |= e.listed();
  }

  @Override
  public void end(RunSummary s) throws IOException {
    ahead.drain();
    if (options.quiet()) {
      out.write(TextReport.summaryLine(s));
    } else {
      expert.write(out, options.show(), s.files() > 1, options.colour(), listed);
      out.write(TextReport.summaryLine(s, expert.notShown(options.show())));
    }
    out.flush();
  }
}
