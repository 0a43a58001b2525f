package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.tcplint.check.SpillListTest.Item;

/**
 * Merged lists read back on a pool hand each element's bytes, encoded by the thread that read it,
 * to the merging thread in the merged order: the same elements, in the same order, as the plain
 * iteration, also when the encoder writes over the buffers it is given back.
 */
class EncodedElementsTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  /** Three lists with shared keys (ties go to the earlier list), one spilled in many runs. */
  private static MergedList<Item> lists(java.util.concurrent.Executor readers) {
    List<SpillList<Item>> lists = new ArrayList<>();
    List<UnaryOperator<Item>> maps = new ArrayList<>();
    int[] limits = {1 << 20, 100, 7};
    for (int l = 0; l < 3; l++) {
      SpillList<Item> s =
          new SpillList<>(SpillListTest.CODEC, SpillListTest.BY_KEY, null, limits[l]);
      for (int i = 0; i < 1_500 + 100 * l; i++) {
        s.add(new Item(i * (l + 1) / 2, 1_000_000 * l + i)); // keys repeat within and across lists
      }
      lists.add(s);
      // a renumbering of the second list, as partitions' stream numbers are mapped
      maps.add(l == 1 ? v -> new Item(v.key(), v.seq() + 1) : null);
    }
    return new MergedList<>(lists, maps, SpillListTest.BY_KEY, readers);
  }

  private static String text(Item v) {
    return v.key() + ":" + v.seq() + ";";
  }

  /**
   * Writes each element as {@code key:seq;}; a buffer given back is first filled with '#', so that
   * bytes handed on before they were copied would show.
   */
  private static EncodedElements.Encoder<Item> encoder(AtomicInteger reused) {
    return (values, n, ends, spare) -> {
      byte[] out = spare;
      if (out == null) {
        out = new byte[64];
      } else {
        reused.incrementAndGet();
        Arrays.fill(out, (byte) '#');
      }
      int pos = 0;
      for (int i = 0; i < n; i++) {
        byte[] b = text((Item) values[i]).getBytes(StandardCharsets.US_ASCII);
        if (pos + b.length > out.length) {
          out = Arrays.copyOf(out, 2 * (pos + b.length));
        }
        System.arraycopy(b, 0, out, pos, b.length);
        pos += b.length;
        ends[i] = pos;
      }
      return out;
    };
  }

  @Test
  void theBytesFollowTheMergedOrder() throws Exception {
    try (MergedList<Item> merged = lists(POOL)) {
      assertTrue(merged.encodedAhead());
      assertTrue(merged.runs() > 10, "the last lists spilled: " + merged.runs());
      StringBuilder expected = new StringBuilder();
      for (Item v : merged) {
        expected.append(text(v));
      }
      StringBuilder got = new StringBuilder();
      AtomicInteger reused = new AtomicInteger();
      merged.forEachEncoded(
          encoder(reused),
          (b, from, to) -> got.append(new String(b, from, to - from, StandardCharsets.US_ASCII)));
      assertSameText(expected, got);
      assertEquals(4_800, expected.toString().split(";").length);
      assertTrue(reused.get() > 50, "buffers given back and written over: " + reused.get());
    }
  }

  /** A pool that never runs what it is given: the merging thread encodes every block itself. */
  @Test
  void aPoolThatRunsNothingDelaysNothing() throws Exception {
    List<Runnable> never = new ArrayList<>();
    try (MergedList<Item> merged = lists(never::add)) {
      StringBuilder expected = new StringBuilder();
      for (Item v : merged) {
        expected.append(text(v));
      }
      StringBuilder got = new StringBuilder();
      merged.forEachEncoded(
          encoder(new AtomicInteger()),
          (b, from, to) -> got.append(new String(b, from, to - from, StandardCharsets.US_ASCII)));
      assertSameText(expected, got);
    }
  }

  /** The same text, or where it first differs (not the whole text). */
  private static void assertSameText(CharSequence expected, CharSequence got) {
    int n = Math.min(expected.length(), got.length());
    int i = 0;
    while (i < n && expected.charAt(i) == got.charAt(i)) {
      i++;
    }
    if (i < n || expected.length() != got.length()) {
      int from = Math.max(0, i - 20);
      throw new AssertionError(
          "differs at "
              + i
              + ": expected …"
              + expected.subSequence(from, Math.min(expected.length(), i + 40))
              + "… but was …"
              + got.subSequence(from, Math.min(got.length(), i + 40))
              + "…");
    }
  }

  /**
   * Without a pool to read on, or with one list, a report encodes the elements as it reads them.
   */
  @Test
  void onlyListsReadAheadEncodeAhead() {
    try (MergedList<Item> plain = lists(null)) {
      assertFalse(plain.encodedAhead());
      assertThrows(
          IllegalStateException.class,
          () -> plain.forEachEncoded(encoder(new AtomicInteger()), (b, from, to) -> {}));
    }
    SpillList<Item> one = new SpillList<>(SpillListTest.CODEC, SpillListTest.BY_KEY, null, 10);
    one.add(new Item(1, 1));
    List<UnaryOperator<Item>> none = new ArrayList<>();
    none.add(null);
    try (MergedList<Item> single =
        new MergedList<>(List.of(one), none, SpillListTest.BY_KEY, POOL)) {
      assertFalse(single.encodedAhead());
    }
  }
}
