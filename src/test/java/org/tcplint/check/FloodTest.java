package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.bench.TraceGenerator;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.Settings;
import org.tcplint.rules.Severity;
import org.tcplint.testing.CaptureBuilder;

/** A SYN flood fills the table up to its cap; the rest is counted and reported once. */
class FloodTest {
  @TempDir Path dir;

  @Test
  void synFloodBeyondTheCapIsReportedOnceWithCounts() throws Exception {
    Path flood = dir.resolve("flood.pcapng");
    TraceGenerator.synFlood(flood, 5000, 1);
    Settings small = new Settings(-1, 60_000_000_000L, 5_000_000_000L, 300_000_000_000L, 1000);
    FileResult r = new Checker(new RuleLevels(), small).check(flood, "flood");
    List<Finding> full =
        r.findings().stream().filter(f -> f.rule().equals("capture.flow-table-full")).toList();
    assertEquals(1, full.size());
    assertEquals(1001, full.get(0).frame());
    assertTrue(full.get(0).message().contains("4000 segments (4000 SYNs)"), full.get(0).message());
    assertEquals(1000, r.conversations().size());
    assertEquals(5000, r.packets());
  }

  @Test
  void idleOpenConversationsAreFreedAndTheirStreamsReported() throws Exception {
    Path flood = dir.resolve("slow.pcapng");
    TraceGenerator.synFlood(flood, 70_000, 2);
    // 1 µs apart: with a 10 ms idle timeout, early SYNs are freed while the flood goes on.
    Settings quick = new Settings(-1, 60_000_000_000L, 5_000_000_000L, 10_000_000L, 2000);
    FileResult r = new Checker(new RuleLevels(), quick).check(flood, "slow");
    assertTrue(Files.size(flood) > 0);
    assertTrue(
        r.conversations().size() > 2000, "freed slots were reused: " + r.conversations().size());
  }

  /** Nothing freed by time: a 10-minute linger and an hour's idle timeout, a cap of 1,000. */
  private static final Settings SLOW_AND_SMALL =
      new Settings(-1, 60_000_000_000L, 600_000_000_000L, 3_600_000_000_000L, 1000);

  /**
   * {@code n} conversations of distinct clients, one after another, each opened (RFC 9293 §3.5) and
   * closed by both FINs, six segments 1 ms apart.
   */
  private static CaptureBuilder shortConversations(int n) {
    CaptureBuilder b = CaptureBuilder.tcp();
    for (int i = 0; i < n; i++) {
      client(b, i).openedAndClosed();
    }
    return b;
  }

  private static CaptureBuilder client(CaptureBuilder b, int i) {
    return b.client("10.0." + (i / 250) + "." + (1 + i % 250), 40000 + i);
  }

  private FileResult check(byte[] capture, Settings settings) throws Exception {
    Path file = Files.write(dir.resolve("short.pcapng"), capture);
    return new Checker(new RuleLevels(), settings).check(file, "short");
  }

  @Test
  void aFullTableFreesTheConversationThatClosedFirstRatherThanDropANewOne() throws Exception {
    byte[] capture = shortConversations(1500).pcapng();
    FileResult capped = check(capture, SLOW_AND_SMALL);
    FileResult whole =
        check(
            capture, new Settings(-1, 60_000_000_000L, 600_000_000_000L, 3_600_000_000_000L, 2000));
    // Every conversation is analysed as with room for all: a closed one has nothing left to see.
    assertEquals(1500, capped.conversations().size());
    assertEquals(whole.conversations(), capped.conversations());
    List<Finding> freed = of(capped, "capture.state-freed");
    assertEquals(1, freed.size());
    assertEquals(Severity.INFO, freed.get(0).severity());
    assertEquals(1000 * 6 + 1, freed.get(0).frame()); // the 1,001st conversation's SYN
    assertEquals(
        "the conversation table was full (1000 conversations held at once): 500 closed"
            + " conversations were freed before their linger time to make room; a later segment on"
            + " their 4-tuples starts a new stream; raise defaults.maxConversations to keep them",
        freed.get(0).message());
    assertEquals(List.of(), of(capped, "capture.flow-table-full"));
    assertEquals(
        whole.findings(),
        capped.findings().stream().filter(f -> !f.rule().equals("capture.state-freed")).toList());
    // With room for all, nothing is freed early.
    assertEquals(List.of(), of(whole, "capture.state-freed"));
  }

  private static List<Finding> of(FileResult r, String rule) {
    return r.findings().stream().filter(f -> f.rule().equals(rule)).toList();
  }

  @Test
  void recordsOfClosedConversationsBeyondFourPerHeldOneForgetTheOldest() throws Exception {
    CaptureBuilder b = shortConversations(6000);
    client(b, 0).c("A", 502, 9002).done(); // late: the first conversation's last ACK again
    client(b, 5999).c("A", 502, 9002).done(); // late: the last one's, whose record is kept
    FileResult r = check(b.pcapng(), SLOW_AND_SMALL);
    // The first conversation's record was forgotten: its late ACK starts a stream of its own (the
    // same as after the idle timeout); the last one's continues its stream.
    assertEquals(6001, r.conversations().size(), "streams");
    assertEquals(6000, r.conversations().get(6000).stream());
    assertEquals(6000 * 6 + 1, r.conversations().get(6000).firstFrame());
    List<Finding> freed = of(r, "capture.state-freed");
    assertEquals(1, freed.size());
    assertEquals(6001, freed.get(0).frame());
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "the conversation table was full \\(1000 conversations held at once\\): 5001 closed"
                    + " conversations were freed before their linger time to make room, and"
                    + " ([0-9]+) records of closed conversations \\(four per conversation held at"
                    + " most\\) were forgotten before the idle timeout, the oldest first; a later"
                    + " segment on their 4-tuples starts a new stream; raise"
                    + " defaults.maxConversations to keep them")
            .matcher(freed.get(0).message());
    assertTrue(m.matches(), freed.get(0).message());
    // 5,001 records (one per conversation freed) against a limit of 4,000: at each point where
    // conversations are freed (every 1,024 segments) beyond 4,000 the oldest go, down to 3,000.
    long forgotten = Long.parseLong(m.group(1));
    assertTrue(forgotten >= 1001 && forgotten <= 2001, "forgotten " + forgotten);
    assertEquals(List.of(), of(r, "capture.flow-table-full"));
  }
}
