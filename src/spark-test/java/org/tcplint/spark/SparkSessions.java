package org.tcplint.spark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskEndReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/** Spark sessions for tests: small, quiet, bound to 127.0.0.1, counting failed tasks. */
final class SparkSessions {
  private SparkSessions() {}

  static SparkSession.Builder builder(String master) {
    return SparkSession.builder()
        .master(master)
        .appName("tcplint-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1");
  }

  /** Counts the tasks that ended in anything but success. */
  static final class FailedTasks extends SparkListener {
    final AtomicInteger failed = new AtomicInteger();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      TaskEndReason r = end.reason();
      if (!(r instanceof org.apache.spark.Success$)) {
        failed.incrementAndGet();
      }
    }
  }

  /** What a run of the job printed and returned. */
  record Run(int code, String out, String err) {}

  static Run run(SparkSession spark, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        CheckJob.run(
            spark,
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
