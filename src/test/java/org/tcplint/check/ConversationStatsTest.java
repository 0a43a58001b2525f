package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcplint.example.Ladder;
import org.tcplint.example.LadderCapture;
import org.tcplint.report.JsonReport;
import org.tcplint.rules.RuleLevels;

/**
 * Per-conversation statistics: counted on a hand-built ladder (every expectation below is read off
 * the ladder, not off tcplint's output), carried through the spill codec and the merge of a
 * stream's late segments, and written as the JSON {@code stats} object.
 */
class ConversationStatsTest {
  /**
   * Times: one millisecond between segments, 5 ms more before the handshake's ACK, and the capture
   * copy ({@code dup}) 10 µs after its original. Both sides offer window scale 7.
   */
  private static final String LADDER =
      String.join(
          " ; ",
          "C S 500 0 win=64240 mss=1460 ws=7", // 1  t=0
          "S SA 9000 501 win=65535 mss=1460 ws=7", // 2  t=1
          "C A 501 9001 win=502 sleep=5000", // 3  t=7: handshake round trip 7 ms
          "C PA 501 9001 len=100 win=502", // 4  t=8: bytes 501-600
          "C PA 501 9001 len=100 win=502", // 5  t=9: the same bytes again, unacknowledged
          "S A 9001 601 win=300", // 6  t=10
          "C PA 701 9001 len=100 win=502", // 7  t=11: 601-700 missing: a gap
          "S A 9001 601 win=300", // 8  t=12: duplicate ACK 1
          "S A 9001 601 win=300", // 9  t=13: duplicate ACK 2
          "C PA 601 9001 len=100 win=502", // 10 t=14: fills the hole 3 ms later (< 7 ms)
          "S A 9001 801 win=350", // 11
          "S PA 9001 801 len=50 win=350", // 12
          "S PA 9001 801 dup", // 13 a capture duplicate of 12
          "C A 801 9051 win=400", // 14
          "C FA 801 9051 win=400", // 15
          "S FA 9051 802 win=350", // 16
          "C A 802 9052 win=400"); // 17

  private static FileResult check(String ladder) {
    return new Checker(new RuleLevels()).check(LadderCapture.pcapng(Ladder.parse(ladder)), "t");
  }

  @Test
  void eachStatisticOfTheLadderExactly() {
    FileResult r = check(LADDER);
    assertEquals(1, r.conversations().size());
    ConversationSummary c = r.conversations().get(0);
    assertEquals(17, c.packets());
    ConversationSummary.Stats s = c.stats();
    assertEquals(7_000_000L, s.irttNanos(), "SYN (frame 1) to the handshake's ACK (frame 3)");

    ConversationSummary.Direction client = s.client();
    assertEquals(9, client.frames(), "frames 1 3 4 5 7 10 14 15 17");
    assertEquals(400, client.bytes(), "frames 4 5 7 10");
    assertEquals(1, client.retransmissions(), "frame 5");
    assertEquals(0, client.holeRetransmissions());
    assertEquals(0, client.fastRetransmissions());
    assertEquals(0, client.spuriousRetransmissions());
    assertEquals(1, client.allRetransmissions());
    assertEquals(1, client.outOfOrder(), "frame 10");
    assertEquals(0, client.dupAcksSent());
    assertEquals(1, client.gaps(), "frame 7");
    assertEquals(0, client.duplicates());
    assertEquals(502, client.rawWindowMax());
    assertEquals(400, client.rawWindowMin());
    assertEquals(7, client.windowShift());
    assertTrue(client.windowScaled());
    assertEquals(502 << 7, client.windowMax());
    assertEquals(400 << 7, client.windowMin());

    ConversationSummary.Direction server = s.server();
    assertEquals(8, server.frames(), "frames 2 6 8 9 11 12 13 16");
    assertEquals(100, server.bytes(), "frame 12 and its copy 13");
    assertEquals(0, server.allRetransmissions());
    assertEquals(0, server.outOfOrder());
    assertEquals(2, server.dupAcksSent(), "frames 8 and 9");
    assertEquals(0, server.gaps());
    assertEquals(1, server.duplicates(), "frame 13");
    assertEquals(350 << 7, server.windowMax());
    assertEquals(300 << 7, server.windowMin());
    assertTrue(server.windowScaled());
  }

