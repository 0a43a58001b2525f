package org.tcplint.bench;

import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import org.tcplint.api.Tcplint;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.report.ReportOptions;
import org.tcplint.report.Reporter;
import org.tcplint.report.Reporters;
import org.tcplint.report.RunSummary;

/**
 * The serial fraction of a check, in one warm JVM: the CPU time of the work only one thread can do
 * when a capture is checked on several threads (reading and decompressing the bytes with the pass
 * that cuts them into chunks, committing the chunks in file order, and the final merge: the pass
 * that merges the partitions' sorted results while it writes the JSON report, without the blocks of
 * results it reads and encodes itself when no pool thread has started them: the pool's work, done
 * instead of waiting), over the time of the whole check with its report on one thread; with
 * Amdahl's predicted speed-up at 16 and 64 cores, and the speed-up measured with 2 threads.
 *
 * <p>Amdahl's law on the serial fraction alone assumes that the split adds no work. It does: the
 * segments handed from the threads that decode them to the partitions' threads, the chunks and
 * results in flight. So the process's CPU time is measured too, for the check on one thread and on
 * two (every thread: pool, collector, compiler), and a second prediction counts the added work: on
 * {@code n} cores a check takes its serial work plus the rest of the one-thread check, grown by the
 * ratio of the two CPU times, divided by {@code n}.
 *
 * <p>Given a directory (an archive of small files), the serial work is all the calling thread does
 * while the pool checks the files: taking the results in order and writing the report.
 *
 * <pre>java -Xmx256m -cp target/tcplint.jar org.tcplint.bench.SerialFraction trace.pcapng [ROUNDS]
 * java -Xmx512m -cp target/tcplint.jar org.tcplint.bench.SerialFraction archive/ [ROUNDS]
 * </pre>
 */
public final class SerialFraction {
  private SerialFraction() {}

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /**
   * Wall time of a check and its report, the report pass's CPU time on this thread, and the CPU
   * time of the whole process meanwhile.
   */
  private record Run(double wall, double reportCpu, double processCpu) {}

  private static Run run(Tcplint t, Path capture) throws Exception {
    long p0 = PROCESS.getProcessCpuTime();
    long t0 = System.nanoTime();
    // As the command line checks it: on the pool's threads, this one waiting (t.check would run it
    // here, beside the pool's threads).
    FileResult r = t.checkAll(java.util.List.of(capture)).iterator().next();
    long c0 = CPU.getCurrentThreadCpuTime();
    // The report's bytes go where the command line's do, through a Utf8Writer, and are dropped.
    try (Writer w = new org.tcplint.report.Utf8Writer(java.io.OutputStream.nullOutputStream())) {
      Reporter rep =
          Reporters.create("json", w, new ReportOptions("bench", null, false, false, t.executor()));
      rep.start();
      rep.file(r);
      RunSummary.Totals totals = new RunSummary.Totals();
      totals.add(r);
      rep.end(totals.summary(0, 0));
    }
    double report = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
    r.release();
    return new Run(
        (System.nanoTime() - t0) / 1e9, report, (PROCESS.getProcessCpuTime() - p0) / 1e9);
  }

  /** Wall time of an archive's check with its report, and the calling thread's CPU time. */
  private static Run archive(Tcplint t, java.util.List<Path> files) throws Exception {
    long p0 = PROCESS.getProcessCpuTime();
    long t0 = System.nanoTime();
    long c0 = CPU.getCurrentThreadCpuTime();
    try (Writer w = new org.tcplint.report.Utf8Writer(java.io.OutputStream.nullOutputStream())) {
      Reporter rep =
          Reporters.create("json", w, new ReportOptions("bench", null, false, false, t.executor()));
      rep.start();
      RunSummary.Totals totals = new RunSummary.Totals();
      for (FileResult r : t.checkAll(files, n -> {}, (p, n) -> {})) {
        rep.file(r);
        totals.add(r);
        r.release();
      }
      rep.end(totals.summary(0, 0));
    }
    return new Run(
        (System.nanoTime() - t0) / 1e9,
        (CPU.getCurrentThreadCpuTime() - c0) / 1e9,
        (PROCESS.getProcessCpuTime() - p0) / 1e9);
  }

  /** Passes over an archive with each number of threads before the measured ones. */
  static final int ARCHIVE_WARM_UP = 3;

