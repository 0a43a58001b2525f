package org.tcplint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.rules.RuleLevels;

/** The benchmark's floor reads and decodes every record a check reads: the same counts. */
class ReadFloorTest {
  @TempDir Path dir;

  @Test
  void readsWhatACheckReads() throws Exception {
    Path trace = dir.resolve("trace.pcapng");
    TraceGenerator.generate(trace, 2L << 20, 3);
    FileResult r = new Checker(new RuleLevels()).check(trace, "x");
    long[] n = ReadFloor.scan(trace);
    assertEquals(r.packets(), n[0]);
    assertEquals(r.tcpSegments(), n[1]);
    assertEquals(n[0], n[1]); // the generator writes TCP only
    r.release();
  }
}
