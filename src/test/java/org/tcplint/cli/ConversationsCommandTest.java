package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.example.Ladder;
import org.tcplint.example.LadderCapture;

/** {@code tcplint conversations}: the columns of cli.md first, then the statistics columns. */
class ConversationsCommandTest {
  @TempDir Path dir;

  private static List<String> lines(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Main.run(
            args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(System.err));
    assertEquals(ExitCode.OK, code);
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static List<String> cells(String line) {
    return Arrays.asList(line.trim().split("\\s+"));
  }

  @Test
  void everyCommandAnswersHelp() {
    for (String command :
        List.of("check", "packets", "ladder", "conversations", "rules", "explain", "wireshark")) {
      for (String flag : List.of("--help", "-h")) {
        List<String> out = lines(command, flag);
        assertEquals("usage: tcplint " + command, out.get(0).substring(0, 15 + command.length()));
        assertEquals(true, out.stream().anyMatch(l -> l.contains("this help")), command);
      }
    }
  }

  @Test
  void headerKeepsTheColumnsAndAddsTheStatistics() {
    List<String> out = lines("conversations", "testdata/clean-http.pcapng");
    assertEquals(
        "stream client                                     server                                "
            + "     service      open        close        compl state  history       packets     "
            + " bytes   duration   retx   ooo dupack  gaps  dups   irtt_ms",
        out.get(0));
    assertEquals(2, out.size());
    // Clean: nothing sent twice, nothing missing; the handshake ACK 2 ms after the SYN.
    assertEquals(
        List.of(
            "0",
            "192.0.2.1:50000",
            "198.51.100.7:80",
            "http",
            "three-way",
            "four-way",
            "31",
            "SF",
            "ShADadFf",
            "11",
            "400",
            "0.010000",
            "0",
            "0",
            "0",
            "0",
            "0",
            "2.000"),
        cells(out.get(1)));
  }

  @Test
  void statisticsColumnsCountBothDirections() throws Exception {
    // A retransmission, a gap, two duplicate ACKs, the hole filled out of order, a capture copy.
    String ladder =
        "C S 500 0 ws=7 ; S SA 9000 501 ws=7 ; C A 501 9001 sleep=1500 ;"
            + " C PA 501 9001 len=100 ; C PA 501 9001 len=100 ; S A 9001 601 ;"
            + " C PA 701 9001 len=100 ; S A 9001 601 ; S A 9001 601 ; C PA 601 9001 len=100 ;"
            + " S A 9001 801 ; S A 9001 801 dup";
    Path f = dir.resolve("ladder.pcapng");
    Files.write(f, LadderCapture.pcapng(Ladder.parse(ladder)));
    List<String> row = cells(lines("conversations", f.toString()).get(1));
    // retx ooo dupack gaps dups irtt_ms: SYN at 0 ms, its ACK at 2 + 1.5 ms.
    assertEquals(List.of("1", "1", "2", "1", "1", "3.500"), row.subList(12, 18));
  }

  @Test
  void withoutAHandshakeTheRoundTripIsADash() throws Exception {
    Path f = dir.resolve("mid.pcapng");
    Files.write(
        f,
        LadderCapture.pcapng(
            Ladder.parse("C PA 501 9001 len=10 ; S A 9001 511 ; C PA 511 9001 len=10")));
    List<String> row = cells(lines("conversations", f.toString()).get(1));
    assertEquals(List.of("0", "0", "0", "0", "0", "-"), row.subList(12, 18));
  }
}
