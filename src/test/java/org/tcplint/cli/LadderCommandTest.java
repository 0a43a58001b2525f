package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tcplint.testing.CaptureBuilder;
import org.tcplint.testing.Cli;

/**
 * {@code tcplint ladder}: golden drawings of captures in {@code testdata/} and of a long transfer
 * built here ({@code -Dgolden.update=true} rewrites the files under {@code
 * src/test/resources/org/tcplint/cli/ladder/}; review the diff), the choice of the conversation,
 * the filters, colour and the errors.
 */
class LadderCommandTest {
  private static final Path GOLDEN = Path.of("src/test/resources/org/tcplint/cli/ladder");

  @TempDir Path dir;

  private static Cli.Result run(String... args) {
    return Cli.result(args);
  }

  private static void assertGolden(String name, String actual) throws IOException {
    Path golden = GOLDEN.resolve(name + ".txt");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual);
    }
    assertTrue(Files.exists(golden), golden + " missing (-Dgolden.update=true)");
    assertEquals(Files.readString(golden), actual, name + " drawing changed");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // SYN 500 answered by ack 5001: RFC 9293 §3.10.7.3 wants ISN+1, relative 1
    "seed-wrong-synack-ack, testdata/seed-wrong-synack-ack.pcapng, --stream, 0",
    // RFC 9293 Figure 8: the SYNs cross, each SYN-ACK acknowledges the peer's ISN + 1
    "simultaneous-open, testdata/rules/handshake.simultaneous-open-numbers.pcapng, --stream, 0",
    // RFC 5961 §3.2: a RST in the window but not at RCV.NXT; chosen by its frame
    "reset-in-window, testdata/rules/rst.in-window-inexact.pcapng, --frame, 4",
    // RFC 9293 §3.10.7.4: a RST at RCV.NXT aborts the connection
    "reset-abort, testdata/rules/close.abort.pcapng, --stream, 0",
  })
  void drawsTestdataCaptures(String golden, String capture, String option, String value)
      throws IOException {
    Cli.Result r = run("ladder", capture, option, value);
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertGolden(golden, r.out());
  }

  /**
   * A transfer of 400 client segments of 1,000 bytes, every second one acknowledged, with one
   * retransmission in the middle: the quiet stretches before and after it fold, the handshake, the
   * close, the first and last three data segments of each stretch and the retransmission stay.
   */
  private Path transfer() throws IOException {
    CaptureBuilder b = CaptureBuilder.tcp();
    b.c("S", 1000, 0).win(512).mss(1460).ws(7).sackPerm().done();
    b.s("SA", 5000, 1001).win(512).mss(1460).ws(7).sackPerm().done();
    b.c("A", 1001, 5001).win(512).done();
    for (int i = 0; i < 400; i++) {
      long seq = 1001 + i * 1000L;
      b.c("PA", seq, 5001).len(1000).win(512).done();
      if (i == 200) {
        b.c("PA", seq, 5001).len(1000).win(512).done(); // sent again before any ACK covers it
      }
      if (i % 2 == 1) {
        b.s("A", 5001, seq + 1000).win(512).done();
      }
    }
    long end = 1001 + 400 * 1000L;
    b.c("FA", end, 5001).win(512).done();
    b.s("FA", 5001, end + 1).win(512).done();
    b.c("A", end + 1, 5002).win(512).done();
    Path p = dir.resolve("transfer.pcapng");
    Files.write(p, b.pcapng());
    return p;
  }

  @Test
  void foldsTheQuietDataPhase() throws IOException {
    Cli.Result r = run("ladder", transfer().toString(), "--stream", "0");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertGolden("folded-transfer", r.out());
  }

  @Test
  void allDrawsEverySegment() throws IOException {
    Path p = transfer();
    Cli.Result all = run("ladder", p.toString(), "--stream", "0", "--all");
    assertFalse(all.out().contains("…"), all.out());
    // 3 handshake + 401 data + 200 ACKs + 3 close
    assertEquals(607, all.out().lines().filter(l -> l.contains("▶│") || l.contains("│◀")).count());
  }

  @Test
  void frameRangeAndRuleOnlyNarrowTheDrawing() {
    Cli.Result r =
        run(
            "ladder",
            "testdata/seed-wrong-synack-ack.pcapng",
            "--frame",
            "2-3",
            "--rule-only",
            "handshake.synack-wrong-ack");
    assertEquals(ExitCode.OK, r.code(), r.err());
    List<String> rows = r.out().lines().filter(l -> l.contains("▶│") || l.contains("│◀")).toList();
    assertEquals(2, rows.size(), r.out());
    assertTrue(rows.get(0).startsWith("     2   0.001000  │◀"), rows.get(0));
    assertTrue(rows.get(1).startsWith("     3   0.002000  │─ ACK seq=1 ack=1"), rows.get(1));
    assertTrue(rows.get(1).endsWith("▶│"), "close.open-at-end left out: " + rows.get(1));
    assertFalse(r.out().contains("close.open-at-end"), r.out());
  }

  @Test
  void aReusedFourTupleKeepsItsStreamsApart() {
    // frames 1-6 are stream 0; frame 7, a SYN with a new ISN on the same 4-tuple, is stream 1
    Cli.Result r = run("ladder", "testdata/rules/conv.port-reuse.pcapng", "--stream", "1");
    assertEquals(ExitCode.OK, r.code(), r.err());
    List<String> rows = r.out().lines().filter(l -> l.contains("▶│") || l.contains("│◀")).toList();
    assertEquals(1, rows.size(), r.out());
    assertTrue(rows.get(0).startsWith("     7   0.000000  │─ SYN seq=0 len=0"), rows.get(0));
    assertTrue(r.out().startsWith("stream 1: 192.0.2.1:50000 → 198.51.100.7:80"), r.out());
    Cli.Result choose = run("ladder", "testdata/rules/conv.port-reuse.pcapng");
    assertEquals(ExitCode.USAGE, choose.code());
    assertTrue(choose.err().contains("ladder needs --stream N or --frame N"), choose.err());
  }

  @Test
  void aMissingStreamIsAUsageError() {
    Cli.Result r = run("ladder", "testdata/seed-wrong-synack-ack.pcapng", "--stream", "7");
    assertEquals(ExitCode.USAGE, r.code());
    assertEquals("", r.out());
    assertTrue(
        r.err()
            .startsWith(
                "tcplint: no stream 7 in testdata/seed-wrong-synack-ack.pcapng (streams 0 to 0);"
                    + " see 'tcplint conversations'\n"),
        r.err());
    Cli.Result frame = run("ladder", "testdata/seed-wrong-synack-ack.pcapng", "--frame", "9");
    assertEquals(ExitCode.USAGE, frame.code());
    assertTrue(frame.err().contains("frame 9 of testdata/seed-wrong-synack-ack.pcapng is not"));
    assertEquals(ExitCode.USAGE, run("ladder", "x.pcapng", "--frame", "3-2").code());
    assertEquals(ExitCode.USAGE, run("ladder", "x.pcapng", "--stream", "-1").code());
    assertEquals(ExitCode.USAGE, run("ladder", "x.pcapng", "--rule-only", "no.such").code());
    assertEquals(ExitCode.USAGE, run("ladder", "x.pcapng", "--color", "sometimes").code());
  }

  @Test
  void anUnreadableCaptureIsBadInput() {
    Cli.Result r = run("ladder", dir.resolve("absent.pcapng").toString(), "--stream", "0");
    assertEquals(ExitCode.BAD_INPUT, r.code(), r.err());
    assertTrue(r.err().startsWith("tcplint: " + dir.resolve("absent.pcapng") + ": "), r.err());
    assertEquals("", r.out());
  }

  @Test
  void colourOnlyWhenAskedOrOnATerminalWithoutNoColor() throws UsageException {
    String seed = "testdata/seed-wrong-synack-ack.pcapng";
    String piped = run("ladder", seed).out();
    assertFalse(piped.contains("\u001b"), "no ESC when piped: " + piped);
    assertTrue(piped.contains("✗ expected ack=1, raw 501"), piped);
    String always = run("ladder", seed, "--color", "always").out();
    assertTrue(always.contains("\u001b[31m✗ expected ack=1, raw 501"), always);
    assertEquals(piped, always.replaceAll("\u001b\\[[0-9;]*m", ""));
    assertFalse(run("ladder", seed, "--color", "never").out().contains("\u001b"));
    assertTrue(LadderCommand.colour("auto", true, null));
    assertTrue(LadderCommand.colour("auto", true, ""));
    assertFalse(LadderCommand.colour("auto", true, "1"), "NO_COLOR set");
    assertFalse(LadderCommand.colour("auto", false, null), "not a terminal");
    assertTrue(LadderCommand.colour("always", false, "1"), "the option wins");
    assertThrows(UsageException.class, () -> LadderCommand.colour("yes", true, null));
  }

  @Test
  void answersHelp() {
    for (String flag : List.of("--help", "-h")) {
      Cli.Result r = run("ladder", flag);
      assertEquals(ExitCode.OK, r.code());
      assertTrue(r.out().startsWith("usage: tcplint ladder [options] CAPTURE"), r.out());
      for (String option : List.of("--stream", "--frame", "--rule-only", "--all", "--color")) {
        assertTrue(r.out().contains(option), option + " in " + r.out());
      }
    }
  }
}
