package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tcplint} launcher, run from a copy of the checkout's layout: the first check writes
 * the class-data archive, later runs map it, and the report never changes nor picks up JVM
 * messages.
 */
class LauncherIT {
  private static final String CAPTURE =
      Path.of("testdata/clean-http.pcapng").toAbsolutePath().toString();

  @TempDir Path home;
  private Path archive;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void layout() throws IOException {
    Files.createDirectories(home.resolve("target"));
    Files.copy(Path.of("tcplint"), home.resolve("tcplint"));
    Files.copy(
        Path.of(System.getProperty("tcplint.jar", "target/tcplint.jar")),
        home.resolve("target/tcplint.jar"),
        StandardCopyOption.COPY_ATTRIBUTES);
    archive = home.resolve("target/tcplint.jsa");
  }

  private Run launcher(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("sh", home.resolve("tcplint").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("TCPLINT_JAVA_OPTS");
    pb.environment().remove("TCPLINT_CDS");
    pb.environment().putAll(env);
    Path out = home.resolve("out.txt");
    Path err = home.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    int exit = pb.start().waitFor();
    return new Run(exit, Files.readString(out), Files.readString(err));
  }

  private Run plainJava() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            "java",
            "-jar",
            home.resolve("target/tcplint.jar").toString(),
            "check",
            "-f",
            "json",
            CAPTURE);
    Path out = home.resolve("plain.txt");
    pb.redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
    int exit = pb.start().waitFor();
    return new Run(exit, Files.readString(out), "");
  }

  private List<Path> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(home.resolve("target"))) {
      return files.filter(p -> p.getFileName().toString().startsWith("tcplint.jsa.")).toList();
    }
  }

  @Test
  void theFirstRunWritesTheArchiveAndLaterRunsMapItWithTheSameReport() throws Exception {
    Run plain = plainJava();
    assertEquals(0, plain.exit());
    assertTrue(plain.out().contains("\"schemaVersion\""), plain.out());

    Run first = launcher(Map.of(), "check", "-f", "json", CAPTURE);
    assertEquals(new Run(0, plain.out(), ""), first);
    assertTrue(Files.size(archive) > 100_000, "archive written: " + Files.size(archive));
    assertEquals(List.of(), leftovers());

    // -Xshare:on makes the JVM fail instead of running without the archive when it cannot map it.
    Run second =
        launcher(Map.of("TCPLINT_JAVA_OPTS", "-Xshare:on"), "check", "-f", "json", CAPTURE);
    assertEquals(new Run(0, plain.out(), ""), second);
  }

  @Test
  void theHeapFollowsTheThreadsButTheConversationCapDoesNot() throws Exception {
    // 70,000 SYNs of distinct sources fill the default flow table of a 256 MiB heap (43,690); the
    // launcher gives -j 4 a larger heap than -j 1, yet the cap and so the report stay the same.
    Path flood = home.resolve("flood.pcapng");
    org.tcplint.bench.TraceGenerator.synFlood(flood, 70_000, 5);
    Map<String, String> env = Map.of("TCPLINT_CDS", "0");
    Run one =
        launcher(env, "check", "-f", "json", "--fail-on", "never", "-j", "1", flood.toString());
    Run four = launcher(env, "check", "-f", "json", "--fail-on", "never", "-j4", flood.toString());
    assertEquals(0, one.exit(), one.err());
    assertTrue(one.out().contains("capture.flow-table-full"), one.out().substring(0, 400));
    assertTrue(one.out().contains("(43690 conversations held at once)"), "the 256 MiB cap");
    assertEquals(one, four);
  }

  @Test
  void anUnusableArchiveIsIgnoredSilently() throws Exception {
    Files.writeString(archive, "not an archive");
    Files.setLastModifiedTime(
        archive,
        FileTime.fromMillis(
            Files.getLastModifiedTime(home.resolve("target/tcplint.jar")).toMillis() + 5_000));
    Run run = launcher(Map.of(), "check", "-f", "json", CAPTURE);
    assertEquals(new Run(0, plainJava().out(), ""), run);
  }

  @Test
  void aRebuiltJarGetsANewArchive() throws Exception {
    Files.writeString(archive, "from an older build");
    Files.setLastModifiedTime(archive, FileTime.fromMillis(0));
    Run run = launcher(Map.of(), "check", "-q", CAPTURE);
    assertEquals(0, run.exit(), run.err());
    assertTrue(Files.size(archive) > 100_000, "archive rewritten");
    assertEquals(List.of(), leftovers());
  }

  @Test
  void onlyACheckWritesTheArchiveSoThatItHoldsTheClassesAChecksNeeds() throws Exception {
    Run version = launcher(Map.of(), "--version");
    assertEquals(0, version.exit(), version.err());
    assertTrue(version.out().startsWith("tcplint "), version.out());
    assertFalse(Files.exists(archive));
    assertEquals(0, launcher(Map.of(), "check", "-q", CAPTURE).exit());
    assertTrue(Files.exists(archive));
  }

  @Test
  void exitCodesPassThroughAndCdsCanBeTurnedOff() throws Exception {
    Run missing = launcher(Map.of("TCPLINT_CDS", "0"), "check", "/nonexistent/x.pcapng");
    assertEquals(3, missing.exit(), missing.err()); // unreadable input
    assertFalse(Files.exists(archive), "TCPLINT_CDS=0 writes no archive");
    Run usage = launcher(Map.of(), "check", "--no-such-option");
    assertEquals(2, usage.exit(), usage.err()); // usage error
    assertTrue(Files.exists(archive), "written whatever the exit code");
    Run unreadable = launcher(Map.of(), "check", "/nonexistent/x.pcapng");
    assertEquals(3, unreadable.exit(), unreadable.err());
  }

  // names that are not UTF-8, and names that are but not ASCII, under the C locale
  @Test
  void fileNamesKeepTheirBytesWhateverTheLocale() throws Exception {
    Path data = Files.createDirectory(home.resolve("data"));
    Files.copy(Path.of(CAPTURE), Path.of(java.net.URI.create(data.toUri() + "a%FFb.pcapng")));
    Files.copy(Path.of(CAPTURE), Path.of(java.net.URI.create(data.toUri() + "caf%C3%A9.pcapng")));
    String script =
        "cd \"$1\" && sh \"$2\" check -f jsonl \"$(printf 'a\\377b.pcapng')\""
            + " \"$(printf 'caf\\303\\251.pcapng')\" . > \"$3\" 2> \"$4\"";
    Path out = home.resolve("out.txt");
    Path err = home.resolve("err.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
            "sh",
            "-c",
            script,
            "sh",
            data.toString(),
            home.resolve("tcplint").toString(),
            out.toString(),
            err.toString());
    for (String v : List.of("LANG", "LC_ALL", "LC_CTYPE", "LANGUAGE", "TCPLINT_JAVA_OPTS")) {
      pb.environment().remove(v);
    }
    pb.environment().put("TCPLINT_CDS", "0");
    assertEquals(0, pb.start().waitFor(), Files.readString(err));
    assertEquals("", Files.readString(err));
    List<String> paths =
        Files.readAllLines(out).stream()
            .map(l -> l.substring(0, l.indexOf("\",\"rule\"")))
            .toList();
    assertEquals(
        List.of(
            "{\"path\":\"a\\\\xffb.pcapng",
            "{\"path\":\"café.pcapng",
            "{\"path\":\"./a\\\\xffb.pcapng",
            "{\"path\":\"./café.pcapng"),
        paths);
  }
}
