package org.tcplint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default conversation cap follows the part of the heap the launcher names, not the threads'.
 */
class SettingsHeapTest {
  @AfterEach
  void clear() {
    System.clearProperty("tcplint.baseHeapMb");
  }

  private static int expected(long heap) {
    return (int) Math.max(1000, Math.min(100_000, heap / 2 / Settings.BYTES_PER_CONVERSATION));
  }

  @Test
  void theThreadsShareOfTheHeapIsNotCounted() {
    long max = Runtime.getRuntime().maxMemory();
    assertEquals(expected(max), Settings.defaultMaxConversations());
    System.setProperty("tcplint.baseHeapMb", "100");
    assertEquals(expected(Math.min(max, 100L << 20)), Settings.defaultMaxConversations());
    assertEquals(25_600, expected(100L << 20));
    System.setProperty("tcplint.baseHeapMb", "1000000"); // more than the heap: the heap
    assertEquals(expected(max), Settings.defaultMaxConversations());
  }
}
