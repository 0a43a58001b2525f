package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark numbers streams by their first frame; a capture checked in shards gets each shard's
 * streams ranked among all shards' by first frame.
 */
class RenumberingTest {
  @TempDir Path tmp;

  @AfterEach
  void restore() {
    SpillList.directory = null;
    LongBlocks.sizing = new int[] {LongBlocks.BLOCK, LongBlocks.HEAP_BLOCKS};
  }

  private static LongBlocks[] blocks(long[][] values) {
    return blocks(values, null);
  }

  private static LongBlocks[] blocks(long[][] values, RunStore store) {
    LongBlocks[] b = new LongBlocks[values.length];
    for (int k = 0; k < values.length; k++) {
      b[k] = new LongBlocks(store, 8, 2);
      for (long v : values[k]) {
        b[k].add(v);
      }
    }
    return b;
  }

  private static long[][] values(LongBlocks[] blocks) {
    long[][] v = new long[blocks.length][];
    for (int k = 0; k < blocks.length; k++) {
      v[k] = new long[(int) blocks[k].size()];
      for (int i = 0; i < v[k].length; i++) {
        v[k][i] = blocks[k].get(i);
      }
    }
    return v;
  }

  @Test
  void aStreamsNumberIsTheRankOfItsFirstFrameAmongAllShards() {
    long[][] firsts = {{2, 3, 10}, {}, {1, 7}, {4, 5, 6, 8}};
    long[][] global = values(Renumbering.ranks(blocks(firsts), null));
    assertArrayEquals(new long[] {1, 2, 8}, global[0]);
    assertArrayEquals(new long[] {}, global[1]);
    assertArrayEquals(new long[] {0, 6}, global[2]);
    assertArrayEquals(new long[] {3, 4, 5, 7}, global[3]);
  }

  @Test
  void thirtyTwoShardsOfRandomFramesAgreeWithSortingThemAll() throws IOException {
    SpillList.directory = tmp;
    LongBlocks.sizing = new int[] {8, 2};
    Random rnd = new Random(7);
    for (int round = 0; round < 50; round++) {
      int n = 1 + rnd.nextInt(32);
      long[] frames = rnd.longs(rnd.nextInt(3000), 1, 1_000_000).distinct().toArray();
      List<List<Long>> shards = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        shards.add(new ArrayList<>());
      }
      for (long f : frames) {
        shards.get(rnd.nextInt(n)).add(f);
      }
      long[][] firsts = new long[n][];
      for (int k = 0; k < n; k++) {
        firsts[k] = shards.get(k).stream().mapToLong(Long::longValue).sorted().toArray();
      }
      long[] all = frames.clone();
      Arrays.sort(all);
      // blocks of 8 longs, 2 on the heap: most numbers go through the temporary file
      RunStore store = new RunStore();
      LongBlocks[] input = blocks(firsts, store);
      LongBlocks[] ranked = Renumbering.ranks(input, store);
      long[][] global = values(ranked);
      for (int k = 0; k < n; k++) {
        for (int i = 0; i < firsts[k].length; i++) {
          assertEquals(Arrays.binarySearch(all, firsts[k][i]), global[k][i], "shard " + k);
        }
        input[k].close();
        ranked[k].close();
      }
      try (var files = Files.list(tmp)) {
        assertEquals(0, files.count(), "the temporary file goes with the last block");
      }
    }
  }
}
