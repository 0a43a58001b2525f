package org.tcplint.check;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Tasks of one check handed to the pool, which the check's own waiting thread runs too: a task is
 * queued here and the pool is given a runnable that takes the oldest queued task, so whichever
 * comes first, a pool thread or the waiting thread, runs it, once. A check then never depends on
 * the pool waking an idle thread for its progress (a fork-join pool that missed a wake-up left a
 * check's tasks queued until an idle thread's keep-alive ran out, a minute later).
 */
final class WorkList {
  /** How long a waiting thread sleeps between looks at the queue. */
  private static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final Executor pool;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

  WorkList(Executor pool) {
    this.pool = pool;
  }

  /**
   * Queues {@code task} for the pool and for the threads waiting in {@link #take}/{@link #await}.
   */
  void execute(Runnable task) {
    tasks.add(task);
    try {
      pool.execute(this::runOne);
    } catch (RejectedExecutionException shutDown) {
      // run by the thread that waits for it
    }
  }

  /** Runs the oldest queued task here; false when there was none. */
  boolean runOne() {
    Runnable task = tasks.poll();
    if (task == null) {
      return false;
    }
    task.run();
    return true;
  }

  /**
   * CPU time the threads waiting in {@link #take} spent running queued tasks: work the pool would
   * otherwise have done, not the waiting thread's own (its serial part, {@link
   * FileCheck#READ_NANOS}, leaves it out).
   */
  long helpedNanos;

  /** Takes from {@code q}, running queued tasks while it is empty. */
  <T> T take(BlockingQueue<T> q) {
    while (true) {
      T t = q.poll();
      if (t != null) {
        return t;
      }
      long c0 = FileCheck.cpuNanos();
      boolean ran = runOne();
      if (ran) {
        helpedNanos += FileCheck.cpuNanos() - c0;
      } else {
        t = Pools.poll(q, NAP_NANOS);
        if (t != null) {
          return t;
        }
      }
    }
  }

  /** Waits for {@code latch}, running queued tasks meanwhile. */
  void await(CountDownLatch latch) {
    while (latch.getCount() > 0) {
      if (!runOne()) {
        Pools.await(latch, NAP_NANOS);
      }
    }
  }
}
