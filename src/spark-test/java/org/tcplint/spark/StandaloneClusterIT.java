package org.tcplint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job submitted to a real Spark standalone cluster (a master and two workers on 127.0.0.1,
 * started from the class path), its executors loading the job from {@code
 * target/tcplint-spark.jar}: the result equals local mode's.
 */
class StandaloneClusterIT {
  @TempDir static Path tmp;

  private static StandaloneCluster cluster;

  @BeforeAll
  static void start() throws IOException {
    cluster =
        new StandaloneCluster(tmp.resolve("spark-home"), Path.of("target").toAbsolutePath(), 2);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void clusterResultEqualsLocalMode() throws IOException {
    Path archive = Files.createDirectories(tmp.resolve("archive"));
    for (Path p :
        java.util.List.of(
            Path.of("testdata/clean-http.pcapng"),
            Path.of("src/test/broken/truncated.pcapng"),
            Path.of("testdata/seed-wrong-synack-ack.pcapng"))) {
      Files.copy(p, archive.resolve(p.getFileName()));
    }
    String testdata = Path.of("testdata").toAbsolutePath().toString();
    String[] inputs = {archive.toString(), testdata};

    Path jar = Path.of(System.getProperty("tcplint.spark.jar", "target/tcplint-spark.jar"));
    assertTrue(Files.isRegularFile(jar), jar + " (built in package)");
    Reports onCluster;
    SparkSession spark =
        SparkSessions.builder(cluster.url())
            .config("spark.jars", jar.toAbsolutePath().toString())
            .config("spark.executor.memory", "512m")
            .config("spark.cores.max", "2")
            .getOrCreate();
    try {
      spark.sparkContext().setLogLevel("WARN");
      awaitExecutors(spark, 2);
      onCluster = job(spark, tmp.resolve("cluster"), inputs);
      assertEquals(
          2,
          spark.sparkContext().statusTracker().getExecutorInfos().length - 1,
          "executors on the workers");
    } finally {
      spark.stop();
    }
    Reports local;
    spark = SparkSessions.builder("local[2]").getOrCreate();
    try {
      local = job(spark, tmp.resolve("local"), inputs);
    } finally {
      spark.stop();
    }
    assertEquals(3, onCluster.code());
    local.assertSame(onCluster);
    Reports.cli(inputs).assertSame(onCluster);
  }

  private static Reports job(SparkSession spark, Path out, String... inputs) {
    String[] args = new String[inputs.length + 2];
    args[0] = "-o";
    args[1] = out.toString();
    System.arraycopy(inputs, 0, args, 2, inputs.length);
    SparkSessions.Run run = SparkSessions.run(spark, args);
    return Reports.job(spark, out, run.code());
  }

  private static void awaitExecutors(SparkSession spark, int n) {
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (spark.sparkContext().statusTracker().getExecutorInfos().length < n + 1) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            "no " + n + " executors within 90 s; worker log:\n" + cluster.log("worker-1"));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
