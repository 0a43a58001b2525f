package org.tcplint.report;

import java.io.IOException;
import java.io.Writer;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;

/**
 * {@code -f wireshark}: the TSV read by {@code lua-bridge/tcplint.lua}. The header line comes
 * first; then, per capture, a {@code #capture} line with its fingerprint (packet count, bytes read,
 * frame 1's time, name) so that the plugin can refuse findings made for another file; then one row
 * per finding. Tabs and newlines in messages are replaced by spaces.
 */
final class WiresharkReporter implements Reporter {
  static final String HEADER =
      "frame\tstream\trule\tseverity\tmessage\texpected\tactual\topen\tclose";
  private final Writer out;

  WiresharkReporter(Writer out, ReportOptions options) {
    this.out = out;
  }

  @Override
  public void start() throws IOException {
    out.write(HEADER + "\n");
  }

  @Override
  public void file(FileResult r) throws IOException {
    String name = r.path().substring(r.path().lastIndexOf('/') + 1);
    out.write(
        "#capture\tpackets="
            + r.packets()
            + "\tbytes="
            + r.bytesRead()
            + (r.firstTime() != null ? "\tfirst=" + r.firstTime() : "")
            + "\tname="
            + clean(name)
            + "\n");
    for (Finding f : r.findings()) {
      ConversationSummary c = conversation(r, f.stream());
      out.write(
          f.frame()
              + "\t"
              + f.stream()
              + "\t"
              + f.rule()
              + "\t"
              + f.severity().label()
              + "\t"
              + clean(f.message())
              + "\t"
              + (f.expected() == null ? "" : f.expected())
              + "\t"
              + (f.actual() == null ? "" : f.actual())
              + "\t"
              + (c == null ? "" : c.open())
              + "\t"
              + (c == null ? "" : c.close())
              + "\n");
    }
  }

  private static ConversationSummary conversation(FileResult r, int stream) {
    if (stream < 0) {
      return null;
    }
    int lo = 0;
    int hi = r.conversations().size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int s = r.conversations().get(mid).stream();
      if (s == stream) {
        return r.conversations().get(mid);
      }
      if (s < stream) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }

  static String clean(String s) {
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  @Override
  public void end(RunSummary s) throws IOException {
    out.flush();
  }
}
