package org.tcplint.check;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.ToLongFunction;

/**
 * An iterator whose next block of elements is read on a pool while this block is consumed: a
 * partition's results (read back from temporary files, decoded, renumbered) are taken off the
 * thread that merges the partitions and writes the report, which then only compares keys.
 *
 * <p>One block is read at a time, in order, so the source iterator is never used by two threads at
 * once. A block no pool thread has started yet is read by the consumer itself when it needs it: a
 * busy or shut-down pool delays nothing and cannot deadlock.
 */
final class ReadAhead<T> implements Iterator<T> {
  /** Elements per block: two blocks per partition are held at a time. */
  static final int BLOCK = 256;

  /**
   * Elements per block when they are encoded too: three blocks' bytes per partition are held (the
   * one read, the one taken, and the one before, whose last element may not be copied yet).
   */
  static final int ENCODED_BLOCK = 64;

  /**
   * CPU time, over all read-aheads of this process, that consumers spent reading (and encoding)
   * blocks themselves because no pool thread had started them: the pool's work, done by the merging
   * thread (for the serial fraction of {@code bench/run.sh}).
   */
  static final java.util.concurrent.atomic.LongAdder HELPED_NANOS =
      new java.util.concurrent.atomic.LongAdder();

  private final Iterator<T> source;
  private final ToLongFunction<? super T> key;
  private final Executor pool;
  private final EncodedElements.Encoder<T> encoder;
  private final int size;
  private Block block = new Block(new Object[0], new long[0], null, null);
  private int pos;
  private Read pending;

  /** The bytes of the blocks taken before the current one, to be written over (encoded only). */
  private byte[] retired;

  /** Where the bytes of the element {@link #next()} returned last are (encoded only). */
  byte[] lastBytes;

  int lastFrom;
  int lastTo;

  /**
   * Elements and their keys, computed by the thread that read them, and their bytes when encoded.
   */
  private record Block(Object[] values, long[] keys, byte[] bytes, int[] ends) {}

  /**
   * @param key the merge's sort key, computed when an element is read ({@link #key()})
   */
  ReadAhead(Iterator<T> source, ToLongFunction<? super T> key, Executor pool) {
    this(source, key, pool, null);
  }

  /**
   * @param encoder encodes each block on the thread that read it (null: elements only)
   */
  ReadAhead(
      Iterator<T> source,
      ToLongFunction<? super T> key,
      Executor pool,
      EncodedElements.Encoder<T> encoder) {
    this.source = source;
    this.key = key;
    this.pool = pool;
    this.encoder = encoder;
    this.size = encoder == null ? BLOCK : ENCODED_BLOCK;
    pending = schedule(null);
  }

  /** A block's reading, run by a pool thread or, when none has started it, by the consumer. */
  private final class Read extends FutureTask<Block> {
    private final java.util.concurrent.atomic.AtomicBoolean claimed =
        new java.util.concurrent.atomic.AtomicBoolean();

    Read(byte[] spare) {
      super(() -> read(spare));
    }

    @Override
    public void run() {
      if (claimed.compareAndSet(false, true)) {
        super.run();
      }
    }

    /**
     * Runs it on the consumer's thread unless a pool thread has started it; its CPU time counted.
     */
    void runHere() {
      if (claimed.compareAndSet(false, true)) {
        long c0 = FileCheck.cpuNanos();
        super.run();
        HELPED_NANOS.add(FileCheck.cpuNanos() - c0);
      }
    }
  }

  private Read schedule(byte[] spare) {
    Read task = new Read(spare);
    try {
      pool.execute(task);
    } catch (RejectedExecutionException shutDown) {
      // read by the consumer when it needs the block
    }
    return task;
  }

  /** The next block, encoded into {@code spare} when it serves; a short one is the last. */
  private Block read(byte[] spare) throws java.io.IOException {
    Object[] b = new Object[size];
    long[] k = new long[size];
    int n = 0;
    while (n < size && source.hasNext()) {
      T v = source.next();
      k[n] = key.applyAsLong(v);
      b[n++] = v;
    }
    if (n < size) {
      b = Arrays.copyOf(b, n);
      k = Arrays.copyOf(k, n);
    }
    if (encoder == null) {
      return new Block(b, k, null, null);
    }
    int[] ends = new int[n];
    return new Block(b, k, encoder.encode(b, n, ends, spare), ends);
  }

  /**
   * The key of the element {@link #next()} returns (which must exist): the merging thread compares
   * keys without reading the elements, which another thread wrote.
   */
  long key() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return block.keys[pos];
  }

  @Override
  public boolean hasNext() {
    if (pos < block.values.length) {
      return true;
    }
    if (pending == null) {
      return false;
    }
    pending.runHere(); // a no-op when a pool thread has started it
    byte[] free = retired; // every element of the block before the last one was copied
    retired = block.bytes;
    block = take(pending);
    pos = 0;
    pending = block.values.length == size ? schedule(free) : null;
    return block.values.length > 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T v = (T) block.values[pos];
    if (block.bytes != null) {
      lastBytes = block.bytes;
      lastFrom = pos == 0 ? 0 : block.ends[pos - 1];
      lastTo = block.ends[pos];
    }
    block.values[pos++] = null;
    return v;
  }

  private static Block take(FutureTask<Block> task) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true; // the block is being read: wait for it, then pass the interrupt on
        } catch (ExecutionException e) {
          FileCheck.rethrow(e.getCause());
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
