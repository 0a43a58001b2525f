package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --show} (what the reports for people list; the exit code still counts every finding) and
 * the filters {@code --stream}, {@code --frame}, {@code --rule-only} of check, packets and
 * conversations.
 */
class ShowAndFiltersTest {
  private static final String SEED = "testdata/seed-wrong-synack-ack.pcapng"; // error 2, info 3
  private static final String REUSE = "testdata/rules/conv.port-reuse.pcapng"; // streams 0, 1
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    out.reset();
    err.reset();
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void textListsWarningsAndErrorsAndCountsTheInfoByRule() {
    assertEquals(1, run("check", SEED));
    String text = out();
    assertTrue(text.contains(SEED + ":2: error handshake.synack-wrong-ack"), text);
    assertFalse(text.contains(": info "), text);
    assertTrue(
        text.endsWith(
            "1 file, 3 packets, 1 conversations: 1 error, 0 warnings, 1 info (1 info not shown:"
                + " close.open-at-end ×1; --show info to list them)\n"),
        text);
    assertEquals(1, run("check", "--show", "info", SEED));
    assertTrue(out().contains(SEED + ":3: info close.open-at-end"), out());
    assertTrue(out().endsWith(": 1 error, 0 warnings, 1 info\n"), out());
    assertEquals(1, run("check", "--show", "error", SEED));
    assertTrue(out().contains("(1 info not shown: close.open-at-end ×1;"), out()); // no warning
    assertEquals(0, run("check", "-q", "testdata/clean-http.pcapng"));
    assertEquals("1 file, 11 packets, 1 conversations: 0 errors, 0 warnings, 1 info\n", out());
  }

  @Test
  void theExitCodeCountsTheFindingsNotShown() {
    assertEquals(
        1, run("check", "--fail-on", "info", "--show", "error", "testdata/clean-http.pcapng"));
    assertFalse(out().contains(": info "), out());
    assertTrue(out().contains("1 info not shown: close.graceful-4way ×1"), out());
    // without --show, a --fail-on below warning is shown: what fails the run is listed
    assertEquals(1, run("check", "--fail-on", "info", "testdata/clean-http.pcapng"));
    assertTrue(out().contains(": info close.graceful-4way"), out());
    assertEquals(0, run("check", "--show", "info", "testdata/clean-http.pcapng"));
  }

  @Test
  void theFormatsForMachinesKeepEveryFinding() {
    run("check", "-f", "json", "--show", "error", SEED);
    JsonArray findings =
        JsonParser.parseString(out())
            .getAsJsonObject()
            .getAsJsonArray("files")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("findings");
    assertEquals(2, findings.size());
    run("check", "-f", "jsonl", "--show", "error", SEED);
    assertEquals(2, out().lines().count());
    run("check", "-f", "wireshark", "--show", "error", SEED);
    assertTrue(out().contains("\tclose.open-at-end\tinfo\t"), out());
  }

  @Test
  void theFormatsForPeopleAndCiLeaveOutWhatIsNotShown() {
    run("check", "-f", "github", SEED);
    assertEquals(1, out().lines().count(), out());
    assertTrue(out().startsWith("::error "), out());
    run("check", "-f", "github", "--show", "info", SEED);
    assertTrue(out().lines().anyMatch(l -> l.startsWith("::notice ")), out());

    run("check", "-f", "sarif", SEED);
    assertEquals(List.of("error"), sarifLevels());
    run("check", "-f", "sarif", "--show", "info", SEED);
    assertEquals(List.of("error", "note"), sarifLevels());

    run("check", "-f", "junit", "--fail-on", "info", "--show", "warning", SEED);
    assertEquals(1, out().split("<failure ").length - 1, out());
    run("check", "-f", "junit", "--fail-on", "info", SEED);
    assertEquals(2, out().split("<failure ").length - 1, out());
  }

  private List<String> sarifLevels() {
    return JsonParser.parseString(out())
        .getAsJsonObject()
        .getAsJsonArray("runs")
        .get(0)
        .getAsJsonObject()
        .getAsJsonArray("results")
        .asList()
        .stream()
        .map(r -> r.getAsJsonObject().get("level").getAsString())
        .toList();
  }

  private JsonObject file() {
    return JsonParser.parseString(out())
        .getAsJsonObject()
        .getAsJsonArray("files")
        .get(0)
        .getAsJsonObject();
  }

  private static List<String> rules(JsonObject file) {
    return file.getAsJsonArray("findings").asList().stream()
        .map(f -> f.getAsJsonObject().get("rule").getAsString())
        .toList();
  }