  /** The serial fraction of checking the capture files below {@code dir}. */
  private static void archive(Path dir, int rounds) throws Exception {
    java.util.List<Path> files;
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(dir)) {
      files = s.filter(java.nio.file.Files::isRegularFile).sorted().toList();
    }
    try (Tcplint one = Tcplint.builder().threads(1).build();
        Tcplint two = Tcplint.builder().threads(2).build()) {
      // Warm-up: code that runs once per file (opening it, setting up its check and its report)
      // runs a thousand times a pass, and reaches the compilers' thresholds only after a few.
      for (int i = 0; i < ARCHIVE_WARM_UP; i++) {
        archive(one, files);
        archive(two, files);
      }
      double best1 = Double.MAX_VALUE;
      double best2 = Double.MAX_VALUE;
      double serial = Double.MAX_VALUE;
      double[] cpu = {Double.MAX_VALUE, Double.MAX_VALUE};
      for (int i = 0; i < rounds; i++) {
        Run r1 = archive(one, files);
        best1 = Math.min(best1, r1.wall());
        cpu[0] = Math.min(cpu[0], r1.processCpu());
        Run r2 = archive(two, files);
        best2 = Math.min(best2, r2.wall());
        cpu[1] = Math.min(cpu[1], r2.processCpu());
        serial = Math.min(serial, r2.reportCpu());
      }
      double f = serial / best1;
      System.out.printf(
          "%d files: one thread: %.2f s; two threads: %.2f s (%.2fx); serial work (the calling"
              + " thread: results in order, the report): %.2f s; serial fraction %.1f %%;"
              + " Amdahl: %.1fx at 16 cores, %.1fx at 64%n",
          files.size(), best1, best2, best1 / best2, serial, 100 * f, amdahl(f, 16), amdahl(f, 64));
      System.out.println(added(best1, serial, cpu));
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SerialFraction CAPTURE|DIRECTORY [ROUNDS]");
      System.exit(2);
    }
    Path capture = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Checker.timeSerialWork(true);
    if (java.nio.file.Files.isDirectory(capture)) {
      archive(capture, rounds);
      return;
    }
    try (Tcplint one = Tcplint.builder().threads(1).build();
        Tcplint two = Tcplint.builder().threads(2).build()) {
      run(one, capture); // warm-up: the compiler's work is not the check's
      run(two, capture);
      double best1 = Double.MAX_VALUE;
      double best2 = Double.MAX_VALUE;
      double serial = Double.MAX_VALUE;
      double[] parts = new double[4]; // of the round with the least serial work
      double[] cpu = {Double.MAX_VALUE, Double.MAX_VALUE};
      for (int i = 0; i < rounds; i++) {
        Run r1 = run(one, capture);
        best1 = Math.min(best1, r1.wall());
        cpu[0] = Math.min(cpu[0], r1.processCpu());
        long s0 = Checker.serialCpuNanos();
        long r0 = Checker.readCpuNanos();
        long h0 = Checker.mergeHelpedCpuNanos();
        Run r2 = run(two, capture);
        best2 = Math.min(best2, r2.wall());
        cpu[1] = Math.min(cpu[1], r2.processCpu());
        double read = (Checker.readCpuNanos() - r0) / 1e9;
        double other = (Checker.serialCpuNanos() - s0) / 1e9 - read;
        // The merging thread reads (and encodes) blocks of results that no pool thread has
        // started: the pool's work, which it does instead of waiting, not the merge's.
        double helped = (Checker.mergeHelpedCpuNanos() - h0) / 1e9;
        double merge = Math.max(0, r2.reportCpu() - helped);
        if (read + other + merge < serial) {
          serial = read + other + merge;
          parts = new double[] {read, other, merge, helped};
        }
      }
      double f = serial / best1;
      System.out.printf(
          "one thread: %.2f s; two threads: %.2f s (%.2fx); serial work: %.2f s (reading %.2f,"
              + " committing and numbering %.2f, merging the report %.2f, besides %.2f of the"
              + " pool's reading ahead done by the merging thread);"
              + " serial fraction %.1f %%; Amdahl: %.1fx at 16 cores, %.1fx at 64%n",
          best1,
          best2,
          best1 / best2,
          serial,
          parts[0],
          parts[1],
          parts[2],
          parts[3],
          100 * f,
          amdahl(f, 16),
          amdahl(f, 64));
      System.out.println(added(best1, serial, cpu));
      // The read floor in the same warm JVM: what the check costs beyond reading and decoding,
      // without the compilation a fresh process pays for.
      ReadFloor.scan(capture);
      double floor = Double.MAX_VALUE;
      for (int i = 0; i < rounds; i++) {
        long t0 = System.nanoTime();
        ReadFloor.scan(capture);
        floor = Math.min(floor, (System.nanoTime() - t0) / 1e9);
      }
      System.out.printf(
          "read floor (reading and decoding alone, ReadFloor): %.2f s; the one-thread check with"
              + " its report took %.1fx that%n",
          floor, best1 / floor);
    }
  }

  /**
   * The line on the work the split adds: the process's CPU time of the one- and two-thread checks
   * ({@code cpu}, best of the rounds), and the speed-up on 16 and 64 cores that counts it.
   */
  private static String added(double wall1, double serial, double[] cpu) {
    return String.format(
        "process CPU time: one thread %.2f s, two threads %.2f s (%+.0f %%); counting that"
            + " added work: %.1fx at 16 cores, %.1fx at 64",
        cpu[0],
        cpu[1],
        100 * (cpu[1] / cpu[0] - 1),
        withAddedWork(wall1, serial, cpu[1] / cpu[0], 16),
        withAddedWork(wall1, serial, cpu[1] / cpu[0], 64));
  }

  /**
   * The speed-up on {@code n} cores over a one-thread check of {@code wall1} seconds, of which
   * {@code serial} seconds are serial, when the parallel check does {@code grown} times the work.
   */
  static double withAddedWork(double wall1, double serial, double grown, int n) {
    return wall1 / (serial + Math.max(0, wall1 - serial) * grown / n);
  }

  /**
   * Amdahl's law: the speed-up on {@code n} cores of work whose fraction {@code f} is serial (the
   * case of {@link #withAddedWork} where the split adds no work).
   */
  static double amdahl(double f, int n) {
    return withAddedWork(1, f, 1, n);
  }
}
