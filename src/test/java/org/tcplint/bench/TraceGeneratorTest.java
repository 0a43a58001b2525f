package org.tcplint.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleLevels;

/**
 * The benchmark trace is realistic where every segment is checked: right checksums, timestamps
 * echoed as RFC 7323 has them, no ECN. Otherwise a benchmark would measure findings on every
 * segment.
 */
class TraceGeneratorTest {
  @TempDir Path dir;

  @Test
  void segmentsCarryRightChecksumsAndTimestamps() throws Exception {
    Path trace = dir.resolve("trace.pcapng");
    TraceGenerator.generate(trace, 2L << 20, 5);
    FileResult r = new Checker(new RuleLevels()).check(trace, "x");
    List<Finding> wrong =
        r.findings().stream()
            .filter(
                f ->
                    f.rule().contains("checksum")
                        || f.rule().startsWith("ts.")
                        || f.rule().startsWith("ecn.")
                        || f.rule().startsWith("opt.sack"))
            .toList();
    assertTrue(wrong.isEmpty(), wrong.toString());
    r.release();
  }
}
