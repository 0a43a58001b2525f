package org.tcplint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcplint.check.Checker;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.example.Ladder;
import org.tcplint.example.LadderCapture;

/**
 * rules.md clarification 14: a segment the receiver must drop is reported as its rule and changes
 * nothing else. Expectations from RFC 9293 §3.10.7.3 (SYN-SENT: an unacceptable ACK is answered by
 * {@code <SEQ=SEG.ACK><CTL=RST>} and dropped; a RST is acceptable only if its ACK acknowledges the
 * SYN).
 */
class IgnoredSegmentsTest {
  private static FileResult check(String ladder) {
    return new Checker(new RuleLevels())
        .check(LadderCapture.pcapng(Ladder.parse(ladder)), "ladder");
  }

  private static List<String> findings(FileResult r) {
    return r.findings().stream()
        .filter(f -> !f.rule().equals("opt.mss-missing"))
        .map(f -> f.frame() + " " + f.rule() + " " + f.expected() + " " + f.actual())
        .toList();
  }

  @Test
  void aClientThatResetsABadSynAckStaysInSynSent() {
    FileResult r =
        check(
            "C S 500 0 ; S SA 9000 5001 ; C R 5001 0 ; C S 500 0 sleep=1000000 ;"
                + " S SA 9000 5001 ; C R 5001 0 ; C S 500 0 sleep=2000000 ;"
                + " S SA 9000 501 ; C A 501 9001");
    assertEquals(
        List.of(
            "2 handshake.synack-wrong-ack 501 5001",
            "4 handshake.syn-retransmission null null",
            "5 handshake.synack-wrong-ack 501 5001",
            "5 seq.retransmission null null",
            "7 handshake.syn-retransmission null null",
            "8 seq.retransmission null null",
            "9 close.open-at-end null null"),
        findings(r));
    ConversationSummary c = r.conversations().get(0);
    assertEquals("three-way", c.open());
    assertEquals("none", c.close());
  }

  @Test
  void anInvalidRstAnsweringTheSynNeitherRejectsNorResets() {
    FileResult r = check("C S 500 0 ; S RA 0 500 ; S SA 9000 501 ; C A 501 9001");
    assertEquals(
        List.of("2 handshake.reject-rst-invalid 501 500", "4 close.open-at-end null null"),
        findings(r));
    ConversationSummary c = r.conversations().get(0);
    assertEquals("three-way", c.open());
    assertEquals("none", c.close());
  }

  @Test
  void aValidRstAnsweringTheSynRejects() {
    FileResult r = check("C S 500 0 ; S RA 0 501");
    assertEquals(List.of("2 handshake.rejected null null"), findings(r));
    assertEquals("rejected", r.conversations().get(0).open());
  }
}