  private static List<Integer> streams(JsonObject file) {
    return file.getAsJsonArray("conversations").asList().stream()
        .map(c -> c.getAsJsonObject().get("stream").getAsInt())
        .toList();
  }

  @Test
  void checkFiltersFindingsAndConversations() {
    assertEquals(0, run("check", "-f", "json", "--fail-on", "info", "--stream", "7", REUSE));
    assertEquals(List.of(), streams(file()));
    assertEquals(List.of(), rules(file()));
    assertEquals(1, run("check", "-f", "json", "--fail-on", "info", "--stream", "0", REUSE));
    assertEquals(List.of(0), streams(file()));
    assertEquals(
        List.of("opt.mss-missing", "opt.mss-missing", "close.graceful-3way"), rules(file()));
    run("check", "-f", "json", "--frame", "6-7", REUSE);
    assertEquals(List.of(0, 1), streams(file()));
    assertTrue(
        file().getAsJsonArray("findings").asList().stream()
            .allMatch(f -> f.getAsJsonObject().get("frame").getAsInt() >= 6),
        out());
    run("check", "-f", "json", "--frame", "7", REUSE);
    assertEquals(List.of(1), streams(file()));
    run("check", "-f", "json", "--rule-only", "conv.*", REUSE);
    assertEquals(List.of(1), streams(file()));
    assertEquals(
        List.of("conv.one-direction", "conv.port-reuse", "conv.reuse-premature"), rules(file()));
    JsonObject summary = JsonParser.parseString(out()).getAsJsonObject().getAsJsonObject("summary");
    assertEquals(1, summary.get("conversations").getAsInt());
    assertEquals(3, summary.getAsJsonObject("findings").get("info").getAsInt());
    // the exit code follows the findings kept
    assertEquals(0, run("check", "--rule-only", "close.*", SEED));
    assertEquals(1, run("check", "--rule-only", "handshake.synack-wrong-ack", SEED));
    assertEquals(0, run("check", "--frame", "3-", SEED));
    assertEquals(1, run("check", "--frame", "1-2", SEED));
  }

  @Test
  void badFilterValuesAreUsageErrorsNamingTheOption() {
    String[][] bad = {
      {"--stream", "x"},
      {"--stream", "-1"},
      {"--stream", "99999999999"},
      {"--frame", "0"},
      {"--frame", "5-3"},
      {"--frame", "a-b"},
      {"--frame", ""},
      {"--rule-only", "no.such-rule"},
      {"--rule-only", "nothing.*"},
      {"--show", "off"},
      {"--show", "loud"}
    };
    for (String command : List.of("check", "packets", "conversations")) {
      for (String[] b : bad) {
        if (command.equals("check") || !b[0].equals("--show")) {
          assertEquals(2, run(command, b[0], b[1], SEED), command + " " + String.join(" ", b));
          assertTrue(err().contains(b[0]), err());
          assertEquals("", out());
        }
      }
    }
  }

  @Test
  void packetsListsOnlyTheFramesKept() {
    assertEquals(0, run("packets", "--stream", "1", REUSE));
    assertEquals(List.of("7"), frames());
    run("packets", "--frame", "2-3", REUSE);
    assertEquals(List.of("2", "3"), frames());
    run("packets", "--stream", "0", "--frame", "5-", REUSE);
    assertEquals(List.of("5", "6"), frames());
    run("packets", "--rule-only", "opt.mss-missing", REUSE);
    assertEquals(List.of("1", "2", "7"), frames());
    assertTrue(out().lines().allMatch(l -> l.endsWith("[info opt.mss-missing]")), out());
    run("packets", "-f", "json", "--rule-only", "close.*", REUSE);
    List<JsonElement> lines =
        out().lines().map(JsonParser::parseString).map(e -> (JsonElement) e).toList();
    assertEquals(1, lines.size());
    assertEquals(6, lines.get(0).getAsJsonObject().get("frame").getAsInt());
  }

  private List<String> frames() {
    return out().lines().map(l -> l.trim().split("\\s+")[0]).toList();
  }

  @Test
  void conversationsListsOnlyTheConversationsKept() {
    assertEquals(0, run("conversations", "--stream", "1", REUSE));
    assertEquals(List.of("1"), conversationRows());
    run("conversations", "--frame", "1-3", REUSE);
    assertEquals(List.of("0"), conversationRows());
    run("conversations", "--rule-only", "close.graceful-3way", REUSE);
    assertEquals(List.of("0"), conversationRows());
    run("conversations", "--stream", "0", "--rule-only", "conv.port-reuse", REUSE);
    assertEquals(List.of(), conversationRows());
  }

  private List<String> conversationRows() {
    return out().lines().skip(1).map(l -> l.split("\\s+")[0]).toList();
  }
}
