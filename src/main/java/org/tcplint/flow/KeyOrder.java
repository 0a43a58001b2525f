package org.tcplint.flow;

/**
 * A stable sort by long keys that returns the permutation instead of moving the elements: the flow
 * table's stream order and the spill lists' order of conversations and findings both use it. It
 * compares primitives only (no comparator, no generic code), so the JIT compiler compiles it once,
 * and quickly, for every caller.
 */
public final class KeyOrder {
  private static final int RUN = 32;

  private KeyOrder() {}

  /**
   * The indexes {@code 0..n-1} ordered by {@code keys[index]}, equal keys in index order: a
   * bottom-up merge sort over insertion-sorted runs of 32 that skips a merge whose halves are
   * already in order, so nearly sorted keys cost little more than one pass.
   */
  public static int[] of(long[] keys, int n) {
    int[] a = new int[n];
    for (int lo = 0; lo < n; lo += RUN) {
      insertionSort(keys, a, lo, Math.min(n, lo + RUN));
    }
    int[] b = n > RUN ? new int[n] : a;
    for (int width = RUN; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        merge(keys, a, b, lo, Math.min(n, lo + width), Math.min(n, lo + 2 * width));
      }
      int[] t = a;
      a = b;
      b = t;
    }
    return a;
  }

  /**
   * The {@code k}-th smallest of {@code a[0, n)} (from 0), reordering them: Hoare's selection,
   * which partitions around the median of three and keeps only the part that holds {@code k}, in
   * linear time on average; after 64 rounds (keys ordered against the medians) the part left is
   * sorted, so no order of keys takes more than {@code n log n}.
   */
  public static long select(long[] a, int n, int k) {
    return select(a, n, k, 64);
  }

  /** {@link #select} that sorts what is left after {@code rounds} rounds. */
  static long select(long[] a, int n, int k, int rounds) {
    if (k < 0 || k >= n) {
      throw new IndexOutOfBoundsException("k " + k + " of " + n);
    }
    int lo = 0;
    int hi = n - 1;
    for (int round = 0; lo < hi; round++) {
      if (round == rounds) {
        java.util.Arrays.sort(a, lo, hi + 1);
        break;
      }
      int mid = (lo + hi) >>> 1;
      long x = a[lo];
      long y = a[mid];
      long z = a[hi];
      long pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = a[i];
          a[i++] = a[j];
          a[j--] = t;
        }
      }
      // a[lo, j] <= pivot, a[i, hi] >= pivot, and anything between equals it.
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  /** Fills {@code a[lo, hi)} with the indexes {@code lo..hi-1} in key order. */
  private static void insertionSort(long[] keys, int[] a, int lo, int hi) {
    for (int i = lo; i < hi; i++) {
      long k = keys[i];
      int j = i - 1;
      while (j >= lo && keys[a[j]] > k) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = i;
    }
  }

  /** Merges the sorted {@code a[lo, mid)} and {@code a[mid, hi)} into {@code b[lo, hi)}. */
  private static void merge(long[] keys, int[] a, int[] b, int lo, int mid, int hi) {
    if (mid >= hi || keys[a[mid - 1]] <= keys[a[mid]]) {
      System.arraycopy(a, lo, b, lo, hi - lo); // already in order
      return;
    }
    int i = lo;
    int j = mid;
    for (int o = lo; o < hi; o++) {
      if (j >= hi || (i < mid && keys[a[i]] <= keys[a[j]])) {
        b[o] = a[i++];
      } else {
        b[o] = a[j++];
      }
    }
  }
}
