package org.tcplint.check;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool a run's checks share: one pool of daemon threads (a run never waits on them to end)
 * serves whole small files, a big file's reading thread, its chunks and its partitions alike. A
 * task that must wait (a big file's reader waiting for a free chunk, or for its chunks to be
 * checked) runs its check's queued tasks itself ({@link WorkList}), so no check can starve another
 * of threads; when the pool given is a fork-join pool, it waits through {@link
 * ForkJoinPool#managedBlock}, so that the pool keeps its number of working threads meanwhile.
 */
public final class Pools {
  private Pools() {}

  /**
   * A pool of {@code n} working daemon threads named {@code tcplint-N}, taking tasks from one queue
   * in the order they came. Not a fork-join pool: a task handed to it from outside while its
   * threads were busy sometimes stayed queued while a thread was idle (with two threads, an archive
   * of small files was checked at times by one thread and a half), where a queue's waiting thread
   * is always woken.
   */
  public static ExecutorService daemon(int n) {
    AtomicInteger count = new AtomicInteger();
    return new java.util.concurrent.ThreadPoolExecutor(
        n,
        n,
        0,
        java.util.concurrent.TimeUnit.NANOSECONDS,
        new java.util.concurrent.LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "tcplint-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Takes from {@code q}, waiting at most {@code nanos}, letting the pool run other work meanwhile
   * when called in it; null when nothing came.
   */
  static <T> T poll(BlockingQueue<T> q, long nanos) {
    class Poller implements ForkJoinPool.ManagedBlocker {
      T item;

      @Override
      public boolean block() throws InterruptedException {
        if (item == null) {
          item = q.poll(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        return true;
      }

      @Override
      public boolean isReleasable() {
        return item != null || (item = q.poll()) != null;
      }
    }
    Poller p = new Poller();
    block(p);
    return p.item;
  }

  /** Waits for {@code l} at most {@code nanos}, letting the pool run other work meanwhile. */
  static void await(CountDownLatch l, long nanos) {
    block(
        new ForkJoinPool.ManagedBlocker() {
          @Override
          public boolean block() throws InterruptedException {
            l.await(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            return true;
          }

          @Override
          public boolean isReleasable() {
            return l.getCount() == 0;
          }
        });
  }

  private static void block(ForkJoinPool.ManagedBlocker b) {
    try {
      ForkJoinPool.managedBlock(b);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking", e);
    }
  }

  /**
   * The result of {@code task}, run here first if no pool thread has started it (a pool that is
   * busy, shut down or never runs anything does not hold the caller up); its failure rethrown as it
   * was, an {@link IOException} included. Interrupted while waiting: an {@link
   * java.io.InterruptedIOException} saying {@code while}.
   */
  public static <T> T take(java.util.concurrent.FutureTask<T> task, String while_)
      throws java.io.IOException {
    task.run();
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted " + while_);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof java.io.IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Hands {@code task} to {@code pool}; a pool that is shut down leaves it to the caller, who runs
   * it when it {@link #take takes} it.
   */
  public static void offer(java.util.concurrent.Executor pool, Runnable task) {
    try {
      pool.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException shutDown) {
      // run by the caller in its turn
    }
  }
}
