package org.tcplint.spark;

import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.bench.TraceGenerator;
import org.tcplint.testing.SharedCaptures;

/**
 * The job in local mode ({@code local[2]}): its datasets equal the command line's JSON report row
 * for row, and no file, however broken, fails a task.
 */
class CheckJobLocalTest {
  private static SparkSession spark;
  private static final SparkSessions.FailedTasks FAILED = new SparkSessions.FailedTasks();

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkSessions.builder("local[2]").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    spark.sparkContext().addSparkListener(FAILED);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @BeforeEach
  void noFailures() {
    FAILED.failed.set(0);
  }

  private static Reports job(Path out, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "-o";
    all[1] = out.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    SparkSessions.Run run = SparkSessions.run(spark, all);
    assertEquals(0, FAILED.failed.get(), "failed tasks");
    return Reports.job(spark, out, run.code());
  }

  @Test
  void testdataEqualsTheJsonReport() {
    String dir = Path.of("testdata").toAbsolutePath().toString();
    Reports.cli(dir).assertSame(job(tmp.resolve("testdata"), dir));
  }

  @Test
  void sharedCapturesEqualTheJsonReport() {
    String dir = SharedCaptures.root().toAbsolutePath().toString();
    Reports.cli(dir).assertSame(job(tmp.resolve("shared"), dir));
  }

  @Test
  void aCorruptFileInTheMiddleIsRowsWithItsOffset() throws IOException {
    Path archive = Files.createDirectories(tmp.resolve("corrupt-archive"));
    Files.copy(Path.of("testdata/clean-http.pcapng"), archive.resolve("a.pcapng"));
    Files.copy(Path.of("src/test/broken/truncated.pcapng"), archive.resolve("b.pcapng"));
    Files.copy(
        Path.of("src/test/broken/malformed-block-length.pcapng"), archive.resolve("c.pcapng"));
    Files.copy(Path.of("testdata/seed-wrong-synack-ack.pcapng"), archive.resolve("d.pcapng"));
    byte[] capture = Files.readAllBytes(Path.of("testdata/seed-wrong-synack-ack.pcapng"));
    write(archive.resolve("e.pcapng.gz"), capture, java.util.zip.GZIPOutputStream::new);
    write(
        archive.resolve("f.pcapng.xz"),
        capture,
        o -> new org.tukaani.xz.XZOutputStream(o, new org.tukaani.xz.LZMA2Options()));
    write(archive.resolve("g.pcapng.zst"), capture, io.airlift.compress.zstd.ZstdOutputStream::new);
    String missing = archive.resolve("missing.pcapng").toString();
    Path out = tmp.resolve("corrupt");
    Reports.cli(archive.toString(), missing).assertSame(job(out, archive.toString(), missing));

    List<Row> faults =
        spark
            .read()
            .parquet(out.resolve("findings").toString())
            .where("rule like 'capture.%'")
            .orderBy("path")
            .select("path", "rule", "offset")
            .collectAsList();
    assertEquals(3, faults.size(), faults::toString);
    assertTrue(faults.get(0).getString(0).endsWith("/b.pcapng"), faults::toString);
    assertEquals("capture.truncated", faults.get(0).getString(1));
    assertTrue(faults.get(0).getLong(2) > 0, faults::toString);
    assertTrue(faults.get(1).getString(0).endsWith("/c.pcapng"), faults::toString);
    assertTrue(faults.get(2).getString(0).endsWith("/missing.pcapng"), faults::toString);
  }

  @Test
  void aThousandSmallFiles() throws IOException {
    Path archive = Files.createDirectories(tmp.resolve("archive-1000"));
    for (int i = 1; i <= 1000; i++) {
      TraceGenerator.generate(archive.resolve(String.format("f%05d.pcapng", i)), 4096, i);
    }
    long t0 = System.nanoTime();
    Reports job = job(tmp.resolve("thousand"), archive.toString());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("1000 small files in local[2]: %d ms%n", ms);
    assertEquals(1000, job.files().size());
    Reports.cli(archive.toString()).assertSame(job);
  }

