package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture whose name is not UTF-8 ({@code a}, byte 0xFF, {@code b.pcapng}) is found, read and
 * named faithfully: {@code a\xffb.pcapng} where people read it, {@code a%FFb.pcapng} in URIs; its
 * report is that of the same capture under a plain name.
 */
class RawFileNamesTest {
  @TempDir Path dir;
  private Path good;
  private String name; // as the command line gives it: the byte as the escape U+DCFF
  private String shown; // as people read it
  private String stdout;
  private String stderr;

  /** A file in {@code dir} whose name has the bytes {@code %XX}-escaped in {@code encoded}. */
  private Path raw(String encoded) {
    return Path.of(URI.create(dir.toUri() + encoded));
  }

  @BeforeEach
  void captures() throws Exception {
    good = dir.resolve("good.pcapng");
    Files.copy(Path.of("testdata/clean-http.pcapng"), good);
    Files.copy(good, raw("a%FFb.pcapng"));
    name = dir + "/a\uDCFFb.pcapng";
    shown = dir + "/a\\xffb.pcapng";
  }

  private int run(String... args) {
    org.tcplint.testing.Cli.Result r = org.tcplint.testing.Cli.result(args);
    int code = r.code();
    stdout = r.out();
    stderr = r.err();
    return code;
  }

  @Test
  void theTextReportNamesItWithTheByteEscaped() {
    int goodExit = run("check", "--show", "info", good.toString());
    String goodReport = stdout;
    assertEquals(ExitCode.OK, goodExit);
    assertEquals(goodExit, run("check", "--show", "info", name));
    assertEquals(goodReport.replace(good.toString(), shown), stdout);
    assertTrue(stdout.startsWith("# " + shown + " stream 0: "), stdout);
    assertEquals("", stderr);
  }

  @Test
  void jsonHasTheEscapedNameAndSarifThePercentEncodedByte() {
    assertEquals(ExitCode.OK, run("check", "-f", "json", name));
    JsonObject file =
        JsonParser.parseString(stdout)
            .getAsJsonObject()
            .getAsJsonArray("files")
            .get(0)
            .getAsJsonObject();
    assertEquals(shown, file.get("path").getAsString());
    assertEquals(11, file.get("packets").getAsInt());

    assertEquals(ExitCode.OK, run("check", "-f", "sarif", "--show", "info", name));
    JsonObject sarifRun =
        JsonParser.parseString(stdout)
            .getAsJsonObject()
            .getAsJsonArray("runs")
            .get(0)
            .getAsJsonObject();
    String uri = dir.toUri().getRawPath() + "a%FFb.pcapng"; // the directory: plain letters
    assertEquals(
        uri,
        sarifRun
            .getAsJsonArray("artifacts")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("location")
            .get("uri")
            .getAsString());
    assertEquals(
        uri,
        sarifRun
            .getAsJsonArray("results")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("locations")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("physicalLocation")
            .getAsJsonObject("artifactLocation")
            .get("uri")
            .getAsString());
  }

  @Test
  void aDirectoryWalkFindsItAndTheOtherFormatsNameItSo() {
    assertEquals(ExitCode.OK, run("check", "-f", "jsonl", dir.toString()));
    assertTrue(stdout.startsWith("{\"path\":\"" + shown.replace("\\", "\\\\") + "\","), stdout);
    assertEquals(ExitCode.OK, run("check", "-f", "github", "--show", "info", dir.toString()));
    assertTrue(stdout.startsWith("::notice file=" + shown + ",title="), stdout);
    assertEquals(ExitCode.OK, run("check", "-f", "junit", name));
    assertTrue(stdout.contains("<testsuite name=\"" + shown + "\" tests=\"2\""), stdout);
    assertEquals(ExitCode.OK, run("check", "-f", "wireshark", name));
    assertTrue(stdout.contains("\tname=a\\xffb.pcapng\n"), stdout);
    assertEquals(ExitCode.OK, run("check", "--progress", name));
    assertTrue(
        stderr.contains(shown + ": 11 packets, 1 conversations, 0 errors, 0 warnings, 1 info"),
        stderr);
  }

  @Test
  void aMissingFileIsNamedWithTheByteEscaped() {
    assertEquals(ExitCode.BAD_INPUT, run("check", dir + "/no\uDCFFsuch.pcapng"));
    assertEquals("tcplint: " + dir + "/no\\xffsuch.pcapng: cannot read: no such file\n", stderr);
  }

  @Test
  void outputConfigAndBaselineFilesMayHaveSuchNamesToo() throws Exception {
    String report = dir + "/r\uDCFE.json";
    assertEquals(ExitCode.OK, run("check", "-f", "json", "-o", report, name));
    assertTrue(
        Files.readString(raw("r%FE.json"))
            .contains("\"path\": \"" + shown.replace("\\", "\\\\") + "\""));

    Files.writeString(raw("c%FE.json"), "{\"failOn\": \"info\"}");
    assertEquals(ExitCode.FINDINGS, run("check", "-q", "--config", dir + "/c\uDCFE.json", name));

    String baseline = dir + "/b\uDCFE.json";
    assertEquals(ExitCode.OK, run("check", "-q", "--write-baseline", baseline, name));
    assertTrue(Files.readString(raw("b%FE.json")).contains("|a\\\\xffb.pcapng|"));
    assertEquals(ExitCode.OK, run("check", "--fail-on", "info", "--baseline", baseline, name));
    assertEquals(
        "1 file, 11 packets, 1 conversations: 0 errors, 0 warnings, 0 info (1 in the baseline, not shown)\n",
        stdout);
  }

  @Test
  void packetsAndConversationsReadItToo() {
    assertEquals(ExitCode.OK, run("packets", good.toString()));
    String packets = stdout;
    assertEquals(ExitCode.OK, run("packets", name));
    assertEquals(packets, stdout);
    assertEquals(ExitCode.OK, run("conversations", good.toString()));
    String conversations = stdout;
    assertEquals(ExitCode.OK, run("conversations", name));
    assertEquals(conversations, stdout);
  }
}
