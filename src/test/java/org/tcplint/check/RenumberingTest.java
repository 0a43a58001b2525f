package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Wireshark numbers streams by their first frame; a capture checked in shards gets each shard's
 * streams ranked among all shards' by first frame.
 */
class RenumberingTest {
  @Test
  void aStreamsNumberIsTheRankOfItsFirstFrameAmongAllShards() {
    long[][] firsts = {{2, 3, 10, 0, 0}, {}, {1, 7}, {4, 5, 6, 8}};
    int[] counts = {3, 0, 2, 4}; // the first array has room beyond its streams
    int[][] global = Renumbering.ranks(firsts, counts);
    assertArrayEquals(new int[] {1, 2, 8}, global[0]);
    assertArrayEquals(new int[] {}, global[1]);
    assertArrayEquals(new int[] {0, 6}, global[2]);
    assertArrayEquals(new int[] {3, 4, 5, 7}, global[3]);
  }

  @Test
  void thirtyTwoShardsOfRandomFramesAgreeWithSortingThemAll() {
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
      int[] counts = new int[n];
      for (int k = 0; k < n; k++) {
        firsts[k] = shards.get(k).stream().mapToLong(Long::longValue).sorted().toArray();
        counts[k] = firsts[k].length;
      }
      long[] all = frames.clone();
      Arrays.sort(all);
      int[][] global = Renumbering.ranks(firsts, counts);
      for (int k = 0; k < n; k++) {
        for (int i = 0; i < counts[k]; i++) {
          assertEquals(Arrays.binarySearch(all, firsts[k][i]), global[k][i], "shard " + k);
        }
      }
    }
  }
}
