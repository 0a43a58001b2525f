package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.bench.TraceGenerator;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.Settings;
import org.tcplint.rules.Severity;
import org.tcplint.testing.SharedCaptures;
import org.tcplint.testing.Testdata;

/**
 * A check that keeps no conversation summaries ({@link Checker#summaries}, what the command line
 * does when every report is jsonl, sarif or github) counts the same conversations and finds the
 * same findings as one that keeps them: the three reports are the same byte for byte, on one thread
 * and on several, for every capture of the repository and of the shared corpus, a generated trace,
 * its gzip, and a capped flow table.
 */
class CountOnlyTest {
  @TempDir Path dir;

  /** Threads, chunk bytes and spill limit of the runs without summaries. */
  private static final int[][] RUNS = {
    {1, 0, 1 << 14}, {2, 1024, 5}, {3, 300, 1 << 14}, {7, 64 << 10, 1}
  };

  private static String report(String format, FileResult r) throws IOException {
    return org.tcplint.testing.Reports.of(
        format, r, new org.tcplint.report.ReportOptions("test", Severity.INFO, false, false));
  }

  private static final List<String> COUNT_ONLY = List.of("jsonl", "sarif", "github");

  private static void sameReports(Path capture, Settings settings) throws IOException {
    FileResult all = new Checker(new RuleLevels(), settings).check(capture, "x");
    assertTrue(all.hasSummaries());
    assertEquals(all.conversations().size(), all.conversationCount());
    java.util.Map<String, String> expected = new java.util.HashMap<>();
    for (String format : COUNT_ONLY) {
      expected.put(format, report(format, all));
    }
    for (int[] run : RUNS) {
      FileResult r =
          ParallelCheckTest.checker(settings, run[0], Math.max(run[1], 1), run[2])
              .summaries(false)
              .check(capture, "x");
      String what = capture + ": " + run[0] + " threads, chunks " + run[1] + ", spill " + run[2];
      assertEquals(all.conversations().size(), r.conversationCount(), what);
      assertTrue(r.conversations().isEmpty(), what);
      assertEquals(all.conversations().isEmpty(), r.hasSummaries(), what);
      for (String format : COUNT_ONLY) {
        assertEquals(expected.get(format), report(format, r), what + " (" + format + ")");
      }
      r.release();
    }
    all.release();
  }

  @TestFactory
  Stream<DynamicTest> repositoryCaptures() throws IOException {
    List<Path> all = Testdata.captures();
    assertTrue(all.size() > 50, "captures: " + all.size());
    return all.stream()
        .map(p -> DynamicTest.dynamicTest(p.toString(), () -> sameReports(p, Settings.DEFAULTS)));
  }

  @TestFactory
  Stream<DynamicTest> sharedCorpus() {
    return SharedCaptures.all().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    SharedCaptures.name(p), () -> sameReports(p, Settings.DEFAULTS)));
  }

  @Test
  void generatedTraceItsGzipAndACappedTable() throws IOException {
    Path trace = dir.resolve("trace.pcapng");
    TraceGenerator.generate(trace, 4L << 20, 7);
    FileResult full = new Checker(new RuleLevels()).check(trace, "x");
    int conversations = full.conversations().size();
    assertTrue(conversations > 500, "conversations: " + conversations);
    full.release();
    sameReports(trace, Settings.DEFAULTS);
    Path gz = dir.resolve("trace.pcapng.gz");
    try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gz))) {
      java.nio.file.Files.copy(trace, out);
    }
    sameReports(gz, Settings.DEFAULTS);
    // A table that holds a tenth of the conversations: early frees, forgotten records, untracked
    // segments, and streams split over two incarnations.
    Settings d = Settings.DEFAULTS;
    Settings capped =
        new Settings(
            d.assumedWindowScale(),
            d.mslNanos(),
            d.lingerNanos(),
            d.idleNanos(),
            conversations / 10);
    FileResult small = new Checker(new RuleLevels(), capped).check(trace, "x");
    assertTrue(
        small.findings().stream()
            .anyMatch(
                f ->
                    f.rule().equals("capture.state-freed")
                        || f.rule().equals("capture.flow-table-full")),
        "the cap is reached");
    small.release();
    sameReports(trace, capped);
  }

  @Test
  void aResultWithoutSummariesCannotBeFilteredByConversationButKeepsItsCount() throws IOException {
    Path trace = dir.resolve("trace.pcapng");
    TraceGenerator.generate(trace, 1L << 20, 3);
    FileResult r = new Checker(new RuleLevels()).summaries(false).check(trace, "x");
    long n = r.conversationCount();
    assertTrue(n > 50, "conversations: " + n);
    assertFalse(r.hasSummaries());
    assertThrows(IllegalStateException.class, () -> r.filterConversations(c -> true));
    FileResult errors = r.filterFindings(f -> f.severity() == Severity.ERROR);
    assertEquals(n, errors.conversationCount());
    assertEquals(n, r.detached().conversationCount());
    errors.release();
    r.release();
  }
}
