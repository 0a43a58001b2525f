package org.tcplint.rules;

import static org.tcplint.decode.SeqNum.geq;
import static org.tcplint.decode.SeqNum.gt;
import static org.tcplint.decode.SeqNum.leq;
import static org.tcplint.rules.RuleContext.raw;

import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;

/** The opening handshake (rules.md §8.4), window-scale solicitation and TFO (§8.2, §8.3). */
public final class HandshakeRules implements Rule {

  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    Endpoint e = c.endpoint(s.side);
    Endpoint peer = c.endpoint(1 - s.side);
    boolean fromClient = c.clientFromSyn && s.side == c.clientSide;
    boolean fromServer = c.clientFromSyn && s.side != c.clientSide;
    challenge(ctx, c, s, e);
    if (s.pureSyn()) {
      syn(ctx, c, s, e);
    } else if (s.synAck()) {
      synAck(ctx, c, s, e, peer);
    }
    if (fromClient
        && !c.handshakeAckChecked
        && peer.synAckSent
        && !c.synAckWrongDirection
        && !c.responderSyn
        && !s.syn()
        && s.hasAck()
        && !s.rst()) {
      handshakeAck(ctx, c, s, e, peer);
    }
    if (fromServer && s.rst() && !e.synAckSent && !e.synSent && !e.rstSent) {
      rejected(ctx, c, s, peer);
    }
    // RFC 9293 §3.10.7.2: an ACK arriving in LISTEN is answered with a RST.
    if (fromServer
        && s.hasAck()
        && !s.syn()
        && !s.rst()
        && !e.synSent
        && !e.synAckSent
        && !e.ackSent) {
      ctx.report(
          "handshake.ack-before-synack",
          c,
          s.frame,
          s.side,
          "server sends an ACK-flagged segment before its SYN-ACK",
          null,
          null);
    }
    dataBeforeEstablished(ctx, c, s, e, peer, fromClient, fromServer);
  }

  private static void syn(RuleContext ctx, Conversation c, Segment s, Endpoint e) {
    if (!e.synSent || s.seq != e.isn) {
      return;
    }
    if (e.ackSent) {
      c.challengeSide = 1 - s.side;
      c.challengeFrame = s.frame;
      c.challengeCause = "the SYN";
      // RFC 5961 §4.2, RFC 9293 §3.10.7.4: a SYN in a synchronized state.
      ctx.report(
          "handshake.syn-in-established",
          c,
          s.frame,
          s.side,
          "SYN with ISN "
              + raw(s.seq)
              + " after "
              + RuleContext.who(c, s.side)
              + " already sent ACK-bearing segments (first SYN in frame "
              + e.synFrame
              + ")",
          null,
          null);
    } else {
      ctx.report(
          "handshake.syn-retransmission",
          c,
          s.frame,
          s.side,
          "SYN retransmitted (same ISN "
              + raw(s.seq)
              + ", copy "
              + (e.synCount + 1)
              + ", first in frame "
              + e.synFrame
              + ")",
          null,
          null);
      long kindsMask = ~3L; // NOP and EOL carry no meaning
      if (s.window != e.synWindow
          || (s.options.kindsMask & kindsMask) != (e.synKinds & kindsMask)
          || s.options.mss != e.synMss
          || s.options.wscale != e.synWscale
          || s.options.sackPermitted != e.synSackPerm) {
        ctx.report(
            "handshake.syn-options-changed",
            c,
            s.frame,
            s.side,
            "SYN retransmission (same ISN) with other options or window than frame "
                + e.synFrame
                + " (window "
                + s.window
                + " vs "
                + e.synWindow
                + ")",
            null,
            null);
      }
    }
  }

  private static void synAck(
      RuleContext ctx, Conversation c, Segment s, Endpoint e, Endpoint peer) {
    if (c.clientFromSyn && s.side == c.clientSide && !peer.synSent) {
      ctx.claim(s, RuleContext.CLAIM_SYNACK | RuleContext.CLAIM_ACK);
      ctx.report(
          "handshake.synack-wrong-direction",
          c,
          s.frame,
          s.side,
          "SYN-ACK sent by the client, which sent the SYN (frame "
              + e.synFrame
              + "); the server never sent a SYN",
          null,
          null);
      return;
    }
    if (e.synAckSent) {
      repeatedSynAck(ctx, c, s, e, peer);
      return;
    }
    if (!peer.synSent) {
      ctx.report(
          "handshake.synack-without-syn",
          c,
          s.frame,
          s.side,
          "SYN-ACK whose SYN is not in the capture (mid-stream start)",
          null,
          null);
      return;
    }
    ctx.claim(s, RuleContext.CLAIM_ACK);
    int expected = peer.isn + 1;
    if (e.synSent) {
      // Simultaneous or split open: RFC 9293 §3.5 Figure 7.
      if (s.seq != e.isn || s.ack != expected) {
        boolean seqWrong = s.seq != e.isn;
        ctx.report(
            "handshake.simultaneous-open-numbers",
            c,
            s.frame,
            s.side,
            seqWrong
                ? "SYN-ACK has seq " + raw(s.seq) + ", expected its own ISN " + raw(e.isn)
                : "SYN-ACK acknowledges "
                    + raw(s.ack)
                    + ", expected "
                    + raw(expected)
                    + " (peer ISN "
                    + raw(peer.isn)
                    + " + 1)",
            seqWrong ? raw(e.isn) : raw(expected),
            seqWrong ? raw(s.seq) : raw(s.ack));
      }
    } else {
      int l = peer.synLen;
      if (!acceptable(peer, s.ack)) {
        wrongAck(ctx, c, s, peer);
      } else if (l > 0 && s.ack == expected) {
        // RFC 7413 §4.2: the server did not accept the SYN data; the client must send it again.
        ctx.report(
            "tfo.data-not-acked",
            c,
            s.frame,
            s.side,
            "SYN-ACK acknowledges only the SYN ("
                + raw(s.ack)
                + "), not its "
                + l
                + " bytes of data",
            raw(expected + l),
            raw(s.ack));
      }
    }
    // RFC 7323 §2.2: WS in a SYN-ACK only when the SYN offered it.
    if (s.options.wscale >= 0 && peer.synWscale < 0) {
      ctx.report(
          "opt.wscale-unsolicited",
          c,
          s.frame,
          s.side,
          "SYN-ACK carries window scale (shift "
              + s.options.wscale
              + ") but the SYN (frame "
              + peer.synFrame
              + ") did not offer it",
          null,
          null);
    }
  }

  /** RFC 9293 §3.10.7.3: SEG.ACK =< ISS or SEG.ACK > SND.NXT is unacceptable in SYN-SENT. */
  private static boolean acceptable(Endpoint client, int ack) {
    int expected = client.isn + 1;
    int l = client.synLen;
    return l == 0 ? ack == expected : geq(ack, expected) && leq(ack, expected + l);
  }

  private static void wrongAck(RuleContext ctx, Conversation c, Segment s, Endpoint peer) {
    int expected = peer.isn + 1;
    int l = peer.synLen;
    ctx.report(
        "handshake.synack-wrong-ack",
        c,
        s.frame,
        s.side,
        "SYN-ACK acknowledges "
            + raw(s.ack)
            + ", expected "
            + raw(expected)
            + " ("
            + RuleContext.who(c, 1 - s.side)
            + " ISN "
            + raw(peer.isn)
            + " + 1"
            + (l > 0 ? ", up to +" + l + " with SYN data" : "")
            + "; relative "
            + RuleContext.rel(c, 1 - s.side, s.ack)
            + ", expected 1)",
        raw(expected),
        raw(s.ack));
  }

  private static void repeatedSynAck(
      RuleContext ctx, Conversation c, Segment s, Endpoint e, Endpoint peer) {
    if (peer.synSent && !e.synSent && !c.established && !acceptable(peer, e.synAckAck)) {
      // rules.md clarification 14: the client dropped the earlier SYN-ACK (its ack was wrong), so
      // it is still in SYN-SENT: a wrong one is reported again, a right one changes nothing.
      if (!acceptable(peer, s.ack)) {
        ctx.claim(s, RuleContext.CLAIM_ACK);
        wrongAck(ctx, c, s, peer);
      }
      return;
    }
    if (e.nonSynSent) {
      ctx.report(
          "handshake.synack-after-established",
          c,
          s.frame,
          s.side,
          "SYN-ACK repeated after the "
              + RuleContext.who(c, s.side)
              + " already sent non-SYN segments (first SYN-ACK in frame "
              + e.synAckFrame
              + ")",
          null,
          null);
    } else if (s.seq != e.synAckSeqLast) {
      ctx.report(
          "handshake.synack-isn-changed",
          c,
          s.frame,
          s.side,
          "SYN-ACK repeated with seq "
              + raw(s.seq)
              + ", the previous one had "
              + raw(e.synAckSeqLast),
          raw(e.synAckSeqLast),
          raw(s.seq));
      if (e.synAckDistinct + 1 > 5 && !c.synAckFloodReported) {
        c.synAckFloodReported = true;
        ctx.report(
            "handshake.syn-flood-on-tuple",
            c,
            s.frame,
            s.side,
            "more than 5 distinct SYN-ACKs on one 4-tuple before establishment",
            null,
            null);
      }
    }
    if (s.ack != e.synAckAck) {
      ctx.report(
          "handshake.synack-ack-changed",
          c,
          s.frame,
          s.side,
          "SYN-ACK repeated with ack "
              + raw(s.ack)
              + ", the first one (frame "
              + e.synAckFrame
              + ") acknowledged "
              + raw(e.synAckAck),
          raw(e.synAckAck),
          raw(s.ack));
    }
  }

  private static void challenge(RuleContext ctx, Conversation c, Segment s, Endpoint e) {
    if (c.challengeSide != s.side) {
      return;
    }
    c.challengeSide = -1;
    if (s.len == 0
        && s.hasAck()
        && !s.syn()
        && !s.fin()
        && !s.rst()
        && e.nxtSet
        && s.seq == e.nxt
        && e.ackSent
        && s.ack == e.maxAck) {
      // RFC 5961 §3.2, §4.2, §7: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
      ctx.report(
          "handshake.challenge-ack",
          c,
          s.frame,
          s.side,
          "challenge ACK answering " + c.challengeCause + " in frame " + c.challengeFrame,
          null,
          null);
    }
  }

  private static void handshakeAck(
      RuleContext ctx, Conversation c, Segment s, Endpoint e, Endpoint peer) {
    c.handshakeAckChecked = true;
    int expectedAck = peer.synAckSeq + 1;
    // Data on the SYN-ACK may be acknowledged with it; a repeated SYN-ACK may carry a new ISN.
    boolean ok =
        (geq(s.ack, expectedAck) && leq(s.ack, expectedAck + peer.synAckLen))
            || s.ack == peer.synAckSeqLast + 1;
    if (!ok) {
      ctx.claim(s, RuleContext.CLAIM_ACK);
      // RFC 9293 §3.10.7.4 (fifth check, SYN-RECEIVED): the ACK must acknowledge our SYN.
      ctx.report(
          "handshake.ack-wrong-ack",
          c,
          s.frame,
          s.side,
          "handshake ACK acknowledges "
              + raw(s.ack)
              + ", expected "
              + raw(expectedAck)
              + " (server ISN "
              + raw(peer.synAckSeq)
              + " + 1; relative "
              + RuleContext.rel(c, 1 - s.side, s.ack)
              + ", expected 1)",
          raw(expectedAck),
          raw(s.ack));
    }
    int accepted = 0;
    if (e.synLen > 0
        && geq(peer.synAckAck, e.isn + 1)
        && leq(peer.synAckAck, e.isn + 1 + e.synLen)) {
      accepted = peer.synAckAck - (e.isn + 1);
    }
    int expectedSeq = e.isn + 1 + accepted;
    if (s.seq != expectedSeq) {
      ctx.claim(s, RuleContext.CLAIM_SEQ);
      ctx.report(
          "handshake.ack-wrong-seq",
          c,
          s.frame,
          s.side,
          "handshake ACK has seq "
              + raw(s.seq)
              + ", expected "
              + raw(expectedSeq)
              + " (client ISN "
              + raw(e.isn)
              + " + 1"
              + (accepted > 0 ? " + " + accepted : "")
              + ")",
          raw(expectedSeq),
          raw(s.seq));
    }
  }

  private static void rejected(RuleContext ctx, Conversation c, Segment s, Endpoint client) {
    if (!client.synSent) {
      return;
    }
    int lo = client.isn;
    int hi = client.isn + 1 + client.synLen;
    // RFC 9293 §3.10.7.3 / §3.5.3: in SYN-SENT a RST is acceptable only if its ACK acks the SYN.
    boolean valid = s.hasAck() && gt(s.ack, lo) && leq(s.ack, hi);
    if (valid) {
      c.rejected = true;
      ctx.report(
          "handshake.rejected",
          c,
          s.frame,
          s.side,
          "SYN (frame " + client.synFrame + ") answered by RST: connection refused",
          null,
          null);
    } else {
      // rules.md clarification 14: the client drops it; the conversation goes on as before.
      ctx.claim(s, RuleContext.CLAIM_FLAGS);
      ctx.report(
          "handshake.reject-rst-invalid",
          c,
          s.frame,
          s.side,
          s.hasAck()
              ? "RST answering the SYN acknowledges "
                  + raw(s.ack)
                  + ", expected "
                  + raw(lo + 1)
                  + " (client ISN "
                  + raw(lo)
                  + " + 1): the client will ignore it"
              : "RST answering the SYN has no ACK flag: the client will ignore it",
          raw(lo + 1),
          s.hasAck() ? raw(s.ack) : null);
    }
  }

  private static void dataBeforeEstablished(
      RuleContext ctx,
      Conversation c,
      Segment s,
      Endpoint e,
      Endpoint peer,
      boolean fromClient,
      boolean fromServer) {
    if (s.len == 0 || s.syn() || s.rst() || c.established || c.dataBeforeEstablishedReported) {
      return;
    }
    if (fromClient && !peer.synAckSent && !peer.synSent) {
      c.dataBeforeEstablishedReported = true;
      ctx.report(
          "handshake.data-before-established",
          c,
          s.frame,
          s.side,
          "client sends " + s.len + " bytes before the server's SYN-ACK was seen",
          null,
          null);
    } else if (fromServer
        && (e.synAckSent || e.synSent)
        && !(peer.synLen > 0 || peer.synTfoCookie)) {
      c.dataBeforeEstablishedReported = true;
      ctx.report(
          "handshake.data-before-established",
          c,
          s.frame,
          s.side,
          "server sends " + s.len + " bytes before the client acknowledged its SYN",
          null,
          null);
    }
  }

  @Override
  public void onEnd(RuleContext ctx, Conversation c) {
    Endpoint a = c.endpoint(0);
    Endpoint b = c.endpoint(1);
    if (!a.synSent && !b.synSent && !a.synAckSent && !b.synAckSent) {
      ctx.report(
          "handshake.midstream",
          c,
          c.firstFrame(),
          -1,
          "no SYN captured from either side: the conversation started before the capture",
          null,
          null);
      return;
    }
    if (!c.clientFromSyn) {
      return;
    }
    Endpoint client = c.endpoint(c.clientSide);
    Endpoint server = c.endpoint(c.serverSide());
    if (server.packets == 0) {
      ctx.report(
          "handshake.no-response",
          c,
          client.synFrame,
          c.clientSide,
          "SYN"
              + (client.synCount > 1 ? " (sent " + client.synCount + " times)" : "")
              + " got no answer by the end of the capture",
          null,
          null);
    }
    if (server.synAckSent
        && !c.synAckWrongDirection
        && !c.responderSyn
        && !c.handshakeAckChecked
        && !client.rstSent) {
      ctx.report(
          "handshake.no-final-ack",
          c,
          server.synAckFrame,
          c.serverSide(),
          "the client never acknowledged the SYN-ACK (expected ack "
              + raw(server.synAckSeq + 1)
              + ") by the end of the capture",
          raw(server.synAckSeq + 1),
          null);
    }
    if (c.responderSyn && !(client.synAckSent && server.synAckSent)) {
      ctx.report(
          "handshake.split",
          c,
          server.synFrame,
          c.serverSide(),
          "the server answered the SYN with a bare SYN (split handshake)",
          null,
          null);
    }
    if (client.synLen > 0
        && server.synAckSent
        && server.synAckAck == client.isn + 1
        && !(client.nonSynSent && geq(client.nonSynNxt, client.isn + 1 + client.synLen))) {
      ctx.report(
          "tfo.data-not-resent",
          c,
          server.synAckFrame,
          c.clientSide,
          "the server refused the "
              + client.synLen
              + " bytes of SYN data and the client never"
              + " sent them again",
          raw(client.isn + 1 + client.synLen),
          client.nonSynSent ? raw(client.nonSynNxt) : null);
    }
  }
}
