package org.tcplint.report;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import org.tcplint.check.FileResult;

/**
 * Work handed to an executor a few items ahead of the calling thread, which takes the results in
 * the order the work was added: a report's files encoded on the pool while they are written in
 * order. An item no pool thread has started when its turn comes is done by the calling thread, so
 * that a busy (or shut down) pool never makes it wait. Without a pool nothing is taken ahead.
 *
 * <p>A reporter asks {@link #takes} for each file: when it does, the file is {@link
 * #add(FileResult, Encoder) added}; when not (no pool, or a file too big to hold), every file in
 * flight has been handed to the sink and the reporter writes this one itself, in its turn.
 *
 * @param <T> what one item's work gives
 */
final class Ahead<T> {
  /** Takes one item's result, in order, on the calling thread. */
  interface Sink<T> {
    void accept(T result) throws IOException;
  }

  /** Encodes a held file on a pool thread. */
  interface Encoder<T> {
    T encode(FileResult held) throws IOException;
  }

  /** Writes a file's part of a text report. */
  interface Text {
    void write(Appendable to, FileResult r) throws IOException;
  }

  /**
   * Writes {@code r}'s part of a text report to {@code out} in its turn: written on the pool a few
   * files ahead when {@code ahead} takes the file (its sink writes the text), else here.
   */
  static void text(Ahead<String> ahead, FileResult r, Appendable out, Text text)
      throws IOException {
    if (!ahead.takes(r)) {
      text.write(out, r);
      return;
    }
    ahead.add(
        r,
        held -> {
          StringBuilder b = new StringBuilder();
          text.write(b, held);
          return b.toString();
        });
  }

  /** Encodes a block of a big file's elements on a pool thread. */
  interface BlockEncoder<E, T> {
    /**
     * @param first whether the block is the first of the elements
     */
    T encode(java.util.List<E> block, boolean first) throws IOException;
  }

  /**
   * Whether {@code n} elements of a file are encoded in blocks on {@code pool} ({@link #blocks}):
   * with a pool, as many as a file too big to be held ({@link #SMALL}).
   */
  static boolean inBlocks(ExecutorService pool, int n) {
    return pool != null && n >= SMALL;
  }

  /** Blocks of a big file's elements in flight beyond the one being taken. */
  static final int BLOCKS_AHEAD = 7;

  /**
   * Encodes {@code elements} on {@code pool} in blocks of {@link JsonReport#BLOCK}, a few blocks
   * ahead, and hands each block's result to {@code sink} in order on the calling thread: a big
   * file's conversations or findings, which the calling thread only reads in order.
   */
  static <E, T> void blocks(
      ExecutorService pool,
      java.util.Iterator<E> elements,
      BlockEncoder<E, T> encoder,
      Sink<T> sink)
      throws IOException {
    Ahead<T> ahead = new Ahead<>(pool, BLOCKS_AHEAD, sink);
    java.util.List<E> block = new java.util.ArrayList<>(JsonReport.BLOCK);
    boolean first = true;
    while (elements.hasNext()) {
      block.add(elements.next());
      if (block.size() == JsonReport.BLOCK || !elements.hasNext()) {
        java.util.List<E> mine = block;
        boolean firstOne = first;
        ahead.add(() -> encoder.encode(mine, firstOne));
        first = false;
        block = new java.util.ArrayList<>(JsonReport.BLOCK);
      }
    }
    ahead.drain();
  }

  /**
   * Items in flight, beyond the one being taken: enough for encoding (about a fifth of a check) to
   * keep up with the cores, a few MB each at most.
   */
  static final int DEFAULT_WINDOW =
      Math.min(32, Math.max(8, 2 * Runtime.getRuntime().availableProcessors()));

  /**
   * A result small enough to be held and encoded ahead: fewer than this many conversations and
   * fewer findings (a bigger one is written where it is, its JSON arrays in blocks on the pool).
   */
  static final int SMALL = 4 * JsonReport.BLOCK;

  /** Whether {@code r} is small enough to be held and encoded ahead. */
  static boolean small(FileResult r) {
    return r.conversations().size() < SMALL && r.findings().size() < SMALL;
  }

  private final ExecutorService pool;
  private final int window;
  private final Sink<T> sink;
  private final ArrayDeque<FutureTask<T>> inFlight = new ArrayDeque<>();

  /** With {@code pool} null, {@link #takes} never takes a file. */
  Ahead(ExecutorService pool, int window, Sink<T> sink) {
    this.pool = pool;
    this.window = window;
    this.sink = sink;
  }

  /** A reporter's: {@link #DEFAULT_WINDOW} files ahead on {@code encoders} (null: none). */
  static <T> Ahead<T> files(ExecutorService encoders, Sink<T> sink) {
    return new Ahead<>(encoders, DEFAULT_WINDOW, sink);
  }

  /** {@link #takes(boolean)} for a file that is {@link #small}. */
  boolean takes(FileResult r) throws IOException {
    return takes(small(r));
  }

  /**
   * Whether a file that can be held ({@code holdable}) is to be encoded ahead; when not, every file
   * in flight is handed to the sink first, so that the caller writes this one in its turn.
   */
  boolean takes(boolean holdable) throws IOException {
    if (pool != null && holdable) {
      return true;
    }
    drain();
    return false;
  }

  /**
   * Adds the encoding of {@code r}, {@link FileResult#detached detached}: the caller may release
   * {@code r} when this returns.
   */
  void add(FileResult r, Encoder<T> encoder) throws IOException {
    FileResult held = r.detached();
    add(() -> encoder.encode(held));
  }

  /** Whether items are in flight. */
  boolean pending() {
    return !inFlight.isEmpty();
  }

  /** Hands {@code work} to the pool; takes the oldest result when the window is full. */
  void add(Callable<T> work) throws IOException {
    FutureTask<T> task = new FutureTask<>(work);
    org.tcplint.check.Pools.offer(pool, task); // a pool shut down: done here in its turn
    inFlight.add(task);
    if (inFlight.size() > window) {
      sink.accept(take(inFlight.poll()));
    }
  }

  /** Takes every result in flight, in order. */
  void drain() throws IOException {
    while (!inFlight.isEmpty()) {
      sink.accept(take(inFlight.poll()));
    }
  }

  /** The task's result, running it here first if no thread has started it. */
  static <T> T take(FutureTask<T> f) throws IOException {
    return org.tcplint.check.Pools.take(f, "while writing the report");
  }
}
