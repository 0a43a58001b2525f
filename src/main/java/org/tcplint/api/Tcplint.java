package org.tcplint.api;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.tcplint.check.Checker;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.check.Pools;
import org.tcplint.report.ReportOptions;
import org.tcplint.report.Reporter;
import org.tcplint.report.Reporters;
import org.tcplint.report.RunSummary;
import org.tcplint.report.Utf8Writer;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.Settings;
import org.tcplint.rules.Severity;

/**
 * Checks TCP captures: the entry point of tcplint as a library. Configure it once with {@link
 * #builder()} (rule levels, settings, threads), then check files, standard input, streams or bytes;
 * it is safe to use from several threads at once. Close it to stop its threads.
 *
 * <p><b>Threads.</b> One pool of {@link Builder#threads(int)} threads serves everything: a big
 * capture is cut into chunks that its threads read, decode and check together (the report is the
 * same byte for byte for any number of threads), and {@link #checkAll} checks several files at
 * once, each small one on a thread of its own.
 *
 * <p><b>Results.</b> A {@link FileResult} holds a file's conversations and findings; beyond a limit
 * they are kept in temporary files, so call {@link FileResult#release()} when done with it.
 */
public final class Tcplint implements AutoCloseable {
  private final Checker checker;
  private final int threads;
  private final ExecutorService pool;
  private final boolean summaries;

  private Tcplint(Builder b) {
    this.threads = b.threads;
    this.summaries = b.summaries;
    this.pool = threads > 1 ? Pools.daemon(threads) : null;
    this.checker = new Checker(b.levels, b.settings).threads(threads, pool).summaries(b.summaries);
  }

  /** A builder with every rule at its catalog level, default settings and all cores. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link Tcplint}. */
  public static final class Builder {
    private RuleLevels levels = new RuleLevels();
    private Settings settings = Settings.DEFAULTS;
    private int threads = Runtime.getRuntime().availableProcessors();
    private boolean summaries = true;

    private Builder() {}

    /**
     * Sets rule {@code id}'s level ({@code off}, {@code info}, {@code warning}, {@code error});
     * {@code id} may end in {@code *} for a family, e.g. {@code win.*}.
     *
     * @throws IllegalArgumentException for an id that names no rule
     */
    public Builder rule(String id, Severity level) {
      levels.set(id, level);
      return this;
    }

    /** Uses these rule levels (replacing any set before). */
    public Builder levels(RuleLevels levels) {
      this.levels = levels;
      return this;
    }

    /** Uses these settings (timeouts, caps, limits; {@link Settings#DEFAULTS} otherwise). */
    public Builder settings(Settings settings) {
      this.settings = settings;
      return this;
    }

