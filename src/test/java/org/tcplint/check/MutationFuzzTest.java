package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tcplint.rules.RuleLevels;

/**
 * Bad input never crashes, hangs or exhausts memory: seeded random mutations (bit flips, length
 * field overwrites, truncation, garbage) of every testdata capture are all checked to the end, each
 * giving a result (with a capture finding when the structure broke).
 */
class MutationFuzzTest {
  private static final int ROUNDS = 40;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void mutatedCapturesAreReportedNotFatal() throws IOException {
    List<Path> seeds = org.tcplint.testing.Testdata.captures();
    assertTrue(seeds.size() > 50, "testdata seeds: " + seeds.size());
    Checker checker = new Checker(new RuleLevels());
    Random rnd = new Random(20261125L);
    int broken = 0;
    int runs = 0;
    for (Path seed : seeds) {
      byte[] original = Files.readAllBytes(seed);
      for (int round = 0; round < ROUNDS; round++) {
        byte[] b = mutate(original, rnd);
        FileResult r = checker.check(b, seed + "#" + round);
        assertNotNull(r);
        if (round % 4 == 0) { // the same damaged capture read in chunks gives the same report
          FileResult split =
              ParallelCheckTest.checker(2, 1 + round % 700).check(b, seed + "#" + round);
          assertEquals(
              org.tcplint.report.JsonReport.fileJson(r),
              org.tcplint.report.JsonReport.fileJson(split),
              seed + "#" + round + " on 2 threads, in chunks");
        }
        runs++;
        if (r.error() != null) {
          broken++;
          assertTrue(
              r.findings().stream()
                  .anyMatch(f -> f.rule().startsWith("capture.") && f.offset() != null),
              seed + "#" + round + ": capture error without a capture finding: " + r.error());
        }
      }
    }
    assertTrue(broken > runs / 10, "mutations should often break the structure: " + broken);
  }

  static byte[] mutate(byte[] in, Random rnd) {
    byte[] b = in.clone();
    switch (rnd.nextInt(5)) {
      case 0 -> {
        for (int i = 0; i < 1 + rnd.nextInt(8); i++) {
          b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
      }
      case 1 -> {
        int at = rnd.nextInt(Math.max(1, b.length - 4)) & ~3;
        int v =
            switch (rnd.nextInt(4)) {
              case 0 -> 0;
              case 1 -> 0xFFFFFFF0;
              case 2 -> rnd.nextInt();
              default -> 12;
            };
        for (int i = 0; i < 4 && at + i < b.length; i++) {
          b[at + i] = (byte) (v >>> (8 * i));
        }
      }
      case 2 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
      case 3 -> {
        for (int i = 0; i < 16; i++) {
          b[rnd.nextInt(b.length)] = (byte) rnd.nextInt();
        }
      }
      default -> {
        int from = rnd.nextInt(b.length);
        int len = Math.min(b.length - from, 1 + rnd.nextInt(64));
        byte[] garbage = new byte[len];
        rnd.nextBytes(garbage);
        System.arraycopy(garbage, 0, b, from, len);
      }
    }
    return b;
  }
}
