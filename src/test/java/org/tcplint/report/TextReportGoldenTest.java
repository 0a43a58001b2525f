package org.tcplint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tcplint.testing.Cli;

/**
 * The default text report (warnings and errors listed, then the expert summary, then the summary
 * line) on {@code testdata/} and on one capture, against golden files in {@code
 * src/test/resources/org/tcplint/report}; {@code -Dgolden.update=true} rewrites them, review the
 * diff. The expert summary counts what the JSON report holds, rule by rule.
 */
class TextReportGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/org/tcplint/report");

  private static void golden(String name, String report) throws Exception {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, report);
    }
    assertTrue(Files.exists(file), file + " missing (-Dgolden.update=true)");
    assertEquals(Files.readString(file), report, name + " changed");
  }

  @Test
  void testdataReport() throws Exception {
    golden("testdata.check.txt", Cli.run("check", "-j", "1", "testdata"));
  }

  @Test
  void oneCaptureReport() throws Exception {
    golden(
        "synack-ack-changed.check.txt",
        Cli.run("check", "testdata/rules/handshake.synack-ack-changed.pcapng"));
  }

  /** severity → rule → {count, files, first}, from the expert summary of a text report. */
  static Map<String, Map<String, List<String>>> expert(String text) {
    Map<String, Map<String, List<String>>> m = new LinkedHashMap<>();
    Map<String, List<String>> section = null;
    Pattern heading = Pattern.compile("^(Errors|Warnings|Info) \\((\\d+)\\).*$");
    Pattern row = Pattern.compile("^ +(\\d+) +(\\d+) +(\\S+) +(\\S+)$");
    boolean in = false;
    for (String line : text.lines().toList()) {
      in |= line.startsWith("Expert summary");
      Matcher h = heading.matcher(line);
      Matcher r = row.matcher(line);
      if (in && h.matches()) {
        section = new TreeMap<>();
        m.put(h.group(1), section);
      } else if (in && section != null && r.matches()) {
        section.put(r.group(3), List.of(r.group(1), r.group(2), r.group(4)));
      }
    }
    return m;
  }

  @Test
  void expertSummaryCountsEveryFindingOfTheJsonReport() {
    String text = Cli.run("check", "-j", "1", "testdata");
    JsonObject json =
        JsonParser.parseString(Cli.run("check", "-f", "json", "testdata")).getAsJsonObject();
    Map<String, Map<String, List<String>>> expected = new LinkedHashMap<>();
    Map<String, String> lastFile = new TreeMap<>();
    for (JsonElement fe : json.getAsJsonArray("files")) {
      String path = fe.getAsJsonObject().get("path").getAsString();
      for (JsonElement x : fe.getAsJsonObject().getAsJsonArray("findings")) {
        JsonObject f = x.getAsJsonObject();
        String sev =
            switch (f.get("severity").getAsString()) {
              case "error" -> "Errors";
              case "warning" -> "Warnings";
              default -> "Info";
            };
        String rule = f.get("rule").getAsString();
        List<String> old = expected.computeIfAbsent(sev, s -> new TreeMap<>()).get(rule);
        String key = sev + " " + rule;
        boolean newFile = !path.equals(lastFile.get(key));
        lastFile.put(key, path);
        expected
            .get(sev)
            .put(
                rule,
                old == null
                    ? List.of("1", "1", path + ":" + f.get("frame").getAsLong())
                    : List.of(
                        Long.toString(Long.parseLong(old.get(0)) + 1),
                        Long.toString(Long.parseLong(old.get(1)) + (newFile ? 1 : 0)),
                        old.get(2)));
      }
    }
    Map<String, Map<String, List<String>>> got = expert(text);
    assertEquals(List.of("Errors", "Warnings", "Info"), List.copyOf(got.keySet()));
    for (String sev : got.keySet()) {
      assertEquals(expected.get(sev), got.get(sev), sev);
    }
    JsonObject counts = json.getAsJsonObject("summary").getAsJsonObject("findings");
    assertTrue(
        text.contains(
            counts.get("error").getAsInt()
                + " errors, "
                + counts.get("warning").getAsInt()
                + " warnings, "
                + counts.get("info").getAsInt()
                + " info ("
                + counts.get("info").getAsInt()
                + " info not shown: "),
        text);
    assertTrue(text.lines().noneMatch(l -> l.matches("^testdata/\\S+:\\d+: info .*")), text);
  }
}
