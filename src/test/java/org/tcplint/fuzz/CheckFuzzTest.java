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

  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
  void check(byte[] input) {
    FileResult r = CHECKER.check(input, "fuzz.pcapng");
    assertNotNull(r);
    r.severityCounts();
    r.release();
  }
}
