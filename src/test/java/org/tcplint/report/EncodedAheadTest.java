package org.tcplint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.Severity;

/**
 * The JSON, JSON-lines, SARIF, JUnit, HTML, text, GitHub and Wireshark reports are the same byte
 * for byte whether files are encoded by the calling thread or, a few at a time, by an executor's
 * threads: a real pool, one that never runs anything (each file is then encoded by the caller when
 * its turn comes) and one shut down; each result released as soon as the reporter has it, as {@code
 * tcplint check} does.
 */
class EncodedAheadTest {

  /** Every capture of testdata/, with a big result (encoded in blocks) among them. */
  private static List<FileResult> results() throws IOException {
    Checker checker = new Checker(new RuleLevels());
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of("testdata"))) {
      files = s.filter(p -> p.toString().endsWith(".pcapng")).sorted().toList();
    }
    assertTrue(files.size() > 50, "testdata/ has its captures");
    List<FileResult> out = new ArrayList<>();
    for (Path p : files) {
      out.add(checker.check(p, p.toString()));
      if (out.size() == files.size() / 2) {
        FileResult seed =
            out.stream().filter(r -> !r.conversations().isEmpty()).findFirst().orElseThrow();
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 5 * JsonReport.BLOCK; i++) {
          many.add(
              new Finding(
                  "seq.gap",
                  // below --show in the whole first block and in every third: reports that leave
                  // them out (HTML) have blocks with nothing to show
                  i < JsonReport.BLOCK || i % 3 == 0 ? Severity.INFO : Severity.WARNING,
                  i,
                  i + 1,
                  null,
                  "m" + i,
                  1L,
                  2L,
                  null,
                  null,
                  null,
                  null));
        }
        out.add(
            new FileResult(
                "big.pcapng",
                "pcapng",
                null,
                1,
                1,
                1,
                Collections.nCopies(4 * JsonReport.BLOCK, seed.conversations().get(0)),
                4 * JsonReport.BLOCK,
                many,
                null,
                null));
      }
    }
    return out;
  }

  private static String report(String format, ExecutorService encoders) throws IOException {
    StringWriter out = new StringWriter();
    Reporter json =
        Reporters.create(
            format,
            out,
            new ReportOptions("test", Severity.ERROR, false, false, encoders, Severity.WARNING));
    RunSummary.Totals totals = new RunSummary.Totals();
    json.start();
    for (FileResult r : results()) {
      json.file(r);
      totals.add(r);
      r.release();
    }
    json.end(totals.summary(0, 0));
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "jsonl", "sarif", "junit", "html", "text", "github", "wireshark"})
  void encodedOnAPoolOrNotTheReportIsTheSame(String format) throws IOException {
    String serial = report(format, null);
    assertTrue(serial.contains("big.pcapng"), "the big result is in the report");
    assertTrue(serial.contains("seq.gap"), "with its findings");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      assertEquals(serial, report(format, pool));
    } finally {
      pool.shutdown();
    }
    ExecutorService idle = mock(ExecutorService.class);
    assertEquals(serial, report(format, idle));
    verify(idle, atLeast(60)).execute(any()); // every small file handed over, each taken back
    ExecutorService closed = Executors.newSingleThreadExecutor();
    closed.shutdown();
    assertEquals(serial, report(format, closed));
  }
}
