package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile arguments, names and places: each ends in complete reports or a clear error. */
class HostileInputTest {
  @TempDir Path dir;
  private String stdout;
  private String stderr;
  private Path good;

  @BeforeEach
  void goodCapture() throws Exception {
    good = dir.resolve("good.pcapng");
    Files.copy(Path.of("testdata/clean-http.pcapng"), good);
  }

  int run(String... args) {
    return run(new ByteArrayOutputStream(), args);
  }

  int run(java.io.OutputStream stdoutStream, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    java.io.OutputStream both =
        new java.io.FilterOutputStream(stdoutStream) {
          @Override
          public void write(byte[] b, int off, int len) throws java.io.IOException {
            copy.write(b, off, len);
            out.write(b, off, len);
          }
        };
    int code =
        Main.run(
            args,
            new PrintStream(both, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    stdout = copy.toString(StandardCharsets.UTF_8);
    stderr = err.toString(StandardCharsets.UTF_8);
    return code;
  }

  // row 17
  @Test
  void standardInputNamedTwiceIsAUsageError() {
    assertEquals(2, run("check", "-", "-"));
    assertTrue(stderr.contains("standard input (-) can be read only once"), stderr);
    assertEquals(2, run("check", "-j", "1", "-", good.toString(), "-"));
  }

  // row 14
  @Test
  void anOutputThatIsAnInputIsRefusedBeforeAnythingIsWritten() throws Exception {
    byte[] before = Files.readAllBytes(good);
    assertEquals(2, run("check", "-f", "json", "-o", good.toString(), good.toString()));
    assertTrue(stderr.contains("-o " + good + " is also an input"), stderr);
    assertArrayEquals(before, Files.readAllBytes(good));
    // the same file by another name, and an input found in a directory
    Path other = dir.resolve("./sub/../good.pcapng");
    assertEquals(2, run("check", "-f", "json", "-o", other.toString(), dir.toString()));
    assertArrayEquals(before, Files.readAllBytes(good));
  }

  @Test
  void twoOutputsToTheSameFileAreRefusedBeforeAnythingIsWritten() {
    Path report = dir.resolve("report.json");
    assertEquals(
        2,
        run(
            "check",
            "-f",
            "json",
            "-o",
            report.toString(),
            "-f",
            "sarif",
            "-o",
            dir.resolve("x/../report.json").toString(),
            good.toString()));
    assertTrue(stderr.contains("name the same file"), stderr);
    assertFalse(Files.exists(report));
    assertEquals(
        2,
        run(
            "check",
            "-f",
            "json",
            "-o",
            report.toString(),
            "--write-baseline",
            report.toString(),
            good.toString()));
    assertFalse(Files.exists(report));
  }
}
