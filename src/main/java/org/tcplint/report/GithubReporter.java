package org.tcplint.report;

import java.io.IOException;
import java.io.Writer;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;

/**
 * {@code -f github}: GitHub Actions workflow commands, {@code ::error file=…,title=RULE::message}
 * (warning → {@code ::warning}, info → {@code ::notice}), escaped as the runner expects; only the
 * findings of severity {@code --show} or higher. With {@link ReportOptions#encoders()}, small
 * files' lines are written on its threads, a few files ahead, and copied in order.
 */
final class GithubReporter implements Reporter {
  private final Writer out;
  private final ReportOptions options;
  private final Ahead<String> ahead;

  GithubReporter(Writer out, ReportOptions options) {
    this.out = out;
    this.options = options;
    this.ahead = Ahead.files(options.encoders(), out::write);
  }

  @Override
  public void file(FileResult r) throws IOException {
    Ahead.text(ahead, r, out, this::write);
  }

  private void write(Appendable to, FileResult r) throws IOException {
    for (Finding f : r.findings()) {
      if (!options.shows(f)) {
        continue;
      }
      String command =
          switch (f.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            default -> "notice";
          };
      to.append(
          "::"
              + command
              + " file="
              + property(Printable.escape(r.path()))
              + ",title="
              + property(f.rule() + " (frame " + f.frame() + ")")
              + "::"
              + data(
                  "frame "
                      + f.frame()
                      + (f.stream() >= 0 ? ", stream " + f.stream() : "")
                      + ": "
                      + Printable.escape(f.message()))
              + "\n");
    }
  }

  @Override
  public void end(RunSummary s) throws IOException {
    ahead.drain();
    out.flush();
  }

  /** Escapes what the runner decodes; control characters are escaped before (Printable). */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
