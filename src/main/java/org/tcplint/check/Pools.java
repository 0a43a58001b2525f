package org.tcplint.check;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread pools of daemon threads: a run never waits on them to end. */
public final class Pools {
  private Pools() {}

  /** A pool of {@code n} daemon threads named {@code tcplint-N}. */
  public static ExecutorService daemon(int n) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(
        n,
        r -> {
          Thread t = new Thread(r, "tcplint-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }
}
