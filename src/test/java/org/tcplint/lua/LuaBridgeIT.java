package org.tcplint.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.testing.SharedCaptures;

/**
 * The lua-bridge in real tshark: for every capture in testdata/ and the shared corpus, the (frame,
 * rule) pairs tshark shows with the plugin ({@code -Y tcplint -e tcplint.rule}) equal tcplint's
 * JSON findings; no Lua error on stderr nor in {@code _ws.lua.error} (tshark exits 0 when a script
 * fails); {@code tshark -z expert} lists the findings with their severities. Needs tshark: skipped
 * without it, a failure under CI=true.
 */
class LuaBridgeIT {
  static final Path PLUGIN = Path.of("lua-bridge/tcplint.lua");
  @TempDir static Path tmp;

  @BeforeAll
  static void tshark() {
    boolean present =
        Stream.of(System.getenv("PATH").split(":"))
            .anyMatch(d -> Files.isExecutable(Path.of(d, "tshark")));
    if (!present) {
      if ("true".equals(System.getenv("CI"))) {
        fail("tshark is not installed (CI installs it in .ci/run)");
      }
      Assumptions.abort("tshark is not installed; skipping the lua-bridge tests");
    }
  }

  record Run(int code, String out, String err) {}

  static Run tshark(List<String> args) throws IOException, InterruptedException {
    Path home = Files.createTempDirectory(tmp, "home");
    List<String> cmd = new ArrayList<>(List.of("tshark"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HOME", home.toString());
    pb.environment().put("LC_ALL", "C.UTF-8");
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    int code = pb.start().waitFor();
    return new Run(code, Files.readString(out), Files.readString(err));
  }

  static String tcplint(String... args) {
    return org.tcplint.testing.Cli.run(args);
  }

  static List<Path> captures() throws IOException {
    List<Path> all = new ArrayList<>();
    all.addAll(org.tcplint.testing.Testdata.captures());
    all.addAll(SharedCaptures.all());
    return all;
  }

  static String stderrProblems(String err) {
    StringBuilder sb = new StringBuilder();
    for (String line : err.split("\n")) {
      if (line.contains("Lua") || line.contains("lua")) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }

  @TestFactory
  Stream<DynamicTest> tsharkShowsExactlyTcplintsFindings() throws IOException {
    return captures().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.toString(),
                    () -> {
                      Path tsv = Files.createTempFile(tmp, "findings", ".tsv");
                      Path json = Files.createTempFile(tmp, "findings", ".json");
                      tcplint(
                          "check",
                          "-f",
                          "json",
                          "-f",
                          "wireshark",
                          "-o",
                          json.toString(),
                          "-o",
                          tsv.toString(),
                          "--fail-on",
                          "never",
                          c.toString());
                      JsonObject file =
                          JsonParser.parseString(Files.readString(json))
                              .getAsJsonObject()
                              .getAsJsonArray("files")
                              .get(0)
                              .getAsJsonObject();
                      long packets = file.get("packets").getAsLong();
                      TreeSet<String> expected = new TreeSet<>();
                      for (JsonElement e : file.getAsJsonArray("findings")) {
                        JsonObject f = e.getAsJsonObject();
                        long frame = f.get("frame").getAsLong();
                        if (frame >= 1 && frame <= packets) {
                          expected.add(frame + " " + f.get("rule").getAsString());
                        }
                      }
                      Run r =
                          tshark(
                              List.of(
                                  "-n",
                                  "-r",
                                  c.toString(),
                                  "-X",
                                  "lua_script:" + PLUGIN,
                                  "-o",
                                  "tcplint.findings:" + tsv,
                                  "-Y",
                                  "tcplint || _ws.lua.error",
                                  "-T",
                                  "fields",
                                  "-e",
                                  "frame.number",
                                  "-e",
                                  "tcplint.rule",
                                  "-e",
                                  "_ws.lua.error"));
                      assertEquals("", stderrProblems(r.err()), c + ": Lua errors on stderr");
                      TreeSet<String> shown = new TreeSet<>();
                      for (String line : r.out().split("\n")) {
                        if (line.isBlank()) {
                          continue;
                        }
                        String[] cols = line.split("\t", -1);
                        assertEquals(
                            "",
                            cols.length > 2 ? cols[2] : "",
                            c + ": _ws.lua.error in frame " + cols[0]);
                        for (String rule : cols[1].split(",")) {
                          if (!rule.isEmpty()) {
                            shown.add(cols[0] + " " + rule);
                          }
                        }
                      }
                      // Also when tshark stops at a broken block: it still shows the frames before
                      // it, and so
                      // does tcplint (a capture tshark refuses outright has no frames on either
                      // side).
                      assertEquals(expected, shown, c + ": tshark with the plugin vs tcplint JSON");
                    }));
  }

  @Test
  void expertInfoListsFindingsWithTheirSeverities() throws Exception {
    Path capture = Path.of("testdata/rules/close.fin-ack-wrong.pcapng");
    Path tsv = tmp.resolve("fin.tsv");
    tcplint(
        "check", "-f", "wireshark", "-o", tsv.toString(), "--fail-on", "never", capture.toString());
    JsonObject file =
        JsonParser.parseString(
                tcplint("check", "-f", "json", "--fail-on", "never", capture.toString()))
            .getAsJsonObject()
            .getAsJsonArray("files")
            .get(0)
            .getAsJsonObject();
    Map<String, Integer> expected = new TreeMap<>();
    for (JsonElement e : file.getAsJsonArray("findings")) {
      String sev =
          switch (e.getAsJsonObject().get("severity").getAsString()) {
            case "error" -> "Errors";
            case "warning" -> "Warns";
            default -> "Notes";
          };
      expected.merge(sev, 1, Integer::sum);
    }
    Run r =
        tshark(
            List.of(
                "-n",
                "-r",
                capture.toString(),
                "-X",
                "lua_script:" + PLUGIN,
                "-o",
                "tcplint.findings:" + tsv,
                "-q",
                "-z",
                "expert"));
    Map<String, Integer> shown = new TreeMap<>();
    String section = null;
    for (String line : r.out().split("\n")) {
      if (line.matches("^(Errors|Warns|Notes|Chats) \\(\\d+\\)$")) {
        section = line.substring(0, line.indexOf(' '));
      } else if (section != null && line.contains("TCPLINT")) {
        int n = Integer.parseInt(line.trim().split("\\s+")[0]);
        shown.merge(section, n, Integer::sum);
      }
    }
    assertFalse(expected.isEmpty());
    assertEquals(expected, shown, r.out());
  }

  @Test
  void findingsForAnotherCaptureAreRefusedVisibly() throws Exception {
    Path tsv = tmp.resolve("seed.tsv");
    tcplint(
        "check", "-f", "wireshark", "-o", tsv.toString(), "testdata/seed-wrong-synack-ack.pcapng");
    Run r =
        tshark(
            List.of(
                "-n",
                "-r",
                "testdata/clean-http.pcapng",
                "-X",
                "lua_script:" + PLUGIN,
                "-o",
                "tcplint.findings:" + tsv,
                "-Y",
                "tcplint",
                "-T",
                "fields",
                "-e",
                "frame.number",
                "-e",
                "tcplint.rule",
                "-e",
                "_ws.expert.message"));
    String[] lines = r.out().strip().split("\n");
    assertEquals(1, lines.length, r.out());
    assertTrue(lines[0].startsWith("1\t\t"), r.out());
    assertTrue(lines[0].contains("findings file does not match this capture"), r.out());
  }

  @Test
  void sidecarEnvironmentAndCommandSourcesWork() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("dir with space"));
    Path capture = dir.resolve("it's $x.pcapng");
    Files.copy(Path.of("testdata/seed-wrong-synack-ack.pcapng"), capture);
    List<String> show =
        List.of(
            "-n",
            "-r",
            capture.toString(),
            "-X",
            "lua_script:" + PLUGIN,
            "-Y",
            "tcplint",
            "-T",
            "fields",
            "-e",
            "frame.number",
            "-e",
            "tcplint.rule");
    String want = "2\thandshake.synack-wrong-ack\n3\tclose.open-at-end\n";
    // the tcplint command (paths with spaces, quotes and $ quoted safely)
    Path launcher = tmp.resolve("tcplint-launcher");
    Files.writeString(
        launcher,
        "#!/bin/sh\nexec java -cp '"
            + System.getProperty("java.class.path")
            + "' org.tcplint.cli.Main \"$@\"\n");
    launcher.toFile().setExecutable(true);
    List<String> withCommand = new ArrayList<>(show);
    withCommand.addAll(List.of("-o", "tcplint.command:" + launcher));
    assertEquals(want, tshark(withCommand).out());
    // the sidecar next to the capture
    tcplint("wireshark", "--tshark", capture.toString());
    assertTrue(Files.exists(Path.of(capture + ".tcplint.tsv")));
    assertEquals(want, tshark(show).out());
  }
}
