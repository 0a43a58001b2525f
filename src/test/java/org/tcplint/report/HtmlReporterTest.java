package org.tcplint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.check.FileResult;
import org.tcplint.check.SegmentRows;
import org.tcplint.testing.CaptureBuilder;
import org.tcplint.testing.Cli;

/** What {@code -f html} embeds: data blocks no capture string can break, and the ladder rows. */
class HtmlReporterTest {
  @TempDir Path dir;

  private static List<JsonObject> blocks(String page) {
    Matcher m =
        Pattern.compile("<script type=\"application/json\"[^>]*>(.*?)</script>", Pattern.DOTALL)
            .matcher(page);
    List<JsonObject> out = new ArrayList<>();
    while (m.find()) {
      out.add(JsonParser.parseString(m.group(1)).getAsJsonObject());
    }
    return out;
  }

  @Test
  void theSeedExampleGivesItsFindingAndALadderInRelativeNumbers() throws Exception {
    Path html = dir.resolve("r.html");
    Cli.run("check", "-f", "html", "-o", html.toString(), "testdata/seed-wrong-synack-ack.pcapng");
    List<JsonObject> data = blocks(Files.readString(html));
    assertEquals(2, data.size(), "one file block and the summary");
    JsonObject file = data.get(0);
    JsonArray finding = file.getAsJsonArray("f").get(0).getAsJsonArray();
    assertEquals("handshake.synack-wrong-ack", finding.get(0).getAsString());
    assertEquals("error", finding.get(1).getAsString());
    assertEquals(2, finding.get(3).getAsLong(), "frame");
    assertEquals(501, finding.get(6).getAsLong(), "expected: the client's ISN 500 + 1");
    assertEquals(5001, finding.get(7).getAsLong(), "actual");
    JsonArray rows = file.getAsJsonObject("l").getAsJsonArray("0");
    assertEquals(3, rows.size());
    // SYN seq 500 (relative 0) from the client; SYN-ACK seq 9000 ack 5001 from the server:
    // relative seq 0 and ack 5001 - 500 = 4501; the final ACK seq 501 ack 9001: 1 and 1.
    assertEquals("[1,0,1,\"S\",0,0,0,1000,\"mss=100\",0]", rows.get(0).toString());
    assertEquals("[2,1000,0,\"SA\",0,4501,0,1000,\"mss=100\",0]", rows.get(1).toString());
    assertEquals("[3,2000,1,\"A\",1,1,0,1000,null,0]", rows.get(2).toString());
    JsonObject summary = data.get(1);
    assertEquals(1, summary.get("error").getAsLong());
    assertEquals("warning", summary.get("show").getAsString());
  }

  @Test
  void noCaptureStringCanEndItsScriptBlock() throws Exception {
    StringWriter out = new StringWriter();
    HtmlReporter r =
        new HtmlReporter(out, new ReportOptions("1", null, false, false), new HtmlLadders());
    r.start();
    String name = "</script><script>alert(1)</script><!--x";
    r.file(
        new FileResult(name, "pcapng", null, 0, 0, 0, List.of(), List.of(), "bad </script>", null));
    r.end(new RunSummary(1, 0, 0, 0, 0, 0, 0, 0));
    String page = out.toString();
    String data =
        page.substring(page.indexOf("class=\"tl-file\">"), page.indexOf("id=\"tl-summary\""));
    assertFalse(data.contains("</script><script>alert"));
    assertFalse(data.contains("<!--"));
    JsonObject file = blocks(page).get(0);
    assertEquals(name, file.get("path").getAsString(), "read back as written");
    assertEquals("bad </script>", file.get("error").getAsString());
    assertTrue(page.endsWith("</html>\n"));
  }

  @Test
  void aLongDataPhaseIsFoldedAroundItsFindingsAndBounded() throws Exception {
    CaptureBuilder.Seg s = CaptureBuilder.tcp().c("S", 100, 0).s("SA", 700, 101).c("A", 101, 701);
    long seq = 101;
    for (int i = 0; i < 1000; i++) {
      s = s.c("PA", seq, 701).len(10);
      seq += 10;
    }
    byte[] bytes = s.c("FA", seq, 701).s("FA", 701, seq + 1).c("A", seq + 1, 702).done().pcapng();
    Path cap = dir.resolve("long.pcapng");
    Files.write(cap, bytes);
    FileResult r = org.tcplint.api.Tcplint.builder().build().check(cap, cap.toString());
    Map<Integer, List<SegmentRows.Row>> rows =
        SegmentRows.collect(cap, r.conversations(), Map.of(0, java.util.Set.of(500L)), 40);
    List<SegmentRows.Row> ladder = rows.get(0);
    // frames 1-40 (head), a fold of 41-498, 499 (the one before the finding), 500, a fold of
    // 501-1003, then the FINs and the last ACK (1004-1006).
    assertEquals(40 + 1 + 2 + 1 + 3, ladder.size());
    SegmentRows.Row fold = ladder.get(40);
    assertEquals(458, fold.folded());
    assertEquals(4580, fold.len(), "458 segments of 10 bytes");
    assertEquals(41, fold.frame());
    assertEquals(499, ladder.get(41).frame());
    assertEquals(500, ladder.get(42).frame());
    assertEquals(503, ladder.get(43).folded());
    assertEquals(1004, ladder.get(44).frame());
    assertEquals(1006, ladder.get(46).frame());
    long segments = 0;
    for (SegmentRows.Row x : ladder) {
      segments += x.folded() > 0 ? x.folded() : 1;
    }
    assertEquals(1006, segments, "every segment is a row or counted in a fold");
  }
}
