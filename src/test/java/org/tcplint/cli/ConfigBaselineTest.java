package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.testing.CaptureBuilder;

/** Config precedence, rule patterns, suppressions with reasons, and baselines. */
class ConfigBaselineTest {
  @TempDir Path dir;
  private String stdout;
  private String stderr;

  int run(String... args) {
    org.tcplint.testing.Cli.Result r = org.tcplint.testing.Cli.result(args);
    int code = r.code();
    stdout = r.out();
    stderr = r.err();
    return code;
  }

  Path config(String json) throws Exception {
    Path p = dir.resolve("tcplint.json");
    Files.writeString(p, json);
    return p;
  }

  JsonArray findings() {
    return JsonParser.parseString(stdout)
        .getAsJsonObject()
        .getAsJsonArray("files")
        .get(0)
        .getAsJsonObject()
        .getAsJsonArray("findings");
  }

  static final String SEED = "testdata/seed-wrong-synack-ack.pcapng";

  @Test
  void configLevelsAndCommandLineOverride() throws Exception {
    Path c = config("{\"rules\": {\"handshake.*\": \"warning\", \"close.open-at-end\": \"off\"}}");
    assertEquals(0, run("check", "--config", c.toString(), "-f", "json", SEED));
    assertEquals(1, findings().size());
    assertEquals("warning", findings().get(0).getAsJsonObject().get("severity").getAsString());
    // the command line wins over the file, the last --rule wins over earlier ones
    assertEquals(
        1,
        run(
            "check",
            "--config",
            c.toString(),
            "--rule",
            "handshake.synack-wrong-ack=info",
            "--rule",
            "handshake.synack-wrong-ack=error",
            SEED));
    Path failOn = config("{\"failOn\": \"warning\", \"rules\": {\"handshake.*\": \"warning\"}}");
    assertEquals(1, run("check", "--config", failOn.toString(), SEED));
    assertEquals(0, run("check", "--config", failOn.toString(), "--fail-on", "error", SEED));
  }

  @Test
  void unknownKeysRuleIdsAndMissingReasonsAreUsageErrors() throws Exception {
    assertEquals(2, run("check", "--config", config("{\"rulez\": {}}").toString(), SEED));
    assertTrue(stderr.contains("unknown key 'rulez'"), stderr);
    assertEquals(
        2,
        run(
            "check",
            "--config",
            config("{\"rules\": {\"handshake.nope\": \"off\"}}").toString(),
            SEED));
    assertTrue(stderr.contains("handshake.nope"), stderr);
    assertEquals(
        2,
        run(
            "check",
            "--config",
            config("{\"suppressions\": [{\"rule\": \"seq.gap\"}]}").toString(),
            SEED));
    assertTrue(stderr.contains("suppressions[0].reason is required"), stderr);
    assertEquals(
        2,
        run(
            "check",
            "--config",
            config("{\"suppressions\": [{\"rule\": \"seq.gap\", \"reason\": \"x\", \"fram\": 3}]}")
                .toString(),
            SEED));
    assertTrue(stderr.contains("unknown key 'suppressions[0].fram'"), stderr);
    assertEquals(
        2,
        run("check", "--config", config("{\"defaults\": {\"windowScale\": 20}}").toString(), SEED));
    assertTrue(stderr.contains("defaults.windowScale"), stderr);
  }

  @Test
  void suppressionsSelectByFileStreamFrameAndAddress() throws Exception {
    for (String selector :
        List.of(
            "\"file\": \"seed-*.pcapng\"",
            "\"stream\": 0",
            "\"frame\": 2",
            "\"address\": \"198.51.100.7:80\"")) {
      Path c =
          config(
              "{\"suppressions\": [{\"rule\": \"handshake.synack-wrong-ack\", "
                  + selector
                  + ", \"reason\": \"the seed notes' known mistake\"}]}");
      assertEquals(0, run("check", "--config", c.toString(), "-f", "json", SEED), selector);
      assertEquals(
          1,
          JsonParser.parseString(stdout)
              .getAsJsonObject()
              .getAsJsonObject("summary")
              .get("suppressed")
              .getAsInt(),
          selector);
    }
    for (String selector :
        List.of(
            "\"file\": \"other.pcapng\"",
            "\"stream\": 1",
            "\"frame\": 3",
            "\"address\": \"198.51.100.7:81\"")) {
      Path c =
          config(
              "{\"suppressions\": [{\"rule\": \"handshake.synack-wrong-ack\", "
                  + selector
                  + ", \"reason\": \"r\"}]}");
      assertEquals(1, run("check", "--config", c.toString(), SEED), selector);
    }
  }

