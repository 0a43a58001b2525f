package org.tcplint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.check.Checker;
import org.tcplint.check.ConversationSummary;
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

  /**
   * A few long transfers, each opened by a three-way handshake and closed by FIN, FIN+ACK, ACK (RFC
   * 9293 §3.6), one of them across the 32-bit sequence wrap: no finding but the close's own.
   */
  @Test
  void bulkTransfersAreFewLongConversationsThatCloseGracefully() throws Exception {
    Path trace = dir.resolve("bulk.pcapng");
    TraceGenerator.bulk(trace, 6L << 20, 3, 9);
    FileResult r = new Checker(new RuleLevels()).check(trace, "x");
    assertEquals(3, r.conversations().size());
    long bytes = 0;
    for (ConversationSummary c : r.conversations()) {
      assertEquals("three-way", c.open(), c.toString());
      assertEquals("three-way", c.close(), c.toString());
      assertEquals("SF", c.connState(), c.toString());
      bytes += c.bytes();
    }
    assertTrue(bytes > 5L << 20, "bytes: " + bytes);
    List<String> rules = r.findings().stream().map(Finding::rule).distinct().toList();
    assertEquals(List.of("close.graceful-3way"), rules);
    assertEquals(3, r.findings().size());
    r.release();
    assertThrows(IllegalArgumentException.class, () -> TraceGenerator.bulk(trace, 1 << 20, 0, 9));
  }
}
