package org.tcplint.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;

/**
 * {@code -f wireshark}: the TSV read by {@code lua-bridge/tcplint.lua}. The header line comes
 * first; then, per capture, a {@code #capture} line with its fingerprint (packet count, bytes read,
 * frame 1's time, name) so that the plugin can refuse findings made for another file; then one row
 * per finding. Tabs and newlines in messages are replaced by spaces. With {@link
 * ReportOptions#encoders()}, small files' rows are written on its threads, a few files ahead, and
 * copied in order.
 */
final class WiresharkReporter implements Reporter {
  static final String HEADER =
      "frame\tstream\trule\tseverity\tmessage\texpected\tactual\topen\tclose";
  private final Writer out;
  private final ReportOptions options;
  private final Ahead<String> ahead;

  WiresharkReporter(Writer out, ReportOptions options) {
    this.out = out;
    this.options = options;
    this.ahead = Ahead.files(options.encoders(), out::write);
  }

  @Override
  public void start() throws IOException {
    out.write(HEADER + "\n");
  }

  @Override
  public void file(FileResult r) throws IOException {
    // A file encoded ahead is small: its rows are not written in blocks.
    Ahead.text(ahead, r, out, (to, x) -> write(to, x, options.encoders()));
  }

  /**
   * Writes {@code r}'s rows to {@code out}; a big file's rows in blocks on {@code encoders} when
   * not null.
   */
  private static void write(
      Appendable out, FileResult r, java.util.concurrent.ExecutorService encoders)
      throws IOException {
    String name = r.path().substring(r.path().lastIndexOf('/') + 1);
    out.append(
        "#capture\tpackets="
            + r.packets()
            + "\tbytes="
            + r.bytesRead()
            + (r.firstTime() != null ? "\tfirst=" + r.firstTime() : "")
            + "\tname="
            + clean(name)
            + "\n");
    Shapes shapes = new Shapes(r.conversations());
    if (!Ahead.inBlocks(encoders, r.findings().size())) {
      for (Finding f : r.findings()) {
        row(out, f, shapes);
      }
      return;
    }
    Ahead.blocks(
        encoders,
        r.findings().iterator(),
        (block, first) -> {
          StringBuilder rows = new StringBuilder();
          for (Finding f : block) {
            row(rows, f, shapes);
          }
          return rows.toString();
        },
        out::append);
  }

  private static void row(Appendable out, Finding f, Shapes shapes) throws IOException {
    int c = shapes.index(f.stream());
    out.append(
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
            + (c < 0 ? "" : shapes.open(c))
            + "\t"
            + (c < 0 ? "" : shapes.close(c))
            + "\n");
  }

  /**
   * Each conversation's open and close shape, read in one pass: stream numbers and two small codes
   * per conversation rather than the summaries.
   */
  private static final class Shapes {
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> codes = new HashMap<>();
    private int[] streams = new int[64];
    private int[] shape = new int[64];
    private int n;

    Shapes(List<ConversationSummary> conversations) {
      for (ConversationSummary c : conversations) {
        if (n == streams.length) {
          streams = Arrays.copyOf(streams, n * 2);
          shape = Arrays.copyOf(shape, n * 2);
        }
        streams[n] = c.stream();
        shape[n] = code(c.open()) << 16 | code(c.close());
        n++;
      }
    }

    private int code(String name) {
      return codes.computeIfAbsent(
          name,
          k -> {
            names.add(k);
            return names.size() - 1;
          });
    }

    /** Position of the conversation with this stream number, or -1. */
    int index(int stream) {
      return stream < 0 ? -1 : Math.max(-1, Arrays.binarySearch(streams, 0, n, stream));
    }

    String open(int i) {
      return names.get(shape[i] >>> 16);
    }

    String close(int i) {
      return names.get(shape[i] & 0xFFFF);
    }
  }

  static String clean(String s) {
    return Printable.escape(s); // tabs and line ends too: one record a line, one field a column
  }

  @Override
  public void end(RunSummary s) throws IOException {
    ahead.drain();
    out.flush();
  }
}
