package org.tcplint.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.rules.RuleLevels;

/**
 * Fuzz target for the whole check of one capture: reading, decompression, decoding, conversation
 * tracking and every rule. Damage must end as findings (capture.malformed, decode.malformed, ...)
 * in a normal result; any exception, {@link Error} or hang fails the target.
 */
class CheckFuzzTest {
  private static final Checker CHECKER = new Checker(new RuleLevels());

  private static final java.util.concurrent.ExecutorService POOL =
      org.tcplint.check.Pools.daemon(2);

  /**
   * The same capture read on 2 threads in chunks of 1 to 256 bytes (the last input byte) must give
   * the same report as on one thread, whatever the damage and wherever it falls in a chunk.
   */
  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
  void parallel(byte[] input) {
    if (input.length < 2) {
      return;
    }
    int chunk = 1 + (input[input.length - 1] & 0xFF);
    byte[] capture = java.util.Arrays.copyOf(input, input.length - 1);
    FileResult one = CHECKER.check(capture, "fuzz.pcapng");
    FileResult two =
        new Checker(new RuleLevels())
            .threads(2, POOL)
            .splitting(0, chunk)
            .check(capture, "fuzz.pcapng");
    org.junit.jupiter.api.Assertions.assertEquals(
        org.tcplint.report.JsonReport.fileJson(one),
        org.tcplint.report.JsonReport.fileJson(two),
        "chunks of " + chunk);
    one.release();
    two.release();
  }

  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
  void check(byte[] input) {
    FileResult r = CHECKER.check(input, "fuzz.pcapng");
    assertNotNull(r);
    r.severityCounts();
    r.release();
  }
}
