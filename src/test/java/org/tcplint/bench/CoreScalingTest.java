package org.tcplint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The machine's own scaling: every thread is timed, and the line says what was measured. */
class CoreScalingTest {
  @Test
  void timesEveryThread() throws Exception {
    double[] gbs = CoreScaling.run(3, 30);
    assertEquals(3, gbs.length);
    for (double g : gbs) {
      assertTrue(g > 0.01 && g < 1000, "GB/s " + g);
    }
  }

  @Test
  void sumsTheThreads() {
    assertEquals(6.0, CoreScaling.sum(new double[] {1, 2, 3}));
  }

  @Test
  void printsTheRatioOfTheMeans() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      CoreScaling.main(new String[] {"2", "3", "20"});
    } finally {
      System.setOut(out);
    }
    String line = buf.toString(StandardCharsets.UTF_8);
    assertTrue(
        line.matches(
            "2 threads of a compute-only loop \\(checksums of a 32 KiB buffer each, sharing"
                + " nothing\\): \\d+\\.\\d\\dx one thread \\(\\d+\\.\\d against \\d+\\.\\d GB/s,"
                + " means of 3 alternated trials of 20 ms; rounds \\d+\\.\\d\\d-\\d+\\.\\d\\dx\\)\\R"),
        line);
  }
}
