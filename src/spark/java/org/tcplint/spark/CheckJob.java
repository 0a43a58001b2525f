package org.tcplint.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.tcplint.check.Baseline;
import org.tcplint.cli.Config;
import org.tcplint.cli.UsageException;
import org.tcplint.report.TextReport;
import org.tcplint.rules.Severity;

/**
 * tcplint as an Apache Spark job: checks captures on any Hadoop file system, one task per file,
 * with the library ({@link org.tcplint.api.Tcplint}), and writes the results as Parquet datasets
 * ({@link Schemas}). The driver prints the run summary and exits like {@code tcplint check}: 0 when
 * no finding reaches {@code --fail-on}, 1 when one does, 2 for a usage error (an output dataset
 * that exists without {@code --overwrite} too, found before any capture is read), 3 when an input
 * could not be read (its rows carry the {@code capture.*} finding), 4 for an internal error.
 */
public final class CheckJob {
  private CheckJob() {}

  /** Runs the job in the session that {@code spark-submit} (or {@code -Dspark.master}) sets up. */
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("tcplint check").getOrCreate();
    int code;
    try {
      code = run(spark, args, System.out, System.err);
    } finally {
      spark.stop();
    }
    System.exit(code);
  }

  /** Runs the job in {@code spark}; returns the exit code. */
  public static int run(SparkSession spark, String[] args, PrintStream out, PrintStream err) {
    JobOptions o;
    try {
      o = JobOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("tcplint: " + e.getMessage());
      err.println(JobOptions.USAGE);
      return 2;
    }
    try {
      CheckSettings settings;
      Severity failOn;
      Baseline baseline;
      try {
        settings = settings(spark, o);
        settings.engine(1);
        failOn = o.threshold(settings.parsed().failOn());
        baseline = baseline(spark, o);
      } catch (UsageException e) {
        err.println("tcplint: " + e.getMessage());
        return 2;
      } catch (IllegalArgumentException e) {
        err.println("tcplint: " + e.getMessage());
        if (!(e.getCause() instanceof UsageException)) { // a config's error has no usage line
          err.println(JobOptions.USAGE);
        }
        return 2;
      }
      return check(spark, o, settings, failOn, baseline, out, err);
    } catch (RuntimeException | Error e) {
      err.println("tcplint: internal error: " + e);
      if (o.debug()) {
        e.printStackTrace(err);
      } else {
        err.println("(run with --debug for the stack trace)");
      }
      return 4;
    }
  }

  /** The most bytes a config file may have (it is read whole, by the driver). */
  static final int MAX_CONFIG = 16 << 20;

  /**
   * The settings the tasks get: the {@code --config} file read from its file system by the driver
   * and parsed here once (a config that cannot be read or is not valid is a usage error, as for
   * {@code tcplint check}), and the rule overrides.
   */
  static CheckSettings settings(SparkSession spark, JobOptions o) throws UsageException {
    if (o.config() == null) {
      return new CheckSettings(o.rules());
    }
    String name = Rows.printable(o.config());
    byte[] bytes = whole(spark, o.config(), MAX_CONFIG, "config");
    CheckSettings settings = new CheckSettings(o.rules(), name, bytes);
    Config c = settings.parsed();
    if (c.failOn() != null) {
      try {
        o.threshold(c.failOn());
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "config " + name + ": failOn must be error, warning, info or never");
      }
    }
    return settings;
  }

  /** The most bytes a baseline may have (it is read whole, by the driver). */
  static final int MAX_BASELINE = 64 << 20;

  /**
   * The {@code --baseline} file, read from its file system and parsed by the driver, or null
   * without one.
   *
   * @throws UsageException when it cannot be read or is not a baseline, as for {@code tcplint
   *     check}
   */
  static Baseline baseline(SparkSession spark, JobOptions o) throws UsageException {
    if (o.baseline() == null) {
      return null;
    }
    byte[] bytes = whole(spark, o.baseline(), MAX_BASELINE, "baseline");
    try {
      return Baseline.parse(bytes);
    } catch (IOException | RuntimeException e) {
      throw new UsageException(
          "cannot read baseline " + Rows.printable(o.baseline()) + ": " + e.getMessage());
    }
  }

  /**
   * The bytes of the {@code what} file at {@code path} (any Hadoop file system), read whole by the
   * driver.
   *
   * @throws UsageException when it cannot be read ({@code cannot read WHAT F: reason}) or has more
   *     than {@code max} bytes
   */
  private static byte[] whole(SparkSession spark, String path, int max, String what)
      throws UsageException {
    String name = Rows.printable(path);
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    byte[] bytes;
    try (java.io.InputStream in =
        p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
      bytes = in.readNBytes(max + 1);
    } catch (IOException | RuntimeException e) {
      throw new UsageException("cannot read " + what + " " + name + ": " + e.getMessage());
    }
    if (bytes.length > max) {
      throw new UsageException(what + " " + name + " is larger than " + (max >> 20) + " MiB");
    }
    return bytes;
  }

  /** The job itself, once its options are known. */
  private static int check(
      SparkSession spark,
      JobOptions o,
      CheckSettings settings,
      Severity failOn,
      Baseline baseline,
      PrintStream out,
      PrintStream err) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    if (!o.overwrite()) {
      // Before any capture is read: Spark would refuse only after the whole check.
      for (String dir : Datasets.directories(o)) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
        try {
          if (p.getFileSystem(conf).exists(p)) {
            err.println("tcplint: " + dir + " already exists (--overwrite replaces it)");
            return 2;
          }
        } catch (IOException e) {
          err.println("tcplint: cannot reach the output directory " + o.output() + ": " + e);
          return 3;
        }
      }
    }
    List<String> errors = new ArrayList<>();
    List<String> paths = Listing.expand(o.inputs(), conf, errors::add);
    if (paths.isEmpty()) {
      errors.forEach(e -> err.println("tcplint: " + e));
      err.println("tcplint: no capture to check");
      return 3;
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // One task per file (or per --files-per-task files), its rows cached (columnar, spilling to
    // disk); the datasets and the totals are then made by a task per core.
    int tasks = (int) ((paths.size() + (long) o.filesPerTask() - 1) / o.filesPerTask());
    List<CheckFiles.Input> inputs = new ArrayList<>();
    for (String p : paths) {
      inputs.add(new CheckFiles.Input(inputs.size(), p));
    }
    boolean fingerprints = baseline != null || o.writeBaseline() != null;
    Dataset<Row> checked =
        spark
            .createDataFrame(
                jsc.parallelize(inputs, tasks)
                    .mapPartitions(new CheckFiles(settings, fingerprints)),
                Schemas.ROWS)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> kept = null;
    try {
      checked.count();
      if (baseline != null) {
        kept = Baselines.hide(spark, checked, baseline).persist(StorageLevel.MEMORY_AND_DISK());
      }
      Dataset<Row> rows = (kept == null ? checked : kept).coalesce(writers(spark, paths.size()));
      Datasets.write(rows, o);
      Tally t = Tally.of(rows);
      print(t, out);
      if (o.writeBaseline() != null) {
        // As tcplint check records it: after the suppressions, before the baseline read.
        String b = o.writeBaseline();
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(b);
        try (java.io.OutputStream w = CheckFiles.raw(p.getFileSystem(conf)).create(p, true)) {
          w.write(
              Baselines.record(checked).json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
          errors.add("cannot write the baseline " + Rows.printable(b) + ": " + e.getMessage());
        }
      }
      errors.addAll(t.unreadableFiles);
      if (t.unreadable > t.unreadableFiles.size()) {
        errors.add((t.unreadable - t.unreadableFiles.size()) + " more files could not be read");
      }
      errors.forEach(e -> err.println("tcplint: " + e));
      if (!errors.isEmpty()) {
        return 3;
      }
      return t.reaches(failOn) ? 1 : 0;
    } finally {
      if (kept != null) {
        kept.unpersist(false);
      }
      checked.unpersist(false);
    }
  }

  /**
   * The partitions of the rows: as many as the application has cores, at most one per file (the
   * files are checked one per task, but a Parquet file and a task per capture in every later stage
   * would cost more than its check).
   */
  private static int writers(SparkSession spark, int files) {
    return Math.max(1, Math.min(files, spark.sparkContext().defaultParallelism()));
  }

  /** The summary line of {@code tcplint check}, then the findings by rule and severity. */
  static void print(Tally t, PrintStream out) {
    out.print(TextReport.summaryLine(t.summary()));
    if (t.byRule.isEmpty()) {
      return;
    }
    int width = "rule".length();
    for (String rule : t.byRule.keySet()) {
      width = Math.max(width, rule.length());
    }
    out.printf("%-" + width + "s %9s %9s %9s%n", "rule", "error", "warning", "info");
    for (Map.Entry<String, long[]> e : t.byRule.entrySet()) {
      long[] n = e.getValue();
      out.printf(
          "%-" + width + "s %9d %9d %9d%n",
          e.getKey(),
          n[Severity.ERROR.ordinal()],
          n[Severity.WARNING.ordinal()],
          n[Severity.INFO.ordinal()]);
    }
  }
}
