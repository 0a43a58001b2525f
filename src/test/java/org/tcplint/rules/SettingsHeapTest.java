package org.tcplint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
    assertEquals(17_066, expected(100L << 20)); // 100 MiB / 2 / 3 KiB
    System.setProperty("tcplint.baseHeapMb", "1000000"); // more than the heap: the heap
    assertEquals(expected(max), Settings.defaultMaxConversations());
  }

  /** Prints the default cap of the JVM it runs in. */
  public static final class Cap {
    public static void main(String[] args) {
      System.out.println(Settings.defaultMaxConversations());
    }
  }

  /** The output of {@link Cap} in a JVM started with {@code jvmArgs}. */
  private static String cap(List<String> jvmArgs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Cap.class.getName()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  // the same -Xmx gives the same cap (and report) whatever the collector: Runtime.maxMemory()
  // leaves out a survivor space that each of these sizes differently (43,690 = 256 MiB / 2 / 3,072)
  @Test
  void theCapOfAHeapIsTheSameForEveryCollector() throws IOException, InterruptedException {
    for (String gc : COLLECTORS) {
      List<String> args = new ArrayList<>(List.of("-Xmx256m"));
      args.addAll(List.of(gc.split(" ")));
      assertEquals("43690", cap(args), gc);
    }
  }

  private static final List<String> COLLECTORS =
      List.of(
          "-XX:+UseParallelGC",
          "-XX:+UseParallelGC -XX:-UseAdaptiveSizePolicy -XX:SurvivorRatio=3",
          "-XX:+UseSerialGC",
          "-XX:+UseG1GC");

  // As the launcher runs it (256 MiB named, more for the threads), or with a heap whose cap is the
  // most, the cap needs no management bean: they are not loaded (about 20 ms of every run).
  @Test
  void theLaunchersHeapIsCappedWithoutLoadingManagementBeans()
      throws IOException, InterruptedException {
    for (String gc : COLLECTORS) {
      for (String heap : List.of("-Xmx320m -Dtcplint.baseHeapMb=256", "-Xmx1g")) {
        List<String> args = new ArrayList<>(List.of("-verbose:class"));
        args.addAll(List.of(heap.split(" ")));
        args.addAll(List.of(gc.split(" ")));
        String out = cap(args);
        String cap = out.lines().filter(l -> l.matches("[0-9]+")).findFirst().orElse(out);
        assertEquals(heap.contains("256") ? "43690" : "100000", cap, heap + " " + gc);
        assertFalse(
            out.contains("java.lang.management.ManagementFactory "),
            heap + " " + gc + " loaded the management beans");
      }
    }
  }
}
