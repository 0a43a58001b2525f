package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tcplint.testing.Cli;

/**
 * {@code tcplint explain}: after how to silence a rule, which of Wireshark, Suricata and Zeek check
 * the same thing, and where tcplint differs from Wireshark.
 */
class ExplainCommandTest {
  /** What explain prints from "How to silence it:" on. */
  private static String tail(String id) {
    String out = Cli.run("explain", id);
    int at = out.indexOf("How to silence it:");
    assertTrue(at > 0, out);
    return out.substring(at);
  }

  @Test
  void drawsTheWrongAndTheRightExampleAsLadders() {
    String out = Cli.run("explain", "handshake.synack-wrong-ack");
    int from = out.indexOf("Wrong ");
    int to = out.indexOf("How to silence it:");
    assertTrue(from > 0 && to > from, out);
    assertEquals(
        """
        Wrong (seq and ack relative to client 500, server 9000):
         frame       time  client 192.0.2.1:50000         server 198.51.100.7:80
                           │                                                   │
             1   0.000000  │─ SYN seq=0 len=0 win=1000 MSS=100 ───────────────▶│
             2   0.001000  │◀── SYN-ACK seq=0 ack=4501 len=0 win=1000 MSS=100 ─│  \
        ✗ expected ack=1, raw 501 (handshake.synack-wrong-ack, error)
             3   0.002000  │─ ACK seq=1 ack=1 len=0 win=1000 ─────────────────▶│
          -> frame 2: error handshake.synack-wrong-ack: SYN-ACK acknowledges 5001, expected 501 \
        (client ISN 500 + 1; relative 4501, expected 1)

        Right (seq and ack relative to client 500, server 9000):
         frame       time  client 192.0.2.1:50000      server 198.51.100.7:80
                           │                                                │
             1   0.000000  │─ SYN seq=0 len=0 win=1000 MSS=100 ────────────▶│
             2   0.001000  │◀── SYN-ACK seq=0 ack=1 len=0 win=1000 MSS=100 ─│
             3   0.002000  │─ ACK seq=1 ack=1 len=0 win=1000 ──────────────▶│
          -> no handshake.synack-wrong-ack finding

        """,
        out.substring(from, to));
  }

  @Test
  void marksOnlyTheExplainedRuleAndDrawsEveryConversation() {
    String out = Cli.run("explain", "conv.port-reuse");
    String wrong = out.substring(out.indexOf("Wrong "), out.indexOf("Right "));
    assertTrue(wrong.startsWith("Wrong (2 conversations; "), wrong);
    assertTrue(wrong.contains("\nstream 0: 192.0.2.1:50000 → 198.51.100.7:80"), wrong);
    assertTrue(wrong.contains("\nstream 1: 192.0.2.1:50000 → 198.51.100.7:80"), wrong);
    assertTrue(wrong.contains("✗ conv.port-reuse (info)"), wrong);
    assertTrue(!wrong.contains("✗ opt.mss-missing"), "other rules are not marked: " + wrong);
  }

  @Test
  void aRuleNoToolChecksWithANoteOnWireshark() {
    assertEquals(
        """
        How to silence it:
          tcplint check --rule close.fin-unacked=off ...      (or =info/=warning/=error to change its level)
          tcplint check --rule close.*=off ...  (the whole family)

        Checked by none of Wireshark, Suricata and Zeek.
        Not counted as checking it:
          Suricata: (stays FIN_WAIT1/CLOSING/LAST_ACK)
          Zeek: — (Zeek does not follow the ACK of a FIN; `SF` needs only both FINs)

        Where tcplint differs from Wireshark:
          Wireshark's `tcp.completeness` sets its FIN bit (16) for any FIN with the ACK flag and \
        never looks at whether the peer acknowledged it, so a stream whose FIN went unanswered still \
        reads "Complete" (23 without data, 31 with). RFC 9293 §3.10.7.4 moves a closing side on \
        (FIN-WAIT-1 to FIN-WAIT-2, CLOSING to TIME-WAIT, LAST-ACK to CLOSED) only when its FIN is \
        acknowledged, so tcplint reports a FIN that no ACK covers by capture end (unless a RST ended \
        the connection).
        """,
        tail("close.fin-unacked"));
  }

  @Test
  void aRuleOtherToolsCheckWithANoteOnWireshark() {
    assertEquals(
        """
        How to silence it:
          tcplint check --rule seq.ack-unsent-data=off ...      (or =info/=warning/=error to change its level)
          tcplint check --rule seq.*=off ...  (the whole family)

        Also checked by:
          Wireshark: `ack_lost_segment`
          Suricata: `est_invalid_ack`/`pkt_invalid_ack` (when beyond window); counter \
        `tcp.ack_unseen_data`
        Other anchors:
          Snort 129:17

        Where tcplint differs from Wireshark:
          Wireshark flags every ACK beyond the highest byte it captured from the peer as \
        `tcp.analysis.ack_lost_segment` ("ACKed segment that wasn't captured"), whether the capture \
        missed those bytes or the peer never sent them. tcplint tells the two apart: when the peer's \
        direction has a capture gap, the ACK is `seq.ack-unseen` (info: capture loss); only an ack \
        beyond every byte and FIN the peer could have sent is `seq.ack-unsent-data`, the case RFC \
        9293 §3.10.7.4 names (SEG.ACK > SND.NXT: the receiver sends an ACK and drops the segment).
        """,
        tail("seq.ack-unsent-data"));
  }

  @Test
  void aRuleNoToolChecksWithoutANote() {
    assertEquals(
        """
        How to silence it:
          tcplint check --rule conv.l2-change=off ...      (or =info/=warning/=error to change its level)
          tcplint check --rule conv.*=off ...  (the whole family)

        Checked by none of Wireshark, Suricata and Zeek.
        Other anchors:
          Snort 129:9/10
        """,
        tail("conv.l2-change"));
  }
}
