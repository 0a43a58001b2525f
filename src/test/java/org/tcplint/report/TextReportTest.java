package org.tcplint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.rules.RuleLevels;
import org.tcplint.testing.CaptureBuilder;

/** The text report groups a file's findings by conversation, whatever their order in frames. */
class TextReportTest {
  @TempDir Path dir;

  @Test
  void interleavedConversationsAreReportedOneAfterTheOther() throws Exception {
    // Two handshakes whose segments alternate; each SYN-ACK acknowledges ISN + 4501, not ISN + 1.
    byte[] capture =
        CaptureBuilder.tcp()
            .client("192.0.2.1", 50000)
            .c("S", 500, 0)
            .mss(1460) // frame 1, stream 0
            .s("SA", 9000, 5001)
            .mss(1460) // 2
            .done()
            .client("192.0.2.1", 50001)
            .c("S", 700, 0)
            .mss(1460) // 3, stream 1
            .s("SA", 7000, 5201)
            .mss(1460) // 4
            .done()
            .client("192.0.2.1", 50000)
            .c("A", 501, 9001) // 5
            .done()
            .client("192.0.2.1", 50001)
            .c("A", 701, 7001) // 6
            .pcapng();
    Path f = dir.resolve("two.pcapng");
    Files.write(f, capture);
    FileResult r = new Checker(new RuleLevels()).check(f, "two.pcapng");
    StringBuilder out = new StringBuilder();
    TextReport.body(r, false, out);
    List<String> lines = out.toString().lines().toList();
    assertEquals(
        List.of(
            "# two.pcapng stream 0: 192.0.2.1:50000 -> 198.51.100.7:80 (http), open three-way,"
                + " close none",
            "two.pcapng:2: error handshake.synack-wrong-ack",
            "two.pcapng:5: info close.open-at-end",
            "# two.pcapng stream 1: 192.0.2.1:50001 -> 198.51.100.7:80 (http), open three-way,"
                + " close none",
            "two.pcapng:4: error handshake.synack-wrong-ack",
            "two.pcapng:6: info close.open-at-end"),
        lines.stream()
            .map(l -> l.startsWith("#") ? l : l.substring(0, l.indexOf(':', l.indexOf(": ") + 2)))
            .toList(),
        out.toString());
  }
}
