package org.tcplint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default conversation cap follows the part of the heap the launcher names, not the threads',
 * and {@code -Xmx} alone: not the collector's choice of survivor spaces.
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
    long max = Settings.maxHeap();
    assertEquals(expected(max), Settings.defaultMaxConversations());
    System.setProperty("tcplint.baseHeapMb", "100");
    assertEquals(expected(Math.min(max, 100L << 20)), Settings.defaultMaxConversations());
    assertEquals(25_600, expected(100L << 20));
    System.setProperty("tcplint.baseHeapMb", "1000000"); // more than the heap: the heap
    assertEquals(expected(max), Settings.defaultMaxConversations());
  }

  /** Prints the default cap of the JVM it runs in. */
  public static final class Cap {
    public static void main(String[] args) {
      System.out.println(Settings.defaultMaxConversations());
    }
  }

  // the same -Xmx gives the same cap (and report) whatever the collector: Runtime.maxMemory()
  // leaves out a survivor space that each of these sizes differently (65,536 = 256 MiB / 2 / 2,048)
  @Test
  void theCapOfAHeapIsTheSameForEveryCollector() throws IOException, InterruptedException {
    for (String gc :
        List.of(
            "-XX:+UseParallelGC",
            "-XX:+UseParallelGC -XX:-UseAdaptiveSizePolicy -XX:SurvivorRatio=3",
            "-XX:+UseSerialGC",
            "-XX:+UseG1GC")) {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx256m");
      cmd.addAll(List.of(gc.split(" ")));
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Cap.class.getName()));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      assertEquals(0, p.waitFor(), out);
      assertEquals("65536", out, gc);
    }
  }
}
