package org.tcplint.rules;

import static org.tcplint.decode.SeqNum.leq;

import org.tcplint.decode.TcpFlags;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;

/**
 * Explicit Congestion Notification (rules.md §8.3): the ECN setup of the handshake (RFC 3168
 * §6.1.1, and Accurate ECN, RFC 9768, whose SYN sets AE, CWR and ECE) and the use of the ECE/CWR
 * flags and of the IP ECN field afterwards. Every fact is reported once per direction, with the
 * first frame and a count.
 */
public final class EcnRules implements Rule {

  private static final java.util.List<String> IDS = Catalog.idsStartingWith("ecn.");

  @Override
  public java.util.List<String> ids() {
    return IDS;
  }

  private static final int ECN_FLAGS = TcpFlags.AE | TcpFlags.CWR | TcpFlags.ECE;
  private static final int SETUP = 1;
  private static final int ACCECN = 2;

  /** IP ECN field values: ECT(1) and ECT(0). */
  private static final int ECT1 = 1;

  private static final int ECT0 = 2;

  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    if (ctx.claimed(s, RuleContext.CLAIM_SYNACK)) {
      return; // a SYN-ACK in the wrong direction answers no SYN (clarification 1)
    }
    Endpoint e = c.endpoint(s.side);
    Endpoint peer = c.endpoint(1 - s.side);
    int ecn = s.flags & ECN_FLAGS;
    boolean ect = s.ecn == ECT0 || s.ecn == ECT1;
    if (s.syn() && ect) {
      // RFC 3168 §6.1.1: a host MUST NOT set ECT on SYN or SYN-ACK packets (relaxed by RFC 8311).
      Tallies.count(
          c,
          s,
          "ecn.ect-on-syn",
          () ->
              (s.pureSyn() ? "SYN" : "SYN-ACK")
                  + " sent with "
                  + codepoint(s.ecn)
                  + ", expected Not-ECT",
          0L,
          (long) s.ecn);
    }
    if (s.pureSyn()) {
      syn(c, s, e, ecn);
    } else if (s.synAck()) {
      if (e.synAckEcn < 0) {
        e.synAckEcn = ecn;
      }
      if (peer.synSent && !e.synSent) {
        synAck(c, s, peer, ecn);
      }
    } else {
      dataPhase(c, s, e, peer, ect);
    }
  }

  private static void syn(Conversation c, Segment s, Endpoint e, int ecn) {
    boolean ece = (ecn & TcpFlags.ECE) != 0;
    boolean cwr = (ecn & TcpFlags.CWR) != 0;
    if (ece && cwr) {
      e.synEcn |= SETUP | (ecn == ECN_FLAGS ? ACCECN : 0);
    } else if (ece || cwr) {
      // RFC 3168 §6.1.1: an ECN-setup SYN sets both ECE and CWR.
      Tallies.count(
          c,
          s,
          "ecn.syn-partial-setup",
          () ->
              "SYN sets only "
                  + (ece ? "ECE" : "CWR")
                  + ": expected both ECE and CWR (ECN-setup SYN) or neither",
          null,
          null);
    }
  }

  private static void synAck(Conversation c, Segment s, Endpoint client, int ecn) {
    if (ecn == TcpFlags.ECE && (client.synEcn & SETUP) == 0) {
      // RFC 3168 §6.1.1: an ECN-setup SYN-ACK answers an ECN-setup SYN only.
      Tallies.count(
          c,
          s,
          "ecn.synack-unsolicited",
          () ->
              "ECN-setup SYN-ACK (ECE) but the SYN (frame "
                  + client.synFrame
                  + ") was not ECN-setup: expected no ECE",
          null,
          null);
    } else if ((ecn & (TcpFlags.ECE | TcpFlags.CWR)) == (TcpFlags.ECE | TcpFlags.CWR)
        && (client.synEcn & ACCECN) == 0) {
      // RFC 3168 §6.1.1: the ECN-setup SYN-ACK has CWR clear; only AccECN (RFC 9768 §3.1.1)
      // answers with other combinations, and only to an AccECN SYN.
      Tallies.count(
          c,
          s,
          "ecn.synack-ece-cwr",
          () ->
              "SYN-ACK sets both ECE and CWR but the SYN (frame "
                  + client.synFrame
                  + ") was not AccECN: expected ECE alone",
          null,
          null);
    }
  }

  /**
   * The ECN mode the handshake agreed: 0 none, {@link #SETUP} classic (RFC 3168), {@link #ACCECN}
   * (RFC 9768 §3.1.1 Table 2), or -1 when the handshake was not captured (or both sent SYNs).
   */
  static int negotiated(Conversation c) {
    if (!c.clientFromSyn) {
      return -1;
    }
    Endpoint client = c.endpoint(c.clientSide);
    Endpoint server = c.endpoint(c.serverSide());
    if (!client.synSent || server.synAckEcn < 0 || server.synSent) {
      return -1;
    }
    int a = server.synAckEcn;
    if ((client.synEcn & ACCECN) != 0
        && (a == TcpFlags.CWR
            || a == (TcpFlags.CWR | TcpFlags.ECE)
            || a == TcpFlags.AE
            || a == (TcpFlags.AE | TcpFlags.CWR))) {
      return ACCECN;
    }
    return (client.synEcn & SETUP) != 0 && a == TcpFlags.ECE ? SETUP : 0;
  }

  private static void dataPhase(Conversation c, Segment s, Endpoint e, Endpoint peer, boolean ect) {
    int flags = s.flags & (TcpFlags.ECE | TcpFlags.CWR);
    int mode = flags != 0 || ect ? negotiated(c) : -1;
    if (flags != 0 && mode == 0) {
      // RFC 3168 §6.1.1: without ECN negotiated, ECE and CWR are not used.
      Tallies.count(
          c,
          s,
          "ecn.flags-unnegotiated",
          () ->
              TcpFlags.letters(flags)
                  + " set but the handshake did not negotiate ECN: expected neither ECE nor CWR",
          null,
          null);
    }
    if (!ect || mode == ACCECN || (mode < 0 && (s.flags & TcpFlags.AE) != 0)) {
      // AccECN (negotiated, or its ACE counter seen when the handshake was not captured) sets
      // ECT on ACKs and retransmissions as RFC 8311 §4.3 allows.
      return;
    }
    String what = null;
    if (s.len == 0 && s.hasAck() && !s.fin() && !s.rst()) {
      what = "a pure ACK"; // RFC 3168 §6.1.4
    } else if (s.len > 0 && e.nxtSet && leq(s.seq + s.len, e.nxt)) {
      what = SequenceRules.keepAlive(s) ? "a keep-alive" : "a retransmission"; // §6.1.5
    } else if (s.cls == org.tcplint.flow.DataPhase.PROBE) {
      what = "a zero-window probe"; // §6.1.6
    }
    if (what != null) {
      String kind = what;
      Tallies.count(
          c,
          s,
          "ecn.ect-on-ack-or-retx",
          () -> kind + " sent with " + codepoint(s.ecn) + ", expected Not-ECT",
          0L,
          (long) s.ecn);
    }
  }

  private static String codepoint(int ecn) {
    return ecn == ECT0 ? "ECT(0)" : "ECT(1)";
  }

  @Override
  public void onEnd(RuleContext ctx, Conversation c) {
    Tallies.report(ctx, c, "ecn.ect-on-syn", null, "SYNs");
    Tallies.report(ctx, c, "ecn.syn-partial-setup", null, "SYNs");
    Tallies.report(ctx, c, "ecn.synack-unsolicited", null, "SYN-ACKs");
    Tallies.report(ctx, c, "ecn.synack-ece-cwr", null, "SYN-ACKs");
    Tallies.report(ctx, c, "ecn.flags-unnegotiated", null, "segments");
    Tallies.report(ctx, c, "ecn.ect-on-ack-or-retx", null, "segments");
  }
}
