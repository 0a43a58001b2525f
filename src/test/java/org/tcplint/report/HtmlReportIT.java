package org.tcplint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.testing.Chromium;
import org.tcplint.testing.Cli;

/**
 * The HTML report of {@code testdata/} opened in real headless Chromium: no console error, the seed
 * example's ladder shows the wrong ack (5001) and the expected 501 on the marked segment, filters
 * and sorting work, and a capture named like markup stays text. Also writes the screenshot the
 * README shows ({@code target/html-report.png}).
 */
class HtmlReportIT {
  private static final String SEED = "seed-wrong-synack-ack.pcapng";
  private static final String HOSTILE = "<img src=x onerror=alert(1)>.pcapng";
  @TempDir static Path dir;
  private static Chromium browser;
  private static JsonObject json;

  @BeforeAll
  static void open() throws Exception {
    Path data = dir.resolve("testdata");
    copyTree(Path.of("testdata"), data);
    Files.copy(data.resolve(SEED), data.resolve(HOSTILE));
    Path html = dir.resolve("report.html");
    Path report = dir.resolve("report.json");
    Cli.run(
        "check",
        "-f",
        "html",
        "-o",
        html.toString(),
        "-f",
        "json",
        "-o",
        report.toString(),
        data.toString());
    json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
    browser = Chromium.start();
    browser.open(html.toUri().toString());
    browser.waitFor("document.body.dataset.ready === 'true'", Duration.ofSeconds(20));
  }