  @Test
  void theJsonStatsObject() {
    JsonObject conv =
        JsonParser.parseString(JsonReport.fileJson(check(LADDER)))
            .getAsJsonObject()
            .getAsJsonArray("conversations")
            .get(0)
            .getAsJsonObject();
    JsonObject stats = conv.getAsJsonObject("stats");
    assertEquals(7, stats.get("irttMs").getAsDouble());
    assertEquals("7", stats.get("irttMs").toString());
    JsonObject client = stats.getAsJsonObject("client");
    assertEquals(
        JsonParser.parseString(
            "{\"frames\": 9, \"bytes\": 400, \"retransmissions\": 1, \"holeRetransmissions\": 0,"
                + " \"fastRetransmissions\": 0, \"spuriousRetransmissions\": 0, \"outOfOrder\": 1,"
                + " \"dupAcksSent\": 0, \"gaps\": 1, \"duplicates\": 0, \"windowMax\": 64256,"
                + " \"windowMin\": 51200, \"windowScaled\": true}"),
        client);
    JsonObject server = stats.getAsJsonObject("server");
    assertEquals(2, server.get("dupAcksSent").getAsInt());
    assertEquals(1, server.get("duplicates").getAsInt());
    assertEquals(44800, server.get("windowMax").getAsLong());
    assertEquals(38400, server.get("windowMin").getAsLong());
  }

  @Test
  void withoutTheHandshakeTheWindowsAreRawAndThereIsNoRoundTrip() {
    FileResult r =
        check("C PA 501 9001 len=10 win=502 ; S A 9001 511 win=300 ; C PA 511 9001 len=10 win=700");
    ConversationSummary.Stats s = r.conversations().get(0).stats();
    assertEquals(0, s.irttNanos());
    assertFalse(s.client().windowScaled());
    assertEquals(700, s.client().windowMax());
    assertEquals(502, s.client().windowMin());
    assertEquals(300, s.server().windowMax());
    JsonObject stats =
        JsonParser.parseString(JsonReport.fileJson(r))
            .getAsJsonObject()
            .getAsJsonArray("conversations")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("stats");
    assertFalse(stats.has("irttMs"));
    assertFalse(stats.getAsJsonObject("client").get("windowScaled").getAsBoolean());
    assertEquals(700, stats.getAsJsonObject("client").get("windowMax").getAsLong());
  }

  private static ConversationSummary.Direction direction(int k) {
    return new ConversationSummary.Direction(
        100L + k,
        5000L + k,
        1 + k,
        2 + k,
        3 + k,
        4 + k,
        5 + k,
        6 + k,
        7 + k,
        8 + k,
        900 + k,
        10 + k,
        k % 3 == 0 ? -1 : k % 15);
  }

  private static ConversationSummary summary(int stream, String client, String server, int k) {
    return new ConversationSummary(
        stream,
        client,
        server,
        k % 2 == 0 ? "http" : null,
        10L * stream + 1,
        10L * stream + 9,
        20 + k,
        400 + k,
        "three-way",
        "four-way",
        31,
        "SF",
        "ShADadFf",
        k % 3 == 0 ? "unknown" : k % 3 == 1 ? "none" : new ConversationSummary.Scales(7, k % 15),
        1_764_000_000_000_000_000L + k,
        1_764_000_001_000_000_000L + k,
        new ConversationSummary.Stats(direction(2 * k), direction(2 * k + 1), k * 1_234_567L));
  }

