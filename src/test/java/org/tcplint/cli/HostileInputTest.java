package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
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
            new Output.Stdout(both, true), // as Main prints: the failure's reason is kept
            new PrintStream(err, true, StandardCharsets.UTF_8));
    stdout = copy.toString(StandardCharsets.UTF_8);
    stderr = err.toString(StandardCharsets.UTF_8);
    return code;
  }

  @Test
  void aCheckThatRunsOutOfMemorySaysSoAndWhatToDo() {
    // A stand-in for a check whose heap is too small: the error reaches Main from a pool thread,
    // wrapped.
    try (org.mockito.MockedStatic<CheckCommand> check =
        org.mockito.Mockito.mockStatic(
            CheckCommand.class, org.mockito.Mockito.CALLS_REAL_METHODS)) {
      check
          .when(() -> CheckCommand.run(any(), any(), any()))
          .thenThrow(
              new java.util.concurrent.CompletionException(
                  new OutOfMemoryError("Java heap space")));
      assertEquals(4, run("check", good.toString()));
      assertEquals(
          Main.outOfMemory(Runtime.getRuntime().maxMemory()) + System.lineSeparator(), stderr);
      assertTrue(stderr.contains("TCPLINT_JAVA_OPTS=-Xmx<size>"), stderr);
      assertFalse(stderr.contains("internal error"), stderr);
      assertEquals(4, run("check", "--debug", good.toString()));
      assertTrue(stderr.contains("java.lang.OutOfMemoryError: Java heap space"), stderr);
    }
    assertEquals(0, run("check", good.toString()), "the real check again: " + stderr);
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

  // row 6
  @Test
  void anArgumentThatIsNoValidGlobIsAFileName() throws Exception {
    Path odd = dir.resolve("capture[1.pcapng");
    Files.copy(good, odd);
    assertEquals(0, run("check", "-q", odd.toString()));
    Files.delete(odd);
    assertEquals(3, run("check", "-q", odd.toString(), good.toString()));
    assertTrue(stderr.contains("capture[1.pcapng"), stderr);
    assertFalse(stderr.contains("internal error"), stderr);
    assertEquals(3, run("check", "-q", dir.resolve("x/*{.pcapng").toString()));
    assertTrue(stderr.contains("x/*{.pcapng"), stderr);
    assertFalse(stderr.contains("PatternSyntaxException"), stderr);
  }

  @Test
  void aGlobOverAMissingFolderOrMatchingNothingIsExitThreeNamingIt() {
    String missing = dir.resolve("no-such-folder/*.pcapng").toString();
    assertEquals(3, run("check", "-q", missing, good.toString()));
    assertTrue(stderr.contains(missing + ": no such directory"), stderr);
    String nothing = dir.resolve("*.pcap").toString();
    assertEquals(3, run("check", "-q", nothing));
    assertTrue(stderr.contains(nothing + ": no file matches"), stderr);
    assertEquals(0, run("check", "-q", dir.resolve("*.pcapng").toString()));
  }

  // row 13: a stand-in file system, since the tests run as root (who reads every directory)
  @Test
  void aDirectoryThatCannotBeListedIsAnErrorNamingIt() throws Exception {
    FileSystemProvider provider = mock(FileSystemProvider.class);
    FileSystem fs = mock(FileSystem.class);
    when(fs.provider()).thenReturn(provider);
    Path locked = mock(Path.class);
    when(locked.getFileSystem()).thenReturn(fs);
    when(locked.toString()).thenReturn("archive/locked");
    BasicFileAttributes attrs = mock(BasicFileAttributes.class);
    when(attrs.isDirectory()).thenReturn(true);
    when(provider.readAttributes(
            eq(locked), eq(BasicFileAttributes.class), any(LinkOption[].class)))
        .thenReturn(attrs);
    when(provider.newDirectoryStream(eq(locked), any()))
        .thenThrow(new AccessDeniedException("archive/locked"));
    List<String> warnings = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<Path> found =
        Inputs.expand(List.of("archive/locked"), a -> locked, warnings::add, errors::add);
    assertEquals(List.of(), found);
    assertEquals(List.of(), warnings);
    assertEquals(List.of("cannot read archive/locked: permission denied"), errors);
  }

  private static void mkfifo(Path p) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertEquals(0, mk.waitFor());
    assertTrue(Files.exists(p) && !Files.isRegularFile(p));
  }

  // row 15: a FIFO with no writer would block forever if it were opened
  @Test
  void aFifoIsNotReadButSkippedNamingIt() throws Exception {
    Path fifo = dir.resolve("live.pcapng");
    mkfifo(fifo);
    assertEquals(3, run("check", "-q", "-f", "json", fifo.toString(), good.toString()));
    assertTrue(stderr.contains(fifo + ": not a regular file"), stderr);
    assertTrue(stdout.contains("good.pcapng"), stdout);
    assertFalse(stdout.contains("live.pcapng"), stdout);
    // the only argument
    assertEquals(3, run("check", "-q", fifo.toString()));
    assertTrue(stderr.contains(fifo + ": not a regular file"), stderr);
    // found in a directory, beside a good capture
    assertEquals(3, run("check", "-q", "-f", "json", dir.toString()));
    assertTrue(stderr.contains(fifo + ": not a regular file"), stderr);
    assertTrue(stdout.contains("good.pcapng"), stdout);
  }

  // minor: a symlink loop between two files, as arguments or in a directory
  @Test
  void aSymlinkLoopBetweenTwoFilesIsExitThreeNamingIt() throws Exception {
    Path a = dir.resolve("a.pcapng");
    Path b = dir.resolve("b.pcapng");
    Files.createSymbolicLink(a, b.getFileName());
    Files.createSymbolicLink(b, a.getFileName());
    assertEquals(3, run("check", "-q", a.toString(), b.toString(), good.toString()));
    assertTrue(stderr.contains(a + ": a symlink loop"), stderr);
    assertTrue(stderr.contains(b + ": a symlink loop"), stderr);
    assertEquals(3, run("check", "-q", "-f", "json", dir.toString()));
    assertTrue(stderr.contains(a + ": a symlink loop"), stderr);
    assertTrue(stderr.contains(b + ": a symlink loop"), stderr);
    assertTrue(stdout.contains("good.pcapng"), stdout);
    // a directory that links back to itself
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Files.createSymbolicLink(sub.resolve("up"), Path.of(".."));
    Files.delete(a);
    Files.delete(b);
    assertEquals(3, run("check", "-q", dir.toString()));
    assertTrue(stderr.contains("up: a symlink loop"), stderr);
  }

  // row 7
  @Test
  void aStandardOutputThatFailsIsAnErrorNotALostReport() throws Exception {
    java.io.OutputStream broken = mock(java.io.OutputStream.class);
    java.io.IOException full = new java.io.IOException("No space left on device");
    doThrow(full).when(broken).write(any(byte[].class), anyInt(), anyInt());
    doThrow(full).when(broken).write(anyInt());
    assertEquals(3, run(broken, "check", "-f", "json", good.toString()));
    assertTrue(
        stderr.contains(
            "tcplint: cannot write the report: standard output: the report could not be written"
                + " (no space left on device)"),
        stderr);
    assertEquals(3, run(broken, "packets", good.toString()));
    assertTrue(
        stderr.contains(
            "tcplint: cannot write to standard output (no space left on device): the output is"
                + " lost"),
        stderr);
    assertEquals(3, run(broken, "rules"));
  }

  @Test
  void anOutputFileThatCannotBeWrittenIsAnError() throws Exception {
    String missing = dir.resolve("no-such-folder/report.json").toString();
    assertEquals(3, run("check", "-f", "json", "-o", missing, good.toString()));
    assertTrue(
        stderr.contains("cannot write the report: " + missing + ": no such file or directory"),
        stderr);
    assertEquals(3, run("check", "-f", "json", "-o", dir.toString(), good.toString()));
    assertTrue(stderr.contains("cannot write the report: " + dir), stderr);
    Path full = Path.of("/dev/full");
    Assumptions.assumeTrue(Files.exists(full), "no /dev/full here");
    assertEquals(3, run("check", "-f", "json", "-o", full.toString(), good.toString()));
    assertTrue(stderr.contains("cannot write the report: /dev/full: "), stderr);
    assertEquals(3, run("check", "-q", "--write-baseline", full.toString(), good.toString()));
    assertTrue(stderr.contains("cannot write the baseline /dev/full: "), stderr);
  }

  // row 8
  @Test
  void standardInputClosedAtStartIsExitThreeSayingSo() throws Exception {
    Path sh = Path.of("/bin/sh");
    Assumptions.assumeTrue(Files.isExecutable(sh), "no /bin/sh to start tcplint without stdin");
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    for (String command : new String[] {"check", "packets"}) {
      Process p =
          new ProcessBuilder(
                  sh.toString(),
                  "-c",
                  "exec \"$0\" -cp \"$1\" org.tcplint.cli.Main " + command + " - <&-",
                  javaBin,
                  System.getProperty("java.class.path"))
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(3, p.exitValue(), command + ": " + output);
      assertTrue(output.contains("standard input is not open"), command + ": " + output);
    }
  }

  // row 16
  @Test
  void fileNamesWithControlCharactersAreEscapedInEveryHumanFormatAndOnStandardError()
      throws Exception {
    Path injected = dir.resolve("x\n::error file=a.c,line=1::PWNED.pcapng");
    Files.copy(Path.of("testdata/seed-wrong-synack-ack.pcapng"), injected);
    Path coloured = dir.resolve("y\u001b[31m\u202ered\r.pcapng");
    Files.copy(Path.of("testdata/seed-wrong-synack-ack.pcapng"), coloured);
    String missing = dir.resolve("z\n::error file=b.c::GONE.pcapng").toString();
    for (String format : new String[] {"text", "github", "junit", "sarif", "wireshark"}) {
      assertEquals(
          3,
          run(
              "check",
              "--progress",
              "-f",
              format,
              injected.toString(),
              coloured.toString(),
              missing),
          format);
      for (String[] output : new String[][] {{format, stdout}, {"stderr", stderr}}) {
        for (String line : output[1].split("\n")) {
          assertFalse(line.startsWith("::error file=a.c"), output[0] + ": " + line);
          assertFalse(line.startsWith("::error file=b.c"), output[0] + ": " + line);
        }
        assertFalse(output[1].contains("\r.pcapng"), output[0] + ": " + output[1]);
        assertFalse(output[1].contains("\u202e"), output[0] + ": " + output[1]);
      }
      assertFalse(stdout.contains("\u001b"), format + ": " + stdout);
      assertFalse(stderr.contains("\u001b[31m"), "stderr: " + stderr);
    }
    run("check", "-f", "text", injected.toString(), missing);
    assertTrue(
        stdout.contains("x\\n::error file=a.c,line=1::PWNED.pcapng:2: error"), "text: " + stdout);
    assertTrue(stderr.contains("z\\n::error file=b.c::GONE.pcapng"), "stderr: " + stderr);
    run("check", "-f", "text", coloured.toString());
    assertTrue(stdout.contains("y\\x1b[31m\\u202ered\\r.pcapng:2: error"), stdout);
    // structured formats keep the name faithfully, in their own escaping
    run("check", "-f", "json", injected.toString());
    assertTrue(stdout.contains("x\\n::error file=a.c,line=1::PWNED.pcapng"), stdout);
  }

  @Test
  void printableLeavesOrdinaryNamesAlone() {
    String plain = "captures/Überweisung 2026 (copy).pcapng";
    assertTrue(plain == org.tcplint.report.Printable.escape(plain));
    assertEquals(
        "a\\tb\\x7f\\x85\\u2028c", org.tcplint.report.Printable.escape("a\tb\u007f\u0085\u2028c"));
  }
}
