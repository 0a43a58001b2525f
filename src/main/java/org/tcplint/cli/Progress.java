package org.tcplint.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tcplint.check.FileResult;
import org.tcplint.report.Printable;
import org.tcplint.rules.Severity;

/**
 * The progress bar on standard error (files done / total, MB, MB/s, ETA), a line per file as each
 * file's report is written (above the bar, which is drawn again below it), and a total line at the
 * end; never on standard output, where the report goes. No line is kept, so an archive of any size
 * costs the same memory.
 */
final class Progress implements AutoCloseable {
  /** Back to the start of the bar's line and erase it (ANSI EL), for a line printed over it. */
  static final String ERASE_LINE = "\r\033[2K";

  private final ProgressBar bar;
  private final PrintStream err;
  private final int files;
  private int done; // files checked; guarded by this

  private Progress(ProgressBar bar, PrintStream err, int files) {
    this.bar = bar;
    this.err = err;
    this.files = files;
  }

  static Progress start(List<Path> inputs, PrintStream err) {
    long total = 0;
    for (Path p : inputs) {
      try {
        total += p.toString().equals("-") ? 0 : Files.size(p);
      } catch (Exception e) {
        // unreadable: reported by the check itself
      }
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("tcplint")
            .setInitialMax(Math.max(total, 1))
            .setUnit(" MB", 1 << 20)
            .showSpeed()
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(err))
            .build();
    bar.setExtraMessage(" 0/" + inputs.size() + " files");
    return new Progress(bar, err, inputs.size());
  }

  void bytes(long n) {
    bar.stepBy(n);
  }

  /** Counts a file as checked (from the thread that checked it). */
  void fileDone(Path p, long nanos) {
    checkNanos.compute(
        org.tcplint.capture.FileNames.name(p), // as the check names the file (FileResult.path)
        (k, q) -> {
          java.util.ArrayDeque<Long> times = q == null ? new java.util.ArrayDeque<>() : q;
          times.add(nanos);
          return times;
        });
    synchronized (this) { // checks end on several threads: the count shown only goes up
      bar.setExtraMessage(" " + ++done + "/" + files + " files");
    }
  }

  @Override
  public void close() {
    bar.stepTo(bar.getMax()); // files that ended early (faults) leave bytes never read
    bar.close();
  }

  // Per file, until its line is printed; a file named twice has two checks, and two lines.
  private final java.util.Map<String, java.util.ArrayDeque<Long>> checkNanos =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Prints the per-file line (packets, conversations, findings, MB/s of its check) over the bar,
   * which is drawn again on the next line.
   */
  void fileLine(FileResult r) {
    Long[] taken = new Long[1];
    checkNanos.computeIfPresent(
        r.path(),
        (k, q) -> {
          taken[0] = q.poll();
          return q.isEmpty() ? null : q;
        });
    Long nanos = taken[0];
    double mbps = nanos == null || nanos == 0 ? -1 : r.bytesRead() / 1e6 / (nanos / 1e9);
    String text = line(r.path(), r.packets(), r.conversationCount(), r.severityCounts(), mbps);
    err.print(ERASE_LINE + text + System.lineSeparator()); // one call: never split by the bar's
    bar.refresh();
  }

  /** The total line, with MB/s over the whole run. */
  void total(org.tcplint.report.RunSummary.Totals all, long nanos, PrintStream err) {
    org.tcplint.report.RunSummary s = all.summary(0, 0);
    err.println(
        line(
            "total",
            s.packets(),
            s.conversations(),
            new long[] {0, s.infos(), s.warnings(), s.errors()},
            nanos == 0 ? -1 : all.bytes() / 1e6 / (nanos / 1e9)));
  }

  private static String line(String name, long packets, long convs, long[] n, double mbps) {
    return String.format(
        "%s: %d packets, %d conversations, %d errors, %d warnings, %d info%s",
        Printable.escape(name),
        packets,
        convs,
        n[Severity.ERROR.ordinal()],
        n[Severity.WARNING.ordinal()],
        n[Severity.INFO.ordinal()],
        mbps >= 0
            ? String.format(java.util.Locale.ROOT, mbps < 10 ? ", %.1f MB/s" : ", %.0f MB/s", mbps)
            : "");
  }
}