  @Test
  void theSpillCodecReadsBackEveryStatistic() {
    List<ConversationSummary> written = new ArrayList<>();
    for (int k = 0; k < 50; k++) {
      written.add(summary(k, "192.0.2." + k + ":50000", "198.51.100.7:80", k));
    }
    for (int spillAfter : new int[] {1, 7, 1000}) {
      try (SpillList<ConversationSummary> list =
          new SpillList<>(Codecs.SUMMARY, Codecs.BY_STREAM, Checker::merge, spillAfter)) {
        written.forEach(list::add);
        assertEquals(written, new ArrayList<>(list), "spill after " + spillAfter);
      }
    }
  }

  @Test
  void lateSegmentsAddTheirCountsWhicheverSideTheyCallTheClient() {
    ConversationSummary first = summary(0, "192.0.2.1:50000", "198.51.100.7:80", 4);
    ConversationSummary sameSides = summary(0, "192.0.2.1:50000", "198.51.100.7:80", 5);
    ConversationSummary swapped = summary(0, "198.51.100.7:80", "192.0.2.1:50000", 5);
    ConversationSummary.Stats a = first.stats();
    ConversationSummary.Stats late = sameSides.stats();

    ConversationSummary.Stats m = Checker.merge(first, sameSides).stats();
    assertEquals(a.irttNanos(), m.irttNanos());
    ConversationSummary.Direction c = m.client();
    assertEquals(a.client().frames() + late.client().frames(), c.frames());
    assertEquals(a.client().bytes() + late.client().bytes(), c.bytes());
    assertEquals(
        a.client().retransmissions() + late.client().retransmissions(), c.retransmissions());
    assertEquals(
        a.client().holeRetransmissions() + late.client().holeRetransmissions(),
        c.holeRetransmissions());
    assertEquals(
        a.client().fastRetransmissions() + late.client().fastRetransmissions(),
        c.fastRetransmissions());
    assertEquals(
        a.client().spuriousRetransmissions() + late.client().spuriousRetransmissions(),
        c.spuriousRetransmissions());
    assertEquals(a.client().outOfOrder() + late.client().outOfOrder(), c.outOfOrder());
    assertEquals(a.client().dupAcksSent() + late.client().dupAcksSent(), c.dupAcksSent());
    assertEquals(a.client().gaps() + late.client().gaps(), c.gaps());
    assertEquals(a.client().duplicates() + late.client().duplicates(), c.duplicates());
    assertEquals(late.client().rawWindowMax(), c.rawWindowMax(), "910, the larger");
    assertEquals(a.client().rawWindowMin(), c.rawWindowMin(), "18, the smaller");
    assertEquals(a.client().windowShift(), c.windowShift());
    assertEquals(a.server().frames() + late.server().frames(), m.server().frames());

    ConversationSummary.Stats w = Checker.merge(first, swapped).stats();
    assertEquals(a.client().frames() + late.server().frames(), w.client().frames());
    assertEquals(a.server().frames() + late.client().frames(), w.server().frames());
    assertEquals(a.server().dupAcksSent() + late.client().dupAcksSent(), w.server().dupAcksSent());
  }

  @Test
  void aMissingRoundTripOrWindowIsTakenFromTheLateSegments() {
    ConversationSummary.Direction none = ConversationSummary.Direction.NONE;
    ConversationSummary.Direction late =
        new ConversationSummary.Direction(3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000, 20, -1);
    ConversationSummary.Direction m = none.plus(late);
    assertEquals(1000, m.rawWindowMax());
    assertEquals(20, m.rawWindowMin());
    assertEquals(-1, m.windowShift());
    assertEquals(20, late.plus(none).rawWindowMin());
    ConversationSummary.Stats s =
        new ConversationSummary.Stats(none, none, 0)
            .plus(new ConversationSummary.Stats(late, none, 5), true);
    assertEquals(5, s.irttNanos());
  }
}
