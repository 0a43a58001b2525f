package org.tcplint.bench;

import org.tcplint.decode.Checksum;

/**
 * How much faster the machine itself runs N threads than one, whatever tcplint does: each thread
 * sums a 32 KiB buffer of its own with {@link Checksum#sum} (tcplint's hottest loop) for a fixed
 * time, so the work stays in each core's cache and shares nothing, not memory, not a lock. On a
 * machine of N free cores the ratio is N; on shared or throttled virtual cores it is less, and no
 * check can scale better than it there. {@code bench/run.sh} prints it beside the check's ratios.
 *
 * <pre>java -cp target/tcplint.jar org.tcplint.bench.CoreScaling [THREADS [ROUNDS [MILLIS]]]</pre>
 */
public final class CoreScaling {
  private static final int BUFFER = 32 << 10;

  private CoreScaling() {}

  public static void main(String[] args) throws InterruptedException {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    long millis = args.length > 2 ? Long.parseLong(args[2]) : 250;
    run(1, millis); // the loop compiled before anything is timed
    // Short trials of one and of N threads alternated (1 N, N 1, ...), and the ratio of their
    // means: a virtual machine's speed can change every few hundred milliseconds.
    double one = 0;
    double many = 0;
    double low = Double.MAX_VALUE;
    double high = 0;
    for (int r = 0; r < rounds; r++) {
      double a;
      double b;
      if (r % 2 == 0) {
        a = sum(run(1, millis));
        b = sum(run(threads, millis));
      } else {
        b = sum(run(threads, millis));
        a = sum(run(1, millis));
      }
      one += a;
      many += b;
      low = Math.min(low, b / a);
      high = Math.max(high, b / a);
    }
    System.out.printf(
        "%d threads of a compute-only loop (checksums of a 32 KiB buffer each, sharing nothing):"
            + " %.2fx one thread (%.1f against %.1f GB/s, means of %d alternated trials of %d ms;"
            + " rounds %.2f-%.2fx)%n",
        threads, many / one, many / rounds, one / rounds, rounds, millis, low, high);
  }

  /**
   * Runs {@code threads} threads at once for {@code millis} each; returns each one's throughput in
   * GB/s.
   */
  static double[] run(int threads, long millis) throws InterruptedException {
    double[] gbs = new double[threads];
    long[] sink = new long[threads];
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int k = t;
      ts[t] =
          new Thread(
              () -> {
                byte[] b = new byte[BUFFER];
                new java.util.Random(k).nextBytes(b);
                long acc = 0;
                long bytes = 0;
                long start = System.nanoTime();
                long end = start + millis * 1_000_000L;
                long now;
                do {
                  for (int i = 0; i < 256; i++) {
                    acc += Checksum.sum(b, 0, b.length);
                  }
                  bytes += 256L * b.length;
                  now = System.nanoTime();
                } while (now < end);
                gbs[k] = bytes / (double) (now - start);
                sink[k] = acc; // kept, so that the sums are not dead code
              },
              "scaling-" + t);
    }
    for (Thread t : ts) {
      t.start();
    }
    for (Thread t : ts) {
      t.join();
    }
    return gbs;
  }

  static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