  @Test
  void partitionsByRuleAndWritesJsonLines() {
    String dir = Path.of("testdata").toAbsolutePath().toString();
    Path out = tmp.resolve("by-rule");
    SparkSessions.Run run =
        SparkSessions.run(spark, "-o", out.toString(), "--partition-by", "rule", "--jsonl", dir);
    assertEquals(1, run.code(), run.err());
    long parquet = spark.read().parquet(out.resolve("findings").toString()).count();
    long jsonl = spark.read().json(out.resolve("findings-jsonl").toString()).count();
    assertEquals(parquet, jsonl);
    assertTrue(Files.isDirectory(out.resolve("findings/rule=handshake.synack-wrong-ack")));
    assertTrue(run.out().contains("handshake.synack-wrong-ack"), run.out());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, SparkSessions.run(spark, "testdata").code());
    assertEquals(2, SparkSessions.run(spark, "-o", "x", "--rule", "no.such=off", "t").code());
    assertEquals(2, SparkSessions.run(spark, "-o", "x", "--fail-on", "loud", "t").code());
  }

  // --config reads the file tcplint check --config reads: rule levels (families too), suppressions
  // with their count, failOn and defaults; the datasets equal the command line's JSON report.
  @Test
  void aConfigFileAsTheCommandLineReadsIt() throws IOException {
    Path config = tmp.resolve("config.json");
    Files.writeString(
        config,
        """
        {"rules": {"close.*": "off", "seq.gap": "error"},
         "failOn": "never",
         "suppressions": [{"rule": "handshake.synack-wrong-ack", "file": "seed-*.pcapng",
                           "reason": "the seed notes' own example"}],
         "defaults": {"lingerSeconds": 1, "windowScale": 7}}
        """);
    String dir = Path.of("testdata").toAbsolutePath().toString();
    Path out = tmp.resolve("with-config");
    Reports job = job(out, "--config", config.toString(), dir);
    Reports.cli("--config", config.toString(), dir).assertSame(job);
    assertEquals(0, job.code()); // failOn never, though the seed's capture has errors
    assertTrue(job.findings().stream().noneMatch(f -> f.contains("\"rule\":\"close.")));
    assertTrue(
        job.findings().stream()
            .noneMatch(
                f -> f.contains("seed-wrong-synack-ack") && f.contains("synack-wrong-ack\"")),
        "suppressed");
    assertTrue( // the same rule in another file is not suppressed
        job.findings().stream()
            .anyMatch(f -> f.contains("rules/handshake.synack-wrong-ack.pcapng")));
    Row files =
        spark.read().parquet(out.resolve("files").toString()).agg(sum("suppressed")).first();
    assertEquals(1L, files.getLong(0));
    SparkSessions.Run again = runTo("again", "--config", config.toString(), dir);
    assertTrue(again.out().contains(" (1 suppressed)"), again.out());
    // --fail-on given wins over the file's failOn; without the suppression the seed fails the run
    Files.writeString(tmp.resolve("levels.json"), "{\"rules\": {\"close.*\": \"off\"}}");
    SparkSessions.Run failing =
        runTo(
            "levels", "--config", tmp.resolve("levels.json").toString(), "--fail-on", "error", dir);
    assertEquals(1, failing.code(), failing.err());
    assertTrue(failing.out().contains("handshake.synack-wrong-ack"), failing.out());
  }

  @Test
  void aConfigThatCannotBeUsedExitsTwo() throws IOException {
    refused(null, "tcplint: cannot read config ");
    refused("{\"rules\": {\"no.such\": \"off\"}}", "rules.no.such: unknown rule id");
    refused("{\"rules\": ", "is not valid JSON");
    refused("{\"failOn\": \"loud\"}", "failOn must be error, warning, info or never");
  }

  /** A job with a config of {@code content} (null: no such file) exits 2 with {@code message}. */
  private static void refused(String content, String message) throws IOException {
    Path config = Files.createTempFile(tmp, "config", ".json");
    if (content == null) {
      Files.delete(config);
    } else {
      Files.writeString(config, content);
    }
    String capture = Path.of("testdata/clean-http.pcapng").toAbsolutePath().toString();
    SparkSessions.Run run =
        SparkSessions.run(spark, "-o", "x", "--config", config.toString(), capture);
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains(message), run.err());
    assertEquals("", run.out());
  }

  /**
   * A fingerprint holds the file's name, not its directory, and the command line counts it over the
   * inputs in order: a baseline of one copy of a capture hides that copy's findings, not those of a
   * copy of the same name in a later directory, though the tasks check both at once.
   */
  @Test
  void aBaselineHidesWhatTheCommandLineHides() throws IOException {
    Path archive = Files.createDirectories(tmp.resolve("baseline-archive"));
    Path first = Files.createDirectories(archive.resolve("a")).resolve("x.pcapng");
    Path second = Files.createDirectories(archive.resolve("b")).resolve("x.pcapng");
    Files.copy(Path.of("testdata/seed-wrong-synack-ack.pcapng"), first);
    Files.copy(Path.of("testdata/seed-wrong-synack-ack.pcapng"), second);
    Files.copy(Path.of("testdata/clean-http.pcapng"), archive.resolve("a/y.pcapng"));
    // --write-baseline: the job records the same baseline as the command line
    Path byCli = tmp.resolve("baseline-cli.json");
    Path byJob = tmp.resolve("baseline-job.json");
    assertEquals(1, cli("-q", "--write-baseline", byCli.toString(), first.toString()).code());
    SparkSessions.Run recorded =
        runTo("recording", "--write-baseline", byJob.toString(), first.toString());
    assertEquals(1, recorded.code(), recorded.err());
    assertEquals(Files.readString(byCli), Files.readString(byJob));
    assertTrue(Files.readString(byJob).contains("\"handshake.synack-wrong-ack|x.pcapng|"));
    // --baseline: the same rows, counts, summary and exit code as the command line
    Path out = tmp.resolve("with-baseline");
    Reports job = job(out, "--baseline", byJob.toString(), archive.toString());
    Reports.cli("--baseline", byCli.toString(), archive.toString()).assertSame(job);
    assertEquals(1, job.code()); // the second copy's wrong SYN-ACK is still an error
    assertTrue(job.findings().stream().anyMatch(f -> f.contains("/b/x.pcapng")));
    assertTrue(job.findings().stream().noneMatch(f -> f.contains("/a/x.pcapng")));
    Row hidden =
        spark
            .read()
            .parquet(out.resolve("files").toString())
            .where("path like '%/a/x.pcapng'")
            .select("baselined", "errors")
            .first();
    assertEquals(2L, hidden.getLong(0)); // its error and its info
    assertEquals(0L, hidden.getLong(1));
    String summary = cli("-q", "--baseline", byCli.toString(), archive.toString()).out();
    SparkSessions.Run again =
        runTo("baseline-again", "--baseline", byJob.toString(), archive.toString());
    assertTrue(summary.contains(" (2 in the baseline, not shown)"), summary);
    assertEquals(summary.lines().findFirst(), again.out().lines().findFirst());
    // a baseline that cannot be used is a usage error, before anything is read
    Files.writeString(tmp.resolve("broken-baseline.json"), "{\"version\": 2}");
    SparkSessions.Run broken =
        runTo(
            "broken",
            "--baseline",
            tmp.resolve("broken-baseline.json").toString(),
            first.toString());
    assertEquals(2, broken.code(), broken.err());
    assertTrue(broken.err().contains("cannot read baseline "), broken.err());
    assertTrue(broken.err().contains("not a tcplint baseline"), broken.err());
    assertEquals("", broken.out());
  }

  /** The job with {@code ARGS}, its datasets below {@code tmp/dir}. */
  private static SparkSessions.Run runTo(String dir, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "-o";
    all[1] = tmp.resolve(dir).toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return SparkSessions.run(spark, all);
  }

  /** {@code tcplint check ARGS} in-process: exit code and standard output. */
  private static SparkSessions.Run cli(String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    String[] all = new String[args.length + 1];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    int code =
        org.tcplint.cli.Main.run(
            all,
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    return new SparkSessions.Run(
        code,
        out.toString(java.nio.charset.StandardCharsets.UTF_8),
        err.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  // an output dataset that exists is refused before any capture is read, not after the check
  @Test
  void anExistingOutputNeedsOverwrite() {
    Path out = tmp.resolve("twice");
    String capture = Path.of("testdata/seed-wrong-synack-ack.pcapng").toAbsolutePath().toString();
    SparkSessions.Run first = SparkSessions.run(spark, "-o", out.toString(), capture);
    assertEquals(1, first.code(), first.err()); // the seed's wrong SYN-ACK ack is an error
    SparkSessions.Run again = SparkSessions.run(spark, "-o", out.toString(), capture);
    assertEquals(2, again.code());
    assertEquals(
        "tcplint: " + out + "/findings already exists (--overwrite replaces it)\n", again.err());
    assertEquals("", again.out());
    SparkSessions.Run replaced =
        SparkSessions.run(spark, "-o", out.toString(), "--overwrite", capture);
    assertEquals(1, replaced.code(), replaced.err());
    assertEquals(first.out(), replaced.out());
  }

  // cli.md: 4 is an internal error, the stack trace only with --debug (a session that fails)
  @Test
  void anInternalErrorExitsFour() {
    SparkSession broken = mock(SparkSession.class);
    when(broken.sparkContext())
        .thenThrow(new IllegalStateException("Cannot call methods on a stopped SparkContext."));
    SparkSessions.Run run = SparkSessions.run(broken, "-o", "out", "testdata");
    assertEquals(4, run.code());
    assertEquals(
        "tcplint: internal error: java.lang.IllegalStateException: Cannot call methods on a"
            + " stopped SparkContext.\n(run with --debug for the stack trace)\n",
        run.err());
    SparkSessions.Run debug = SparkSessions.run(broken, "--debug", "-o", "out", "testdata");
    assertEquals(4, debug.code());
    assertTrue(debug.err().contains("\tat org.tcplint.spark.CheckJob.check("), debug.err());
  }

  private interface Compressor {
    OutputStream wrap(OutputStream o) throws IOException;
  }

  private static void write(Path p, byte[] data, Compressor c) throws IOException {
    try (OutputStream o = c.wrap(Files.newOutputStream(p))) {
      o.write(data);
    }
  }
}
