package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.bench.TraceGenerator;
import org.tcplint.report.ReportOptions;
import org.tcplint.rules.RuleLevels;

/** The run's pool, and the report's encoders on a pool that is busy or never runs them. */
class PoolsTest {
  @TempDir Path dir;

  /**
   * Two tasks handed in from outside, one after the other, run at the same time on a pool of two:
   * each waits for the other at a barrier, which times out when one of them sits queued while a
   * thread idles (as a fork-join pool's missed wake-up did, now and then).
   */
  @Test
  void tasksHandedInFromOutsideRunOnEveryThread() throws Exception {
    ExecutorService pool = Pools.daemon(2);
    try {
      for (int round = 0; round < 300; round++) {
        CyclicBarrier both = new CyclicBarrier(2);
        Future<?> a = pool.submit(() -> both.await(5, TimeUnit.SECONDS));
        Future<?> b = pool.submit(() -> both.await(5, TimeUnit.SECONDS));
        a.get(10, TimeUnit.SECONDS); // a timed-out barrier fails both
        b.get(10, TimeUnit.SECONDS);
      }
      Thread[] seen = new Thread[1];
      pool.submit(() -> seen[0] = Thread.currentThread()).get();
      assertTrue(seen[0].isDaemon(), "a run never waits for the pool's threads to end");
      assertTrue(seen[0].getName().startsWith("tcplint-"), seen[0].getName());
    } finally {
      pool.shutdownNow();
    }
  }

  private static String json(org.tcplint.check.FileResult r, ExecutorService encoders)
      throws Exception {
    return org.tcplint.testing.Reports.of(
        "json", r, new ReportOptions("test", null, false, false, encoders));
  }

  /**
   * The JSON report of a big file is encoded in blocks on the pool; when the pool never runs them
   * (busy with other files, or shut down), the writing thread encodes them itself: the same report,
   * without waiting.
   */
  @Test
  void aReportsBlocksThatNoThreadStartedAreEncodedByItsWriter() throws Exception {
    Path trace = dir.resolve("t.pcapng");
    TraceGenerator.synFlood(trace, 6000, 7); // a conversation each
    org.tcplint.check.FileResult r = new Checker(new RuleLevels()).check(trace, "t.pcapng");
    assertTrue(r.conversations().size() > 4 * 1024, "enough conversations to encode in blocks");
    String expected = json(r, null);
    ExecutorService asleep = mock(ExecutorService.class);
    // (before, the writer waited on such a block for ever)
    String got = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> json(r, asleep));
    verify(asleep, atLeastOnce()).execute(any());
    assertEquals(expected, got);
    ExecutorService shut = Pools.daemon(1);
    shut.shutdown();
    assertEquals(expected, json(r, shut));
    r.release();
  }
}
