package org.tcplint.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tcplint.api.Tcplint;
import org.tcplint.check.FileResult;
import org.tcplint.report.ReportOptions;
import org.tcplint.report.Reporter;
import org.tcplint.report.Reporters;
import org.tcplint.report.RunSummary;

/**
 * The check of one generated pcapng ({@link TraceGenerator}, default 1 GiB) with its JSON report,
 * in a warm JVM, on 1 and 2 threads (the library API, as the command line runs it): the speed-up a
 * second core gives. One operation = the whole file.
 *
 * <pre>mvn -Pbench package && java -jar target/benchmarks.jar ParallelCheckBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx256m", "-XX:+UseParallelGC"})
public class ParallelCheckBenchmark {
  @Param({"1024"})
  public int sizeMb;

  @Param({"1", "2"})
  public int threads;

  private Path file;
  private Tcplint tcplint;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path dir = Path.of(System.getProperty("tcplint.benchdata", "target/bench-data"));
    Files.createDirectories(dir);
    file = dir.resolve("trace-" + sizeMb + "mb.pcapng");
    long want = sizeMb * 1024L * 1024L;
    if (!Files.exists(file) || Files.size(file) < want) {
      TraceGenerator.generate(file, want, 1);
    }
    tcplint = Tcplint.builder().threads(threads).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    tcplint.close();
  }

  @Benchmark
  public long check() throws IOException {
    // As the command line checks it: on the pool's threads, this one waiting (check(file) would
    // run it here, beside the pool's threads).
    FileResult r = tcplint.checkAll(java.util.List.of(file)).iterator().next();
    // The report's bytes go where the command line's do, through a Utf8Writer, and are dropped.
    try (Writer w = new org.tcplint.report.Utf8Writer(java.io.OutputStream.nullOutputStream())) {
      Reporter rep =
          Reporters.create(
              "json", w, new ReportOptions("bench", null, false, false, tcplint.executor()));
      rep.start();
      rep.file(r);
      RunSummary.Totals totals = new RunSummary.Totals();
      totals.add(r);
      rep.end(totals.summary(0, 0));
    }
    long n = r.findings().size();
    r.release();
    return n;
  }
}
