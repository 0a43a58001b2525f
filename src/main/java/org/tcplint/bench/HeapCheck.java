package org.tcplint.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.rules.RuleLevels;

/**
 * Heap in use after checking each capture given, with its result still held (as when the report is
 * about to be written), after a full collection: shows whether memory grows with capture length.
 *
 * <pre>java -Xmx256m -cp target/tcplint.jar org.tcplint.bench.HeapCheck small.pcapng big.pcapng
 * </pre>
 */
public final class HeapCheck {
  private HeapCheck() {}

  public static void main(String[] args) throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (String arg : args) {
      FileResult r = new Checker(new RuleLevels()).check(Path.of(arg), arg);
      System.gc();
      Thread.sleep(100);
      long used = memory.getHeapMemoryUsage().getUsed();
      System.out.printf(
          "%s: %,d packets, %,d conversations, %,d findings; heap in use after GC %.1f MB%n",
          arg, r.packets(), r.conversationCount(), r.findings().size(), used / 1e6);
      r.release();
    }
  }
}
