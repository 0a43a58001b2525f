package org.tcplint.report;

import org.tcplint.check.FileResult;
import org.tcplint.rules.Severity;

/** Totals over a run, with what the baseline and the suppressions removed. */
public record RunSummary(
    int files,
    long packets,
    long conversations,
    long errors,
    long warnings,
    long infos,
    long suppressed,
    long baselined) {

  /** Adds up a run file by file, so that no file's result has to be kept. */
  public static final class Totals {
    private int files;
    private long packets;
    private long conversations;
    private long bytes;
    private final long[] n = new long[Severity.values().length];

    public void add(FileResult r) {
      files++;
      packets += r.packets();
      conversations += r.conversationCount();
      bytes += r.bytesRead();
      long[] counts = r.severityCounts();
      for (int i = 0; i < n.length; i++) {
        n[i] += counts[i];
      }
    }

    /** Bytes read (decompressed) over the files added. */
    public long bytes() {
      return bytes;
    }

    public RunSummary summary(long suppressed, long baselined) {
      return new RunSummary(
          files,
          packets,
          conversations,
          n[Severity.ERROR.ordinal()],
          n[Severity.WARNING.ordinal()],
          n[Severity.INFO.ordinal()],
          suppressed,
          baselined);
    }
  }
}
