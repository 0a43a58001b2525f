package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.bench.TraceGenerator;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.Settings;

/** A SYN flood fills the table up to its cap; the rest is counted and reported once. */
class FloodTest {
  @TempDir Path dir;

  @Test
  void synFloodBeyondTheCapIsReportedOnceWithCounts() throws Exception {
    Path flood = dir.resolve("flood.pcapng");
    TraceGenerator.synFlood(flood, 5000, 1);
    Settings small = new Settings(-1, 60_000_000_000L, 5_000_000_000L, 300_000_000_000L, 1000);
    FileResult r = new Checker(new RuleLevels(), small).check(flood, "flood");
    List<Finding> full =
        r.findings().stream().filter(f -> f.rule().equals("capture.flow-table-full")).toList();
    assertEquals(1, full.size());
    assertEquals(1001, full.get(0).frame());
    assertTrue(full.get(0).message().contains("4000 segments (4000 SYNs)"), full.get(0).message());
    assertEquals(1000, r.conversations().size());
    assertEquals(5000, r.packets());
  }

  @Test
  void idleOpenConversationsAreFreedAndTheirStreamsReported() throws Exception {
    Path flood = dir.resolve("slow.pcapng");
    TraceGenerator.synFlood(flood, 70_000, 2);
    // 1 µs apart: with a 10 ms idle timeout, early SYNs are freed while the flood goes on.
    Settings quick = new Settings(-1, 60_000_000_000L, 5_000_000_000L, 10_000_000L, 2000);
    FileResult r = new Checker(new RuleLevels(), quick).check(flood, "slow");
    assertTrue(Files.size(flood) > 0);
    assertTrue(
        r.conversations().size() > 2000, "freed slots were reused: " + r.conversations().size());
  }
}
