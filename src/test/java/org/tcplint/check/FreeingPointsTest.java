package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.Settings;

/**
 * The capture times of a check's freeing points (one per {@link FileCheck#TICK} TCP segments),
 * which a partition without segments for a while reads back long after they were noted: beyond a
 * few blocks they are kept in the check's temporary file, so that a long capture does not hold them
 * all on the heap.
 */
class FreeingPointsTest {
  @TempDir Path tmp;

  @AfterEach
  void restore() {
    LongBlocks.sizing = new int[] {LongBlocks.BLOCK, LongBlocks.HEAP_BLOCKS};
    SpillList.directory = null;
  }

  @Test
  void timesNotedLongAgoReadBackFromTheFileAndGoWithTheCheck() throws IOException {
    LongBlocks.sizing = new int[] {4, 2};
    SpillList.directory = tmp;
    FileCheck fc = new FileCheck(new RuleLevels(), Settings.DEFAULTS, 1 << 14, null, 32);
    long base = 1_700_000_000_000_000_000L;
    for (int t = 1; t <= 1000; t++) {
      fc.addTick(base + 1_000_003L * t);
    }
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count(), "blocks beyond the heap's in the file");
    }
    Random rnd = new Random(5);
    for (int n = 0; n < 3000; n++) {
      long t = 1 + rnd.nextInt(1000);
      assertEquals(base + 1_000_003L * t, fc.tickTime(t), "freeing point " + t);
    }
    fc.finish(null); // every partition passes every point: the times are given up
    try (var files = Files.list(tmp)) {
      assertEquals(List.of(), files.toList());
    }
  }
}
