package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line contract: exit codes, JSON schema fields, capture faults with offsets. */
class CheckCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void seedMistakeIsAnErrorWithExitCodeOne() {
    assertEquals(1, run("check", "-f", "json", "testdata/seed-wrong-synack-ack.pcapng"));
    JsonObject doc = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    assertEquals(1, doc.get("schemaVersion").getAsInt());
    JsonObject file = doc.getAsJsonArray("files").get(0).getAsJsonObject();
    JsonObject conv = file.getAsJsonArray("conversations").get(0).getAsJsonObject();
    assertEquals("192.0.2.1:50000", conv.get("client").getAsString());
    assertEquals("three-way", conv.get("open").getAsString());
    assertEquals(7, conv.get("completeness").getAsInt());
    assertEquals("S1", conv.get("connState").getAsString());
    assertEquals("ShA", conv.get("history").getAsString());
    JsonObject f = file.getAsJsonArray("findings").get(0).getAsJsonObject();
    assertEquals("handshake.synack-wrong-ack", f.get("rule").getAsString());
    assertEquals(2, f.get("frame").getAsInt());
    assertEquals(501, f.get("expected").getAsLong());
    assertEquals(5001, f.get("actual").getAsLong());
    assertEquals("server-to-client", f.get("direction").getAsString());
  }

  @Test
  void failOnNeverAndRuleOffGiveZero() {
    assertEquals(
        0, run("check", "-q", "--fail-on", "never", "testdata/seed-wrong-synack-ack.pcapng"));
    assertEquals(
        0,
        run("check", "-q", "--rule", "handshake.*=off", "testdata/seed-wrong-synack-ack.pcapng"));
    assertEquals(0, run("check", "-q", "testdata/clean-http.pcapng"));
  }

  @Test
  void usageErrorsNameTheProblem() {
    assertEquals(2, run("check", "--rule", "no.such-rule=off", "testdata"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("no.such-rule"));
    assertEquals(2, run("check", "--bogus", "testdata"));
    assertEquals(2, run("nonsense"));
  }

  @Test
  void anyNumberOfThreadsGivesTheSameReport() throws Exception {
    Path big = dir.resolve("big.pcapng");
    org.tcplint.bench.TraceGenerator.generate(big, 12L << 20, 3); // read in several chunks
    run("check", "-f", "json", "--fail-on", "never", "-j", "1", big.toString());
    String one = out.toString(StandardCharsets.UTF_8);
    assertTrue(one.contains("\"conversations\": ["), one.substring(0, 200));
    for (String[] threads : new String[][] {{"-j", "2"}, {"-j", "3"}, {"--shards", "3"}}) {
      out.reset();
      assertEquals(
          0,
          run("check", "-f", "json", "--fail-on", "never", threads[0], threads[1], big.toString()));
      assertEquals(one, out.toString(StandardCharsets.UTF_8), String.join(" ", threads));
    }
    err.reset();
    assertEquals(2, run("check", "--shards", "0", "testdata"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--shards"));
    assertEquals(2, run("check", "--shards", "x", "testdata"));
    assertEquals(2, run("check", "-j", "0", "testdata"));
    assertEquals(2, run("check", "-j", "257", "testdata"));
  }

  @Test
  void truncatedCaptureGivesExitThreeWithOffsetAndKeepsEarlierPackets() throws Exception {
    byte[] good = Files.readAllBytes(Path.of("testdata/clean-http.pcapng"));
    Path cut = dir.resolve("cut.pcapng");
    Files.write(cut, Arrays.copyOf(good, good.length - 20));
    assertEquals(3, run("check", "-f", "json", cut.toString(), "testdata/clean-http.pcapng"));
    JsonObject doc = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    JsonObject file = doc.getAsJsonArray("files").get(0).getAsJsonObject();
    assertEquals(10, file.get("packets").getAsInt());
    JsonObject fault =
        file.getAsJsonArray("findings").asList().stream()
            .map(e -> e.getAsJsonObject())
            .filter(o -> o.get("rule").getAsString().equals("capture.truncated"))
            .findFirst()
            .orElseThrow();
    assertTrue(fault.get("offset").getAsLong() > 0);
    assertEquals(2, doc.getAsJsonArray("files").size());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("cut.pcapng"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("byte offset"));
  }

  @Test
  void packetsListsBeforeTheFaultAndExitsThree() throws Exception {
    byte[] good = Files.readAllBytes(Path.of("testdata/clean-http.pcapng"));
    Path cut = dir.resolve("cut.pcapng");
    Files.write(cut, Arrays.copyOf(good, good.length - 20));
    assertEquals(3, run("packets", "-f", "json", cut.toString()));
    assertEquals(10, out.toString(StandardCharsets.UTF_8).lines().count());
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.contains("cut.pcapng") && e.contains("byte offset"), e);
  }

  @Test
  void corruptFileInTheMiddleOfAnArchiveLeavesTheOthersIntact() throws Exception {
    Path archive = dir.resolve("archive");
    Files.createDirectories(archive);
    Files.copy(Path.of("testdata/clean-http.pcapng"), archive.resolve("a.pcapng"));
    byte[] bad = Files.readAllBytes(Path.of("testdata/seed-wrong-synack-ack.pcapng"));
    bad[bad.length - 84] = 0x7F; // the last block's length field: 127, not a multiple of 4
    Files.write(archive.resolve("b.pcapng"), bad);
    Files.copy(Path.of("testdata/rules/seq.gap.pcapng"), archive.resolve("c.pcapng"));
    for (String jobs : new String[] {"1", "2"}) {
      out.reset();
      err.reset();
      assertEquals(3, run("check", "-j", jobs, "-f", "json", archive.toString()));
      JsonObject doc =
          JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
      var files = doc.getAsJsonArray("files");
      assertEquals(3, files.size());
      assertEquals(11, files.get(0).getAsJsonObject().get("packets").getAsInt());
      assertEquals(5, files.get(2).getAsJsonObject().get("packets").getAsInt());
      JsonObject b = files.get(1).getAsJsonObject();
      assertTrue(b.has("error"), b.toString());
      assertTrue(
          b.getAsJsonArray("findings").asList().stream()
              .anyMatch(
                  f ->
                      f.getAsJsonObject().get("rule").getAsString().startsWith("capture.")
                          && f.getAsJsonObject().has("offset")),
          b.toString());
      String e = err.toString(StandardCharsets.UTF_8);
      assertTrue(e.contains("b.pcapng") && e.contains("byte offset"), e);
    }
  }

  @Test
  void resultsComeInInputOrderHoweverManyRunAtOnce() throws Exception {
    java.util.List<Path> inputs = org.tcplint.testing.Testdata.captures();
    java.util.List<String> expected = new java.util.ArrayList<>();
    java.util.List<Path> done = new java.util.ArrayList<>();
    try (org.tcplint.api.Tcplint one = org.tcplint.api.Tcplint.builder().threads(1).build()) {
      for (org.tcplint.check.FileResult r : one.checkAll(inputs, n -> {}, (p, t) -> done.add(p))) {
        expected.add(r.path() + " " + r.packets() + " " + r.findings());
      }
    }
    assertTrue(expected.size() > 50, "testdata captures: " + expected.size());
    assertEquals(inputs, done);
    for (int threads : new int[] {2, 3, 8}) {
      java.util.List<String> got = new java.util.ArrayList<>();
      java.util.Set<Path> ended = java.util.concurrent.ConcurrentHashMap.newKeySet();
      try (org.tcplint.api.Tcplint t = org.tcplint.api.Tcplint.builder().threads(threads).build()) {
        for (org.tcplint.check.FileResult r : t.checkAll(inputs, n -> {}, (p, x) -> ended.add(p))) {
          got.add(r.path() + " " + r.packets() + " " + r.findings());
        }
      }
      assertEquals(expected, got, threads + " threads");
      assertEquals(new java.util.HashSet<>(inputs), ended);
    }
  }

  @Test
  void progressGoesToStandardErrorWithALinePerFileAndATotal() {
    String clean = "testdata/clean-http.pcapng";
    String seed = "testdata/seed-wrong-synack-ack.pcapng";
    assertEquals(1, run("check", "--progress", "-f", "json", clean, seed));
    JsonObject doc = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    assertEquals(2, doc.getAsJsonArray("files").size()); // standard output is the report alone
    String e = progress();
    java.util.regex.Pattern perFile =
        java.util.regex.Pattern.compile(
            "(?m)^testdata/seed-wrong-synack-ack\\.pcapng: 3 packets, 1 conversations, 1 errors, 0"
                + " warnings, 1 info, [0-9.]+ MB/s$");
    assertTrue(perFile.matcher(e).find(), e);
    assertTrue(e.contains(clean + ": 11 packets, 1 conversations, 0 errors"), e);
    assertTrue(
        java.util.regex.Pattern.compile(
                "(?m)^total: 14 packets, 2 conversations, 1 errors, .* MB/s$")
            .matcher(e)
            .find(),
        e);
    assertTrue(e.contains("2/2 files"), e); // the bar
    assertTrue(e.indexOf(clean + ": ") < e.indexOf(seed + ": "), "input order: " + e);
    assertTrue(e.indexOf(seed + ": ") < e.indexOf("total: "), e);
    out.reset();
    err.reset();
    assertEquals(1, run("check", "--no-progress", "-f", "json", clean, seed));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aFileNamedTwiceGetsItsSpeedOnBothLines() {
    String clean = "testdata/clean-http.pcapng";
    for (String jobs : new String[] {"1", "2"}) {
      out.reset();
      err.reset();
      assertEquals(0, run("check", "--progress", "-j", jobs, "-f", "json", clean, clean));
      String e = progress();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "(?m)^testdata/clean-http\\.pcapng: 11 packets, 1 conversations, 0 errors, 0"
                      + " warnings, 1 info(.*)$")
              .matcher(e);
      int lines = 0;
      while (m.find()) {
        lines++;
        assertTrue(m.group(1).matches(", [0-9.]+ MB/s"), "-j " + jobs + ": " + e);
      }
      assertEquals(2, lines, "-j " + jobs + ": " + e);
    }
  }

  /** Standard error with the progress bar's line erasures as line breaks. */
  private String progress() {
    return err.toString(StandardCharsets.UTF_8).replace(Progress.ERASE_LINE, "\n");
  }

  /** The "total:" line of the progress output: its packets and conversations. */
  private String total() {
    String e = progress();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^total: ([0-9]+ packets, [0-9]+ conversations), ")
            .matcher(e);
    assertTrue(m.find(), e);
    return m.group(1);
  }

  @Test
  void reportsThatPrintOnlyTheCountCountEveryConversation() {
    // jsonl, sarif, github and the quiet text report print no conversation, so their checks keep
    // no summaries: the counts must be those of a check that keeps them.
    String[] inputs = {"testdata/", "testdata/clean-http.pcapng"};
    for (String input : inputs) {
      out.reset();
      err.reset();
      run("check", "--progress", "-f", "json", input);
      JsonObject doc =
          JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
      int listed = 0;
      for (var f : doc.getAsJsonArray("files")) {
        listed += f.getAsJsonObject().getAsJsonArray("conversations").size();
      }
      String expected = total();
      assertTrue(expected.endsWith(" " + listed + " conversations"), expected + " / " + listed);
      assertTrue(listed > 0);
      for (String format : new String[] {"jsonl", "sarif", "github"}) {
        out.reset();
        err.reset();
        run("check", "--progress", "-f", format, input);
        assertEquals(expected, total(), format + " " + input);
        if (format.equals("sarif")) {
          JsonObject sarif =
              JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
          int counted = 0;
          for (var a :
              sarif.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("artifacts")) {
            counted +=
                a.getAsJsonObject().getAsJsonObject("properties").get("conversations").getAsInt();
          }
          assertEquals(listed, counted, input);
        }
      }
      // The quiet text report, its summary line alone.
      out.reset();
      err.reset();
      run("check", "-q", input);
      String line = out.toString(StandardCharsets.UTF_8);
      assertTrue(line.contains(" packets, " + listed + " conversations: "), line);
    }
    // A filter that selects conversations keeps their summaries, whatever the format: the file's
    // line counts those selected (the total line counts all that were read).
    for (String format : new String[] {"jsonl", "sarif", "github", "json"}) {
      for (String stream : new String[] {"0", "1"}) {
        out.reset();
        err.reset();
        run("check", "--progress", "--stream", stream, "-f", format, "testdata/clean-http.pcapng");
        String e = progress();
        String line =
            "testdata/clean-http.pcapng: 11 packets, "
                + (stream.equals("0") ? 1 : 0)
                + " conversations, ";
        assertTrue(e.contains(line), format + " --stream " + stream + ": " + e);
      }
    }
  }

  /** Whether {@code check} with these options keeps the conversations' summaries. */
  private static boolean keeps(String... args) throws Exception {
    org.apache.commons.cli.CommandLine cl =
        new org.apache.commons.cli.DefaultParser().parse(CheckCommand.options(), args);
    return CheckCommand.keepsSummaries(CheckCommand.formats(cl), cl.hasOption("q"), Filters.of(cl));
  }

  @Test
  void summariesAreKeptOnlyWhereAReportOrAFilterReadsThem() throws Exception {
    assertTrue(keeps("x.pcapng")); // text lists conversations
    assertTrue(keeps("-f", "json", "x.pcapng"));
    assertTrue(keeps("-f", "junit", "x.pcapng"));
    assertTrue(keeps("-f", "html", "x.pcapng"));
    assertTrue(keeps("-f", "wireshark", "x.pcapng"));
    assertTrue(keeps("-q", "-f", "json", "x.pcapng")); // -q quiets the text report alone
    assertTrue(keeps("-f", "github", "-f", "json", "x.pcapng"));
    assertTrue(keeps("-f", "sarif", "--stream", "3", "x.pcapng"));
    assertTrue(keeps("-f", "jsonl", "--rule-only", "handshake.*", "x.pcapng"));
    assertTrue(keeps("-f", "github", "--frame", "1-10", "x.pcapng"));
    org.junit.jupiter.api.Assertions.assertFalse(keeps("-f", "jsonl", "x.pcapng"));
    org.junit.jupiter.api.Assertions.assertFalse(keeps("-f", "github", "-f", "sarif", "x.pcapng"));
    org.junit.jupiter.api.Assertions.assertFalse(keeps("-q", "x.pcapng"));
    org.junit.jupiter.api.Assertions.assertFalse(
        keeps("-q", "-f", "text", "-f", "sarif", "x.pcapng"));
  }
}