  @AfterAll
  static void close() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
  }

  /** Findings of {@code rule} at warning or above in the JSON report (the page shows those). */
  private static int shownFindings(String rule) {
    int n = 0;
    for (JsonElement f : json.getAsJsonArray("files")) {
      for (JsonElement x : f.getAsJsonObject().getAsJsonArray("findings")) {
        JsonObject o = x.getAsJsonObject();
        if (o.get("rule").getAsString().equals(rule)
            && !o.get("severity").getAsString().equals("info")) {
          n++;
        }
      }
    }
    return n;
  }

  private static String js(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static void select(String id, String value) {
    browser.eval(
        "(function(){var e=document.getElementById("
            + js(id)
            + ");e.value="
            + js(value)
            + ";e.dispatchEvent(new Event('change'));})()");
  }

  private static void type(String id, String value) {
    browser.eval(
        "(function(){var e=document.getElementById("
            + js(id)
            + ");e.value="
            + js(value)
            + ";e.dispatchEvent(new Event('input'));})()");
  }

  private static String column(int index) {
    return browser
        .eval(
            "Array.from(document.querySelectorAll('#table tbody tr')).map(function(r){return"
                + " r.cells["
                + index
                + "].textContent}).join('\\n')")
        .getAsString();
  }

  private static int rows() {
    return browser.eval("document.querySelectorAll('#table tbody tr').length").getAsInt();
  }

  private static void reset() {
    select("f-rule", "");
    select("f-sev", "");
    select("f-file", "");
    type("f-addr", "");
    type("f-stream", "");
  }

  @Test
  void opensWithoutAnyConsoleErrorAndWithTheRunsTotals() {
    assertEquals(java.util.List.of(), browser.errors());
    JsonObject s = json.getAsJsonObject("summary");
    String cards = browser.eval("document.getElementById('cards').textContent").getAsString();
    assertTrue(
        cards.contains(String.format("%,d", s.get("packets").getAsLong()) + "packets"), cards);
    assertTrue(
        cards.contains(s.getAsJsonObject("findings").get("error").getAsLong() + "errors"), cards);
  }

  @Test
  void filteringByRuleShowsExactlyThatRulesFindings() {
    reset();
    select("f-rule", "handshake.synack-wrong-ack");
    int expected = shownFindings("handshake.synack-wrong-ack");
    assertTrue(expected >= 2, "testdata has the seed example and the rule's own example");
    assertEquals(expected, rows());
    for (String rule : column(4).split("\n")) {
      assertEquals("handshake.synack-wrong-ack", rule);
    }
    select("f-sev", "info");
    assertEquals(0, rows(), "the rule's findings are errors");
    reset();
  }

  @Test
  void theSeedExamplesLadderShowsTheWrongAckAndTheExpected501() throws Exception {
    reset();
    select("f-rule", "handshake.synack-wrong-ack");
    int row = -1;
    String[] files = column(0).split("\n");
    for (int i = 0; i < files.length; i++) {
      if (files[i].endsWith("/" + SEED)) {
        row = i;
      }
    }
    assertTrue(row >= 0, "the seed example is listed: " + String.join(", ", files));
    browser.eval("document.querySelectorAll('#table tbody tr')[" + row + "].click()");
    String ladder = browser.eval("document.getElementById('ladder-svg').textContent").getAsString();
    // RFC 9293 §3.5: the SYN-ACK must acknowledge the client's ISN + 1 = 501; it acknowledged 5001
    // (relative to the ISN 500: 4501).
    assertTrue(ladder.contains("expected 501, got 5001"), ladder);
    assertTrue(ladder.contains("SYN-ACK seq=0 ack=4501"), ladder);
    assertTrue(ladder.contains("SYN seq=0 win="), ladder);
    String marked =
        browser
            .eval(
                "Array.from(document.querySelectorAll('#ladder-svg g')).filter(function(g){return"
                    + " g.querySelector('line.bad')}).map(function(g){return"
                    + " g.dataset.frame}).join(',')")
            .getAsString();
    assertEquals("2", marked, "only the SYN-ACK, frame 2, is marked");
    assertEquals(
        1, browser.eval("document.querySelectorAll('#ladder-svg rect.mark').length").getAsInt());
    browser.eval("document.getElementById('ladder').scrollIntoView()");
    Path shot = Path.of("target", "html-ladder.png");
    Files.write(shot, browser.screenshot());
    assertTrue(Files.size(shot) > 10_000);
    reset();
  }

  @Test
  void filtersByAddressAndStreamAndSortsByFrame() {
    reset();
    type("f-addr", "198.51.100.7:80");
    int byAddress = rows();
    assertTrue(byAddress > 0);
    type("f-addr", "203.0.113.254:1");
    assertEquals(0, rows());
    reset();
    type("f-stream", "1");
    for (String s : column(1).split("\n")) {
      assertEquals("1", s);
    }
    reset();
    browser.eval("document.querySelector('#table th[data-key=frame]').click()");
    browser.eval("document.querySelector('#table th[data-key=frame]').click()");
    String[] frames = column(2).replace(",", "").split("\n");
    for (int i = 1; i < frames.length; i++) {
      assertTrue(Long.parseLong(frames[i - 1]) >= Long.parseLong(frames[i]), "descending by frame");
    }
    browser.eval("document.getElementById('tab-conversations').click()");
    assertEquals(
        "Client",
        browser.eval("document.querySelector('#table th:nth-child(3)').textContent").getAsString());
    browser.eval("document.getElementById('tab-findings').click()");
  }

  @Test
  void aCaptureNamedLikeMarkupStaysText() throws Exception {
    reset();
    assertEquals(0, browser.eval("document.querySelectorAll('img').length").getAsInt());
    String options =
        browser
            .eval(
                "Array.from(document.querySelectorAll('#f-file option')).map(function(o){return"
                    + " o.textContent}).join('\\n')")
            .getAsString();
    assertTrue(options.contains(HOSTILE), options);
    assertEquals(java.util.List.of(), browser.errors());
    browser.eval("window.scrollTo(0, 0)");
    Path shot = Path.of("target", "html-report.png");
    Files.write(shot, browser.screenshot());
    assertTrue(Files.size(shot) > 10_000);
  }

  @Test
  void thePageLoadsNothingFromOutside() throws Exception {
    Path html = dir.resolve("report.html");
    String page = Files.readString(html);
    assertFalse(
        java.util.regex.Pattern.compile("<[a-z]+[^>]*\\s(src|href)=").matcher(page).find(),
        "no element loads anything");
    assertFalse(page.contains("<link"), "no external style");
    assertTrue(page.contains("Content-Security-Policy"));
    assertEquals(
        0,
        browser.eval("performance.getEntriesByType('resource').length").getAsInt(),
        "the page fetched nothing");
  }
}
