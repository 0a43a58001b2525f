package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** A check's progress must not depend on the pool running what it was given. */
class WorkListTest {
  /** A pool that takes tasks and never runs them: the waiting thread runs them, in order. */
  @Test
  void aPoolThatNeverRunsTheTasksDelaysNothing() {
    Executor asleep = mock(Executor.class);
    WorkList work = new WorkList(asleep);
    List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
    BlockingQueue<String> done = new ArrayBlockingQueue<>(1);
    CountDownLatch latch = new CountDownLatch(3);
    for (int i = 0; i < 3; i++) {
      int n = i;
      work.execute(
          () -> {
            ran.add(n);
            latch.countDown();
          });
    }
    work.execute(() -> done.add("last"));
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          work.await(latch);
          assertEquals("last", work.take(done));
        });
    assertEquals(List.of(0, 1, 2), ran);
    verify(asleep, times(4)).execute(any());
    assertFalse(work.runOne(), "each task ran once");
  }

  /** A pool that refuses work (shut down) likewise. */
  @Test
  void aRefusingPoolDelaysNothing() {
    Executor closed = mock(Executor.class);
    doThrow(new RejectedExecutionException("shut down")).when(closed).execute(any());
    WorkList work = new WorkList(closed);
    CountDownLatch latch = new CountDownLatch(1);
    work.execute(latch::countDown);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> work.await(latch));
  }

  /** A pool that runs the tasks: each runs once, whoever takes it first. */
  @Test
  void eachTaskRunsOnce() throws Exception {
    java.util.concurrent.ExecutorService pool = Pools.daemon(2);
    try {
      WorkList work = new WorkList(pool);
      java.util.concurrent.atomic.AtomicInteger runs =
          new java.util.concurrent.atomic.AtomicInteger();
      CountDownLatch latch = new CountDownLatch(1000);
      for (int i = 0; i < 1000; i++) {
        work.execute(
            () -> {
              runs.incrementAndGet();
              latch.countDown();
            });
      }
      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> work.await(latch));
      Thread.sleep(50); // runnables still queued in the pool find nothing left
      assertEquals(1000, runs.get());
    } finally {
      pool.shutdownNow();
    }
  }
}