    /**
     * Uses a pool of {@code n} threads (at least 1; 1: no pool, everything on the calling thread).
     * A {@code check} runs on the thread that calls it, which hands a big capture's chunks to the
     * pool and works on them too; callers on several threads share the pool. {@link #checkAll}
     * checks its files on the pool's threads alone.
     */
    public Builder threads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + n);
      }
      this.threads = n;
      return this;
    }

    /**
     * Whether results hold each conversation's summary ({@code true}, the default). With {@code
     * false}, {@link FileResult#conversations()} is empty and {@link
     * FileResult#conversationCount()} still counts them: a check of many short conversations is
     * about a tenth faster. For callers that use the findings and the count alone, as the jsonl,
     * sarif and github reports and the quiet text report do; {@link Tcplint#report} refuses the
     * formats that list conversations (text, json, junit, html, wireshark).
     */
    public Builder summaries(boolean keep) {
      this.summaries = keep;
      return this;
    }

    /** The configured checker. */
    public Tcplint build() {
      return new Tcplint(this);
    }
  }

  /**
   * The pool of this checker's threads, for work beside the checks such as encoding a big report
   * ({@link org.tcplint.report.ReportOptions#encoders()}); null with one thread.
   */
  public ExecutorService executor() {
    return pool;
  }

  /** The threads this checker uses. */
  public int threads() {
    return threads;
  }

  /** Checks a capture file ({@code "-"} is standard input), named as its path. */
  public FileResult check(Path path) {
    return check(path, org.tcplint.capture.FileNames.name(path), n -> {});
  }

  /** Checks a capture file ({@code "-"} is standard input) named {@code name} in the result. */
  public FileResult check(Path path, String name) {
    return check(path, name, n -> {});
  }

  /**
   * Checks a capture file ({@code "-"} is standard input) named {@code name} in the result, telling
   * {@code progress} the bytes read as it goes. A file that cannot be read or is damaged gives a
   * result with its {@code capture.*} finding, never an exception.
   */
  public FileResult check(Path path, String name, LongConsumer progress) {
    return checker.check(path, name, progress);
  }

  /** Checks a capture held in memory (plain or compressed). */
  public FileResult check(byte[] capture, String name) {
    return checker.check(capture, name);
  }

  /**
   * Checks a capture read from {@code in} (plain or compressed), which is read to its end and
   * closed.
   */
  public FileResult check(InputStream in, String name) {
    return checker.check(in, name);
  }

  /** Checks a capture file and hands its results to {@code sink}; releases the result after. */
  public void check(Path path, ResultSink sink) {
    deliver(check(path), sink);
  }

  /**
   * Checks a capture read from {@code in} (plain or compressed, read to its end and closed), named
   * {@code name}, and hands its results to {@code sink}; releases the result after.
   */
  public void check(InputStream in, String name, ResultSink sink) {
    deliver(check(in, name), sink);
  }

  private static void deliver(FileResult r, ResultSink sink) {
    try {
      for (ConversationSummary c : r.conversations()) {
        sink.conversation(c);
      }
      for (Finding f : r.findings()) {
        sink.finding(f);
      }
      sink.end(r);
    } finally {
      r.release();
    }
  }

  /**
   * Checks {@code paths} several at a time and yields their results in the order given, holding at
   * most a few finished results at once; release each when done with it.
   */
  public Iterable<FileResult> checkAll(List<Path> paths) {
    return checkAll(paths, n -> {}, (p, nanos) -> {});
  }

  /**
   * Checks {@code paths} several at a time and yields their results in the order given, holding at
   * most a few finished results at once. Each small file is checked on one thread; a big one is cut
   * into chunks that every free thread helps with.
   *
   * @param progress told the bytes read as the checks go (from several threads)
   * @param done told each path when its check has ended (from the thread that checked it)
   */
  public Iterable<FileResult> checkAll(
      List<Path> paths, LongConsumer progress, java.util.function.BiConsumer<Path, Long> done) {
    return () -> new InOrder(paths, progress, done);
  }

  /** The results of {@link #checkAll}, in input order, from a bounded window of checks. */
  private final class InOrder implements Iterator<FileResult> {
    private final List<Path> paths;
    private final LongConsumer progress;
    private final java.util.function.BiConsumer<Path, Long> done;
    private final ArrayDeque<Future<FileResult>> window = new ArrayDeque<>();
    private int next;

    InOrder(
        List<Path> paths, LongConsumer progress, java.util.function.BiConsumer<Path, Long> done) {
      this.paths = paths;
      this.progress = progress;
      this.done = done;
    }

    private FileResult one(Path p) {
      long t0 = System.nanoTime();
      FileResult r = checker.check(p, org.tcplint.capture.FileNames.name(p), progress);
      done.accept(p, System.nanoTime() - t0);
      return r;
    }

    private void fill() {
      while (pool != null && next < paths.size() && window.size() < 2 * threads) {
        Path p = paths.get(next++);
        window.add(pool.submit(() -> one(p)));
      }
    }

    @Override
    public boolean hasNext() {
      return next < paths.size() || !window.isEmpty();
    }

    @Override
    public FileResult next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (pool == null) {
        return one(paths.get(next++));
      }
      fill();
      try {
        FileResult r = window.poll().get();
        fill();
        return r;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while checking", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException re) {
          throw re;
        }
        if (c instanceof Error er) {
          throw er;
        }
        throw new IllegalStateException(c);
      }
    }
  }

  /**
   * The formats {@link #report} writes: text, json, jsonl, junit, sarif, wireshark, github, html.
   */
  public static List<String> formats() {
    return Reporters.names();
  }

  /** tcplint's version, as its reports and {@code tcplint --version} give it. */
  public static String version() {
    String v = Tcplint.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0";
  }

  /**
   * Writes the report of {@code results} in {@code format} (one of {@link #formats()}) to {@code
   * out}: the bytes {@code tcplint check -f FORMAT} writes for the same files with its default
   * options (warnings and errors shown in text, every finding in the other formats; a run fails at
   * an error). JSON is schema v1 ({@code "schemaVersion": 1}), as on the command line. Each result
   * is released once written; {@code out} is flushed, not closed. Give it {@link #checkAll} to
   * report several files as they are checked, holding only a few at once.
   *
   * @throws IllegalArgumentException for a format not in {@link #formats()}
   * @throws IllegalStateException for a format that lists conversations (text, json, junit, html,
   *     wireshark) when this checker keeps no summaries ({@link Builder#summaries})
   * @throws IOException when {@code out} fails; the results not taken from {@code results} by then
   *     are not released (their temporary files go when the JVM exits)
   */
  public void report(String format, Iterable<FileResult> results, OutputStream out)
      throws IOException {
    if (!Reporters.known(format)) {
      throw new IllegalArgumentException(
          "unknown format '" + format + "' (" + String.join(", ", formats()) + ")");
    }
    if (!summaries && Reporters.listsConversations(format, false)) {
      throw new IllegalStateException(
          "the "
              + format
              + " report lists conversations, and this checker keeps no summaries of them"
              + " (summaries(false)): use jsonl, sarif or github, or keep the summaries");
    }
    Utf8Writer w = new Utf8Writer(new KeptOpen(out));
    Reporter rep =
        Reporters.create(
            format,
            w,
            new ReportOptions(
                version(),
                Severity.ERROR,
                false,
                false,
                pool,
                Reporters.shown(format, Severity.WARNING)));
    RunSummary.Totals totals = new RunSummary.Totals();
    rep.start();
    for (FileResult r : results) {
      try {
        totals.add(r);
        rep.file(r);
      } finally {
        r.release();
      }
    }
    rep.end(totals.summary(0, 0));
    w.close();
  }

  /** The caller's stream, which the report flushes but does not close. */
  private static final class KeptOpen extends FilterOutputStream {
    KeptOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /** Stops the threads (checks still running finish first). */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }
}
