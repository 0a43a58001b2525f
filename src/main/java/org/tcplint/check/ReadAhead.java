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

  private final Iterator<T> source;
  private final ToLongFunction<? super T> key;
  private final Executor pool;
  private Block block = new Block(new Object[0], new long[0]);
  private int pos;
  private FutureTask<Block> pending;

  /** Elements and their keys, computed by the thread that read them. */
  private record Block(Object[] values, long[] keys) {}

  /**
   * @param key the merge's sort key, computed when an element is read ({@link #key()})
   */
  ReadAhead(Iterator<T> source, ToLongFunction<? super T> key, Executor pool) {
    this.source = source;
    this.key = key;
    this.pool = pool;
    pending = schedule();
  }

  private FutureTask<Block> schedule() {
    FutureTask<Block> task = new FutureTask<>(this::read);
    try {
      pool.execute(task);
    } catch (RejectedExecutionException shutDown) {
      // read by the consumer when it needs the block
    }
    return task;
  }

  /** The next block; a short one is the last. */
  private Block read() {
    Object[] b = new Object[BLOCK];
    long[] k = new long[BLOCK];
    int n = 0;
    while (n < BLOCK && source.hasNext()) {
      T v = source.next();
      k[n] = key.applyAsLong(v);
      b[n++] = v;
    }
    return n == BLOCK ? new Block(b, k) : new Block(Arrays.copyOf(b, n), Arrays.copyOf(k, n));
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
    pending.run(); // a no-op when a pool thread has started it
    block = take(pending);
    pos = 0;
    pending = block.values.length == BLOCK ? schedule() : null;
    return block.values.length > 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T v = (T) block.values[pos];
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
