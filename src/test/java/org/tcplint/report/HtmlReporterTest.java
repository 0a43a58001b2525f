package org.tcplint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.check.FileResult;
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
    assertEquals("[1,0,1,\"SYN\",0,null,0,1000,\"MSS=100\",0]", rows.get(0).toString());
    assertEquals("[2,1000,0,\"SYN-ACK\",0,4501,0,1000,\"MSS=100\",0]", rows.get(1).toString());
    assertEquals("[3,2000,1,\"ACK\",1,1,0,1000,null,0]", rows.get(2).toString());
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
        new FileResult(
            name, "pcapng", null, 0, 0, 0, List.of(), 0, List.of(), "bad </script>", null));
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
  void aLongDataPhaseIsFoldedAndBounded() throws Exception {
    CaptureBuilder.Seg s = CaptureBuilder.tcp().c("S", 100, 0).s("SA", 700, 101).c("A", 101, 701);
    long seq = 101;
    for (int i = 0; i < 1000; i++) {
      s = s.c("PA", seq, 701).len(10);
      seq += 10;
    }
    byte[] bytes = s.c("FA", seq, 701).s("FA", 701, seq + 1).c("A", seq + 1, 702).done().pcapng();
    Path cap = dir.resolve("long.pcapng");
    Files.write(cap, bytes);
    Path html = dir.resolve("long.html");
    Cli.run("check", "--show", "info", "-f", "html", "-o", html.toString(), cap.toString());
    JsonArray rows = blocks(Files.readString(html)).get(0).getAsJsonObject("l").getAsJsonArray("0");
    long segments = 0;
    long folded = 0;
    for (JsonElement e : rows) {
      JsonArray r = e.getAsJsonArray();
      long n = r.get(9).getAsLong();
      segments += n > 0 ? n : 1;
      folded += n;
      if (n > 0) {
        assertEquals(10 * n, r.get(6).getAsLong(), "a fold counts its 10-byte segments' bytes");
      }
    }
    assertEquals(1006, segments, "every segment is a row or counted in a fold");
    assertTrue(folded >= 1006 - HtmlLadders.MAX_ROWS, "folded: " + folded);
    assertTrue(rows.size() < 60, "rows written: " + rows.size());
    // RFC 9293 §3.6: the close (FIN, FIN, ACK: frames 1004-1006) stays drawn after the fold.
    JsonArray last = rows.get(rows.size() - 1).getAsJsonArray();
    assertEquals(1006, last.get(0).getAsLong());
    assertEquals("ACK", last.get(3).getAsString());
    assertEquals("FIN-ACK", rows.get(rows.size() - 3).getAsJsonArray().get(3).getAsString());
    assertTrue(rows.get(rows.size() - 4).getAsJsonArray().get(9).getAsLong() > 0);
  }
}
