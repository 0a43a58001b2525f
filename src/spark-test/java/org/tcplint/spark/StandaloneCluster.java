package org.tcplint.spark;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A Spark standalone cluster on 127.0.0.1 from the test's class path: a master and workers, each a
 * JVM of its own, with a temporary Spark home whose {@code jars/} links every jar of the class path
 * (where a worker's launcher looks for Spark's jars to start executors). {@link #close()} kills
 * every process it started and their children (the executors); so does a shutdown hook.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(90);

  private final Path home;
  private final List<Process> processes = new ArrayList<>();
  private final Thread hook = new Thread(this::kill, "stop-spark-cluster");
  private final int port;

  StandaloneCluster(Path home, Path projectTarget, int workers) throws IOException {
    this.home = home;
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      sparkHome(projectTarget);
      port = freePort();
      Process master =
          start(
              "master",
              "org.apache.spark.deploy.master.Master",
              "--host",
              "127.0.0.1",
              "--port",
              String.valueOf(port),
              "--webui-port",
              "0");
      await("master listening on " + port, () -> listening(port), master);
      for (int i = 1; i <= workers; i++) {
        Path work = Files.createDirectories(home.resolve("work-" + i));
        start(
            "worker-" + i,
            "org.apache.spark.deploy.worker.Worker",
            "--host",
            "127.0.0.1",
            "--webui-port",
            "0",
            "--cores",
            "1",
            "--memory",
            "1g",
            "--work-dir",
            work.toString(),
            url());
      }
      await(
          workers + " workers registered",
          () -> log("master").split("Registering worker", -1).length > workers,
          master);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The master's URL. */
  String url() {
    return "spark://127.0.0.1:" + port;
  }

  /** What a process printed, for diagnostics. */
  String log(String name) {
    try {
      Path p = home.resolve(name + ".log");
      return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  private void sparkHome(Path projectTarget) throws IOException {
    Files.createDirectories(home);
    Files.writeString(home.resolve("RELEASE"), "");
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String entry : classPath()) {
      Path jar = Path.of(entry).toAbsolutePath();
      if (entry.endsWith(".jar") && Files.isRegularFile(jar) && !jar.startsWith(projectTarget)) {
        Path link = jars.resolve(jar.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, jar);
        }
      }
    }
  }

  /** The test's class path (Maven's, not the manifest-only jar of a forked test JVM). */
  private static List<String> classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isEmpty()) {
      cp = System.getProperty("java.class.path");
    }
    return List.of(cp.split(File.pathSeparator));
  }

  private Process start(String name, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("-Djdk.reflect")
          || a.startsWith("-Dio.netty")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(home.resolve("jars").toString() + File.separator + "*");
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(home.resolve(name + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_CONF_DIR", home.resolve("conf").toString());
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void await(String what, BooleanSupplier done, Process process) {
    long end = System.nanoTime() + START.toNanos();
    while (!done.getAsBoolean()) {
      if (!process.isAlive() || System.nanoTime() > end) {
        throw new IllegalStateException(
            "Spark cluster: no " + what + " within " + START + "; master log:\n" + log("master"));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what, e);
      }
    }
  }

  /** Kills the processes and their children (executors), waiting a bounded time for each. */
  private void kill() {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    for (Process p : processes) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs
    }
  }
}
