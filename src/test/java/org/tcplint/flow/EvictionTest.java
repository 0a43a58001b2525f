package org.tcplint.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcplint.check.Checker;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.RuleLevels;
import org.tcplint.testing.CaptureBuilder;

/**
 * Closed conversations are freed after the linger time; late segments keep their stream (like
 * Wireshark, which never forgets a 4-tuple) and a new ISN still starts a new stream.
 */
class EvictionTest {
  private static CaptureBuilder closedThenQuiet() {
    return CaptureBuilder.closedThenOthers(false, 1100);
  }

  @Test
  void closedQuietConversationIsFreedBeforeTheEnd() throws Exception {
    byte[] capture = closedThenQuiet().s("FA", 9001, 502).pcapng();
    java.util.List<Integer> retired = new java.util.ArrayList<>();
    FlowTable table = new FlowTable(c -> retired.add(c.stream()));
    org.tcplint.capture.Frame f = new org.tcplint.capture.Frame();
    org.tcplint.decode.Packet p = new org.tcplint.decode.Packet();
    org.tcplint.decode.PacketDecoder d = new org.tcplint.decode.PacketDecoder();
    Segment s = new Segment();
    int maxLive = 0;
    try (var o = org.tcplint.capture.Captures.open(new java.io.ByteArrayInputStream(capture))) {
      while (o.reader().next(f)) {
        d.decode(f, p);
        s.fill(f, p);
        Conversation c = table.lookup(s);
        Tracker.roles(c, s);
        Tracker.apply(c, s);
        c.account(s);
        table.touched(c);
        table.expire(s.timeNanos());
        maxLive = Math.max(maxLive, table.size());
      }
    }
    assertEquals(List.of(0), retired, "stream 0 freed 5 s after its close");
    table.finish();
    assertEquals(0, retired.get(0));
    assertEquals(retired.size(), 1 + 1100 + 1, "the late FIN's continuation is retired at the end");
  }

  @Test
  void lateSegmentAfterEvictionContinuesTheStream() {
    byte[] capture = closedThenQuiet().s("FA", 9001, 502).pcapng();
    FileResult r = new Checker(new RuleLevels()).check(capture, "late");
    List<ConversationSummary> first =
        r.conversations().stream().filter(c -> c.client().equals("192.0.2.1:50000")).toList();
    assertEquals(1, first.size(), "one stream for the closed conversation and its late FIN");
    assertEquals(0, first.get(0).stream());
    assertEquals(7, first.get(0).packets());
    assertEquals(1 + 1100, r.conversations().size());
  }

  @Test
  void newIsnAfterEvictionStartsANewStream() {
    byte[] capture = closedThenQuiet().c("S", 70000, 0).pcapng();
    FileResult r = new Checker(new RuleLevels()).check(capture, "reuse");
    List<Integer> streams =
        r.conversations().stream()
            .filter(c -> c.client().equals("192.0.2.1:50000"))
            .map(ConversationSummary::stream)
            .toList();
    assertEquals(List.of(0, 1101), streams);
    assertEquals(1, r.findings().stream().filter(f -> f.rule().equals("conv.port-reuse")).count());
  }
}
