package org.tcplint.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyOrderTest {
  /** The expected permutation, from the JDK's stable sort of boxed indexes. */
  private static int[] expected(long[] keys, int n) {
    return IntStream.range(0, n)
        .boxed()
        .sorted(Comparator.comparingLong(i -> keys[i]))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  @Test
  void ordersByKeyAndKeepsEqualKeysInIndexOrder() {
    Random r = new Random(5);
    for (int n : new int[] {0, 1, 2, 31, 32, 33, 63, 64, 65, 100, 1000, 4097}) {
      long[][] inputs = new long[4][n];
      for (int i = 0; i < n; i++) {
        inputs[0][i] = r.nextInt(20) - 10; // many ties, negative keys
        inputs[1][i] = i + (r.nextInt(8) == 0 ? -r.nextInt(50) : 0); // nearly sorted
        inputs[2][i] = n - i / 2; // descending pairs
        inputs[3][i] = r.nextLong(); // full range
      }
      for (long[] keys : inputs) {
        long[] copy = keys.clone();
        assertArrayEquals(expected(keys, n), KeyOrder.of(keys, n), "n " + n);
        assertArrayEquals(copy, keys, "keys are not moved");
      }
    }
  }

  @Test
  void sortsOnlyTheFirstNKeys() {
    long[] keys = {5, 3, 9, 1, 0, -7};
    assertArrayEquals(new int[] {1, 0, 2}, KeyOrder.of(keys, 3));
  }

  @Test
  void selectsTheKthSmallestWhateverTheOrderAndAfterAnyNumberOfRounds() {
    Random r = new Random(11);
    for (int n : new int[] {1, 2, 3, 5, 31, 100, 1000, 10_000}) {
      long[][] inputs = new long[7][n];
      for (int i = 0; i < n; i++) {
        inputs[0][i] = r.nextInt(5); // many ties
        inputs[1][i] = i; // ascending
        inputs[2][i] = n - i; // descending
        inputs[3][i] = r.nextLong(); // full range
        inputs[4][i] = 42; // all equal
        inputs[5][i] = i < n / 2 ? i : n - i; // organ pipe
        inputs[6][i] = i % 7 == 0 ? Long.MIN_VALUE : i % 11 == 0 ? Long.MAX_VALUE : i % 13;
      }
      for (long[] in : inputs) {
        long[] sorted = in.clone();
        java.util.Arrays.sort(sorted);
        for (int k : new int[] {0, n / 4, n / 2, n - n / 4 - 1, n - 1}) {
          for (int rounds : new int[] {0, 1, 2, 64}) {
            long[] a = in.clone();
            long got = KeyOrder.select(a, n, k, rounds);
            org.junit.jupiter.api.Assertions.assertEquals(
                sorted[k], got, "n " + n + ", k " + k + ", rounds " + rounds);
            long[] same = a.clone();
            java.util.Arrays.sort(same);
            assertArrayEquals(sorted, same, "reordered, not changed"); // a permutation
          }
        }
      }
    }
    // Only the first n keys count.
    org.junit.jupiter.api.Assertions.assertEquals(
        3, KeyOrder.select(new long[] {5, 3, 9, 1, 0}, 3, 0));
    org.junit.jupiter.api.Assertions.assertThrows(
        IndexOutOfBoundsException.class, () -> KeyOrder.select(new long[] {1, 2}, 2, 2));
  }
}