  @Test
  void baselineSurvivesReRecordingAndStillReportsNewFindings() throws Exception {
    Path original = dir.resolve("capture.pcapng");
    Files.write(
        original,
        CaptureBuilder.tcp()
            .c("S", 500, 0)
            .s("SA", 9000, 5001)
            .c("A", 501, 9001)
            .c("PA", 501, 9001)
            .len(10)
            .c("PA", 501, 9001)
            .len(10)
            .pcapng());
    Path baseline = dir.resolve("baseline.json");
    assertEquals(
        1, run("check", "-q", "--write-baseline", baseline.toString(), original.toString()));

    // Re-recorded: other timestamps, an unrelated conversation first (other frame numbers).
    Path again = dir.resolve("again").resolve("capture.pcapng");
    Files.createDirectories(again.getParent());
    Files.write(
        again,
        CaptureBuilder.tcp()
            .client("192.0.2.99", 40000)
            .c("S", 1, 0)
            .sleep(5_000_000L)
            .client("192.0.2.1", 50000)
            .c("S", 500, 0)
            .s("SA", 9000, 5001)
            .c("A", 501, 9001)
            .c("PA", 501, 9001)
            .len(10)
            .c("PA", 501, 9001)
            .len(10)
            .pcapng());
    assertEquals(
        0,
        run(
            "check",
            "--baseline",
            baseline.toString(),
            "--fail-on",
            "warning",
            "-f",
            "json",
            again.toString()));
    JsonObject summary =
        JsonParser.parseString(stdout).getAsJsonObject().getAsJsonObject("summary");
    assertTrue(summary.get("baselined").getAsInt() >= 3, stdout);
    assertTrue(
        findings().asList().stream()
            .allMatch(f -> f.getAsJsonObject().get("stream").getAsInt() == 0),
        "only the unrelated conversation's findings are new: " + findings());

    // A new violation in the baselined conversation is still reported.
    Files.write(
        again,
        CaptureBuilder.tcp()
            .c("S", 500, 0)
            .s("SA", 9000, 5001)
            .c("A", 501, 9001)
            .c("PA", 501, 9001)
            .len(10)
            .c("PA", 501, 9001)
            .len(10)
            .c("PA", 700, 9001)
            .len(10)
            .pcapng());
    assertEquals(
        0,
        run(
            "check",
            "--baseline",
            baseline.toString(),
            "-f",
            "json",
            "--fail-on",
            "never",
            again.toString()));
    assertEquals(
        List.of("seq.gap"),
        findings().asList().stream()
            .map(f -> f.getAsJsonObject().get("rule").getAsString())
            .toList());
    assertEquals(0, run("check", "--baseline", baseline.toString(), "-q", again.toString()));
    assertTrue(stdout.contains("in the baseline, not shown"), stdout);
  }

  @Test
  void fingerprintsNameTheClientThenTheServer() throws Exception {
    // The SYN's sender is the client (RFC 9293 §3.5), whichever address sorts first: here once the
    // client's, once the server's. Each SYN-ACK acknowledges 5001 for the SYN's 500.
    Path capture = dir.resolve("capture.pcapng");
    Files.write(
        capture,
        CaptureBuilder.tcp()
            .c("S", 500, 0)
            .s("SA", 9000, 5001)
            .done()
            .client("203.0.113.9", 40000)
            .c("S", 500, 0)
            .s("SA", 9000, 5001)
            .pcapng());
    Path baseline = dir.resolve("baseline.json");
    run("check", "-q", "--write-baseline", baseline.toString(), capture.toString());
    List<String> keys =
        JsonParser.parseString(Files.readString(baseline))
            .getAsJsonObject()
            .getAsJsonObject("fingerprints")
            .keySet()
            .stream()
            .filter(k -> k.startsWith("handshake.synack-wrong-ack|"))
            .sorted()
            .toList();
    assertEquals(2, keys.size(), String.valueOf(keys));
    assertTrue(
        keys.get(0)
            .startsWith(
                "handshake.synack-wrong-ack|capture.pcapng|192.0.2.1:50000 198.51.100.7:80|"),
        keys.get(0));
    assertTrue(
        keys.get(1)
            .startsWith(
                "handshake.synack-wrong-ack|capture.pcapng|203.0.113.9:40000 198.51.100.7:80|"),
        keys.get(1));
  }
}
