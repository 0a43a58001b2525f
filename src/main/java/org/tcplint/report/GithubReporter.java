package org.tcplint.report;

import java.io.IOException;
import java.io.Writer;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;

/**
 * {@code -f github}: GitHub Actions workflow commands, {@code ::error file=…,title=RULE::message}
 * (warning → {@code ::warning}, info → {@code ::notice}), escaped as the runner expects; only the
 * findings of severity {@code --show} or higher.
 */
final class GithubReporter implements Reporter {
  private final Writer out;
  private final ReportOptions options;

  GithubReporter(Writer out, ReportOptions options) {
    this.out = out;
    this.options = options;
  }

  @Override
  public void file(FileResult r) throws IOException {
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
      out.write(
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
