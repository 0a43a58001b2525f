package org.tcplint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.Severity;

/** The SARIF report is written as the files come, not held until the end of the run. */
class SarifReporterTest {
  @Test
  void resultsAreWrittenFileByFileAndArtifactsComeAtTheEnd() throws Exception {
    StringWriter out = new StringWriter();
    Reporter sarif =
        Reporters.create("sarif", out, new ReportOptions("test", Severity.ERROR, false, false));
    Checker checker = new Checker(new RuleLevels());
    FileResult seed =
        checker.check(Path.of("testdata/seed-wrong-synack-ack.pcapng"), "seed.pcapng");
    FileResult clean = checker.check(Path.of("testdata/clean-http.pcapng"), "clean.pcapng");
    RunSummary.Totals totals = new RunSummary.Totals();
    sarif.start();
    sarif.file(seed);
    totals.add(seed);
    assertTrue(
        out.toString().contains("\"ruleId\": \"handshake.synack-wrong-ack\""),
        "the first file's results are out before the second file is checked");
    sarif.file(clean);
    totals.add(clean);
    sarif.end(totals.summary(0, 0));
    JsonObject run =
        JsonParser.parseString(out.toString())
            .getAsJsonObject()
            .getAsJsonArray("runs")
            .get(0)
            .getAsJsonObject();
    assertEquals(
        seed.findings().size() + clean.findings().size(), run.getAsJsonArray("results").size());
    assertEquals(2, run.getAsJsonArray("artifacts").size());
    JsonObject first = run.getAsJsonArray("artifacts").get(0).getAsJsonObject();
    assertEquals("seed.pcapng", first.getAsJsonObject("location").get("uri").getAsString());
    assertEquals(3, first.getAsJsonObject("properties").get("packets").getAsInt());
    JsonObject r = run.getAsJsonArray("results").get(0).getAsJsonObject();
    assertEquals("handshake.synack-wrong-ack", r.get("ruleId").getAsString());
    assertEquals("error", r.get("level").getAsString());
    JsonObject region =
        r.getAsJsonArray("locations")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("physicalLocation")
            .getAsJsonObject("region");
    assertEquals(2, region.getAsJsonObject("properties").get("frame").getAsInt());
    assertTrue(region.get("byteOffset").getAsLong() > 0);
    // the same bytes from one JVM to the next: each rule's properties in one order
    for (var rule : run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules")) {
      assertEquals(
          List.of("tier", "family"),
          List.copyOf(rule.getAsJsonObject().getAsJsonObject("properties").keySet()));
    }
  }
}
