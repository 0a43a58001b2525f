package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadAheadTest {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  private static List<Integer> upTo(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  private static List<Integer> drain(ReadAhead<Integer> it) {
    List<Integer> out = new ArrayList<>();
    while (it.hasNext()) {
      assertEquals(it.key(), 10L * (out.isEmpty() ? 0 : out.get(out.size() - 1) + 1));
      out.add(it.next());
    }
    return out;
  }

  /** Every element once, in order, with its key, around the block size and at its multiples. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, ReadAhead.BLOCK - 1, ReadAhead.BLOCK, ReadAhead.BLOCK + 1, 5000})
  void readsEveryElementInOrder(int n) {
    ReadAhead<Integer> it = new ReadAhead<>(upTo(n).iterator(), v -> 10L * v, POOL);
    assertEquals(upTo(n), drain(it));
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
  }

  /** A pool that takes no more work: the consumer reads the blocks itself. */
  @ParameterizedTest
  @ValueSource(ints = {0, ReadAhead.BLOCK, 3 * ReadAhead.BLOCK + 7})
  void aShutDownPoolDelaysNothing(int n) {
    ExecutorService closed = Executors.newSingleThreadExecutor();
    closed.shutdown();
    assertEquals(upTo(n), drain(new ReadAhead<>(upTo(n).iterator(), v -> 10L * v, closed)));
  }

  /** A pool that never runs what it is given (busy): the consumer reads the blocks itself. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2 * ReadAhead.BLOCK})
  void aPoolThatNeverRunsTheBlocksDelaysNothing(int n) {
    List<Runnable> never = new ArrayList<>();
    assertEquals(upTo(n), drain(new ReadAhead<>(upTo(n).iterator(), v -> 10L * v, never::add)));
    assertEquals(n / ReadAhead.BLOCK + 1, never.size(), "blocks handed to the pool");
  }

  /** A failure while reading ahead reaches the consumer, at the block that failed. */
  @org.junit.jupiter.api.Test
  void aFailureReachesTheConsumer() {
    IllegalStateException boom = new IllegalStateException("spill file gone");
    Iterator<Integer> failing =
        new Iterator<>() {
          int i;

          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public Integer next() {
            if (i == ReadAhead.BLOCK + 3) {
              throw boom;
            }
            return i++;
          }
        };
    ReadAhead<Integer> it = new ReadAhead<>(failing, v -> 10L * v, POOL);
    for (int i = 0; i < ReadAhead.BLOCK; i++) {
      assertEquals(i, it.next());
    }
    assertSame(boom, assertThrows(IllegalStateException.class, it::hasNext));
  }
}
