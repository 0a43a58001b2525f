package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A list of one long per stream whose blocks beyond a few go to the check's temporary file. */
class LongBlocksTest {
  @TempDir Path tmp;

  @AfterEach
  void restore() {
    SpillList.directory = null;
    SpillListTest.realDisk();
  }

  private static long value(long i) {
    return 3 * i + (i * i % 7); // increasing, as first frames are
  }

  private static long files(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.count();
    }
  }

  /** A list of {@code n} values whose blocks beyond the heap's go to a file in {@link #tmp}. */
  private LongBlocks inFile(int block, int heapBlocks, long n) {
    SpillList.directory = tmp;
    LongBlocks l = new LongBlocks(new RunStore(), block, heapBlocks);
    for (long i = 0; i < n; i++) {
      l.add(value(i));
    }
    return l;
  }

  @Test
  void blocksBeyondTheHeapsGoToTheFileAndReadBackInAnyOrder() throws Exception {
    LongBlocks l = inFile(8, 2, 1001);
    assertEquals(1001, l.size());
    assertEquals(125 - 2, l.blocksInFile()); // 125 full blocks, two on the heap; one partial
    assertEquals(2, l.blocksOnHeap());
    assertEquals(1, files(tmp));
    for (long i = 0; i < 1001; i++) {
      assertEquals(value(i), l.get(i), "in order, " + i);
    }
    Random rnd = new Random(3);
    for (int n = 0; n < 5000; n++) {
      long i = rnd.nextInt(1001);
      assertEquals(value(i), l.get(i), "at random, " + i);
    }
    l.close();
    assertEquals(0, files(tmp), "the file goes with the last block");
  }

  @Test
  void threadsReadTheSameListAtOnce() throws Exception {
    LongBlocks l = inFile(16, 1, 20_000);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Long>> wrong = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        wrong.add(
            pool.submit(
                () -> {
                  Random rnd = new Random(seed);
                  long bad = 0;
                  for (int n = 0; n < 50_000; n++) {
                    long i = rnd.nextInt(20_000);
                    if (l.get(i) != value(i)) {
                      bad++;
                    }
                  }
                  return bad;
                }));
      }
      for (Future<Long> f : wrong) {
        assertEquals(0L, f.get());
      }
    } finally {
      pool.shutdown();
    }
    l.close();
    assertEquals(0, files(tmp));
  }

  @Test
  void withoutAStoreOrAWritableDirectoryEverythingStaysOnTheHeap() throws Exception {
    LongBlocks none = new LongBlocks(null, 4, 1);
    SpillList.directory = tmp.resolve("no-such-directory");
    LongBlocks refused = new LongBlocks(new RunStore(), 4, 1);
    for (long i = 0; i < 100; i++) {
      none.add(value(i));
      refused.add(value(i));
    }
    assertEquals(0, none.blocksInFile());
    assertEquals(0, refused.blocksInFile());
    for (long i = 0; i < 100; i++) {
      assertEquals(value(i), none.get(i));
      assertEquals(value(i), refused.get(i));
    }
  }

  @Test
  void aFullDiskKeepsTheRestOnTheHeap() throws Exception {
    SpillListTest.diskOf(3 * 8 * 4); // three blocks of four longs fit
    LongBlocks l = inFile(4, 0, 40);
    assertEquals(3, l.blocksInFile());
    for (long i = 0; i < 40; i++) {
      assertEquals(value(i), l.get(i));
    }
    l.close();
  }

  @Test
  void aTrimmedListReadsTheSameAndTakesMore() {
    LongBlocks l = new LongBlocks(null, 256, 4);
    for (long i = 0; i < 300; i++) {
      l.add(value(i));
    }
    l.trim();
    for (long i = 0; i < 300; i++) {
      assertEquals(value(i), l.get(i));
    }
    LongBlocks empty = new LongBlocks(null, 256, 4);
    empty.trim();
    for (long i = 0; i < 300; i++) {
      empty.add(value(i));
    }
    assertEquals(300, empty.size());
    assertEquals(value(299), empty.get(299));
  }

  @Test
  void aBlockWhoseFileIsGoneIsATemporaryFileError() throws Exception {
    LongBlocks l = inFile(4, 1, 40);
    assertEquals(value(3), l.get(3), "on the heap");
    try (var files = Files.list(tmp)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    TemporaryFileException e = assertThrows(TemporaryFileException.class, () -> l.get(20));
    assertTrue(e.getMessage().startsWith("cannot read a temporary file in "), e.getMessage());
    assertEquals(value(39), l.get(39), "the last block, on the heap");
  }

  @Test
  void aBlockSizeMustBeAPowerOfTwo() {
    assertThrows(IllegalArgumentException.class, () -> new LongBlocks(null, 6, 1));
  }
}
