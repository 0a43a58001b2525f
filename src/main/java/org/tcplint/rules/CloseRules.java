package org.tcplint.rules;

import static org.tcplint.decode.SeqNum.gt;
import static org.tcplint.decode.SeqNum.lt;
import static org.tcplint.rules.RuleContext.raw;

import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;

/** Closing sequences (rules.md §8.6): FIN numbering, FIN acks, data after FIN, close shapes. */
public final class CloseRules implements Rule {

  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    Endpoint e = c.endpoint(s.side);
    Endpoint peer = c.endpoint(1 - s.side);
    if (c.packets() == 0 && !c.continuation && (s.fin() || s.rst()) && !s.syn()) {
      ctx.report(
          "close.spontaneous",
          c,
          s.frame,
          s.side,
          "the first captured segment of the conversation is a " + (s.rst() ? "RST" : "FIN"),
          null,
          null);
    }
    if ((s.fin() || s.rst()) && s.hasTimestamp) {
      long t = s.timeNanos();
      e.finRstRun = e.finRstRun > 0 && t - e.lastFinRstTime < 1_000_000_000L ? e.finRstRun + 1 : 1;
      e.lastFinRstTime = t;
      if (e.finRstRun == 1000) {
        ctx.report(
            "close.fin-rst-storm",
            c,
            s.frame,
            s.side,
            "1000 FIN/RST segments from the " + RuleContext.who(c, s.side) + " less than 1 s apart",
            null,
            null);
      }
    }
    if (c.closedFrame != 0 && !c.packetsAfterCloseReported && !s.rst()) {
      boolean finRetransmission = s.fin() && e.finSent && s.seq + s.len == e.finSeq;
      boolean finAck = s.len == 0 && !s.syn() && !s.fin() && s.hasAck();
      if (!finRetransmission && !finAck) {
        c.packetsAfterCloseReported = true;
        ctx.report(
            "close.packets-after-close",
            c,
            s.frame,
            s.side,
            "segment after both FINs were acknowledged (closed in frame " + c.closedFrame + ")",
            null,
            null);
      }
    }
    // RFC 9293 §3.4, Figure 12: the ACK of a FIN is FIN.seq + 1; more acknowledges unsent space.
    if (s.hasAck() && !s.rst() && peer.finSent && gt(s.ack, peer.finSeq + 1)) {
      ctx.claim(s, RuleContext.CLAIM_ACK);
      ctx.report(
          "close.fin-ack-wrong",
          c,
          s.frame,
          s.side,
          "acknowledges "
              + RuleContext.seqText(c, 1 - s.side, s.ack)
              + " after the peer's FIN at seq "
              + RuleContext.seqText(c, 1 - s.side, peer.finSeq)
              + " (frame "
              + peer.finFrame
              + "), expected at most "
              + RuleContext.seqText(c, 1 - s.side, peer.finSeq + 1),
          raw(peer.finSeq + 1),
          raw(s.ack));
    }
    if (e.finSent && !s.rst() && s.len > 0 && gt(s.seq + s.len, e.finSeq)) {
      // RFC 9293 §3.6: after its FIN a side sends no new data.
      ctx.report(
          "close.data-after-fin",
          c,
          s.frame,
          s.side,
          s.len
              + " bytes of new data beyond the sender's own FIN at seq "
              + RuleContext.seqText(c, s.side, e.finSeq)
              + " (frame "
              + e.finFrame
              + ")",
          raw(e.finSeq),
          raw(s.seq + s.len));
    }
    if (s.fin() && !s.rst()) {
      fin(ctx, c, s, e, peer);
    } else if (!s.rst()
        && !s.syn()
        && s.len == 0
        && s.hasAck()
        && (e.finSent || peer.finSent)
        && e.nxtSet
        && s.seq != e.nxt
        && !SequenceRules.keepAlive(s)) {
      // RFC 9293 §3.10.7.4: in the closing states a pure ACK carries seq = SND.NXT.
      String message =
          "ACK in the closing phase has seq " + RuleContext.seqText(c, s.side, s.seq, e.nxt);
      if (gt(s.seq, e.nxt)) {
        // rules.md clarification 13: after a hole, right unless the hole stays open.
        afterHole(c, "close.ack-wrong-seq", s, s.seq, message, raw(e.nxt), raw(s.seq));
      } else {
        ctx.report("close.ack-wrong-seq", c, s.frame, s.side, message, raw(e.nxt), raw(s.seq));
      }
    }
  }

  private static void fin(RuleContext ctx, Conversation c, Segment s, Endpoint e, Endpoint peer) {
    int finPos = s.seq + s.len;
    if (e.finSent) {
      if (finPos != e.finSeq) {
        ctx.report(
            "close.fin-moved",
            c,
            s.frame,
            s.side,
            "second FIN at seq "
                + RuleContext.seqText(c, s.side, finPos)
                + ", but the first FIN (frame "
                + e.finFrame
                + ") was at "
                + RuleContext.seqText(c, s.side, e.finSeq),
            raw(e.finSeq),
            raw(finPos));
      }
      return;
    }
    boolean unsynchronized =
        (e.synSent && !peer.synAckSent && !peer.synSent)
            || (peer.synSent && !e.synAckSent && !e.synSent);
    // A FIN before synchronization is not processed (close.inappropriate-fin says so); a FIN whose
    // seq the handshake rules already reported is one fact (clarification 1).
    if (e.nxtSet && !s.syn() && !unsynchronized && !ctx.claimed(s, RuleContext.CLAIM_SEQ)) {
      if (lt(finPos, e.nxt)) {
        ctx.report(
            "close.fin-wrong-seq",
            c,
            s.frame,
            s.side,
            "FIN at seq "
                + RuleContext.seqText(c, s.side, finPos)
                + " lies inside data already sent (next seq "
                + RuleContext.seqText(c, s.side, e.nxt)
                + ")",
            raw(e.nxt),
            raw(finPos));
      } else if (gt(s.seq, e.nxt)) {
        // rules.md clarification 13: a FIN after a hole is right when the hole's bytes arrive
        // later or the peer acknowledges beyond it; judged at the end of the conversation.
        afterHole(
            c,
            "close.fin-wrong-seq",
            s,
            s.seq,
            "FIN segment at seq " + RuleContext.seqText(c, s.side, s.seq, e.nxt),
            raw(e.nxt),
            raw(s.seq));
      }
    }
    boolean senderSynSent = e.synSent && !peer.synAckSent && !peer.synSent;
    boolean receiverSynSent = peer.synSent && !e.synAckSent && !e.synSent;
    if (senderSynSent || receiverSynSent) {
      // RFC 9293 §3.10.7.4 (eighth check): a FIN is not processed before synchronization.
      ctx.report(
          "close.inappropriate-fin",
          c,
          s.frame,
          s.side,
          "FIN before the handshake completed ("
              + (senderSynSent ? "sender" : "receiver")
              + " still in SYN-SENT)",
          null,
          null);
    }
  }

  /** Keeps a finding that holds only if the hole below {@code position} never closes. */
  private static void afterHole(
      Conversation c, String rule, Segment s, int position, String message, Long exp, Long act) {
    if (c.gapFindings == null) {
      c.gapFindings = new java.util.ArrayList<>(2);
    } else if (c.gapFindings.size() >= 64) {
      return; // bounded: a pathological conversation keeps its first 64
    }
    c.gapFindings.add(
        new Conversation.GapFinding(rule, s.frame, s.side, position, message, exp, act));
    c.remember(s.frame, s.fileOffset);
  }

  @Override
  public void onEnd(RuleContext ctx, Conversation c) {
    Endpoint a = c.endpoint(0);
    Endpoint b = c.endpoint(1);
    if (c.gapFindings != null) {
      for (Conversation.GapFinding g : c.gapFindings) {
        Endpoint e = c.endpoint(g.side());
        boolean open = e.holes.count() > 0 && lt(e.holes.start(0), g.position());
        if (open || e.holes.forgotten > 0) {
          ctx.report(
              g.rule(),
              Severity.WARNING,
              c,
              g.frame(),
              g.side(),
              g.message()
                  + "; downgraded: bytes before it are missing from the capture and the peer"
                  + " never acknowledged them",
              g.expected(),
              g.actual());
        }
      }
    }
    boolean rst = a.rstSent || b.rstSent;
    for (int side = 0; side < 2; side++) {
      Endpoint e = c.endpoint(side);
      if (e.finSent && !e.finAcked && !rst) {
        ctx.report(
            "close.fin-unacked",
            c,
            e.finFrame,
            side,
            "FIN (seq "
                + RuleContext.seqText(c, side, e.finSeq)
                + ") never acknowledged by the end of the capture"
                + " (expected an ack of "
                + RuleContext.seqText(c, side, e.finSeq + 1)
                + ")",
            raw(e.finSeq + 1),
            null);
      }
    }
    if (a.finSent && b.finSent && (a.holes.count() > 0 || b.holes.count() > 0)) {
      ctx.report(
          "close.pending-data",
          c,
          Math.max(a.finFrame, b.finFrame),
          -1,
          "both sides closed while "
              + (a.holes.missingBytes() + b.holes.missingBytes())
              + " bytes were still missing from the capture (never captured, never acknowledged)",
          null,
          null);
    }
    switch (closeShape(c)) {
      case "reset" -> {
        int side = a.rstSent && (!b.rstSent || a.rstFrame < b.rstFrame) ? 0 : 1;
        Endpoint r = c.endpoint(side);
        if (r.finSent) {
          ctx.report(
              "close.rst-after-fin",
              c,
              r.rstFrame,
              side,
              "RST after the FIN exchange (frame " + r.finFrame + ")",
              null,
              null);
        } else {
          ctx.report(
              "close.abort",
              c,
              r.rstFrame,
              side,
              "conversation aborted by a RST from the " + RuleContext.who(c, side),
              null,
              null);
        }
      }
      case "four-way" -> {
        int second = a.finFrame > b.finFrame ? 0 : 1;
        ctx.report(
            "close.graceful-4way",
            c,
            closeFrame(c, second),
            second,
            "closed with FIN, ACK, FIN, ACK",
            null,
            null);
      }
      case "three-way" -> {
        int second = a.finFrame > b.finFrame ? 0 : 1;
        ctx.report(
            "close.graceful-3way",
            c,
            closeFrame(c, second),
            second,
            "closed with FIN, FIN+ACK, ACK",
            null,
            null);
      }
      case "simultaneous" -> {
        int second = a.finFrame > b.finFrame ? 0 : 1;
        ctx.report(
            "close.simultaneous",
            c,
            closeFrame(c, second),
            second,
            "simultaneous close: the FINs crossed",
            null,
            null);
      }
      case "half-closed" -> {
        int side = a.finSent ? 0 : 1;
        ctx.report(
            "close.half-closed-open",
            c,
            c.endpoint(side).finFrame,
            side,
            "only the "
                + RuleContext.who(c, side)
                + " closed; the "
                + RuleContext.who(c, 1 - side)
                + " never sent a FIN by the end of the capture",
            null,
            null);
      }
      default -> {
        String open = openShape(c);
        if (open.equals("three-way")
            || open.equals("simultaneous")
            || open.equals("split")
            || open.equals("midstream")) {
          ctx.report(
              "close.open-at-end",
              c,
              c.lastFrame(),
              -1,
              "still open at the end of the capture (no FIN or RST)",
              null,
              null);
        }
      }
    }
  }

  /** The frame that completed the close: the last FIN's ACK, or the last FIN. */
  private static long closeFrame(Conversation c, int secondFinSide) {
    return c.closedFrame != 0 ? c.closedFrame : c.endpoint(secondFinSide).finFrame;
  }

  /** The close classification of cli.md. */
  public static String closeShape(Conversation c) {
    Endpoint a = c.endpoint(0);
    Endpoint b = c.endpoint(1);
    long rstFrame =
        Math.min(a.rstSent ? a.rstFrame : Long.MAX_VALUE, b.rstSent ? b.rstFrame : Long.MAX_VALUE);
    boolean finsAfterRst = a.finSent && b.finSent && rstFrame < Math.min(a.finFrame, b.finFrame);
    if ((a.rstSent || b.rstSent) && !finsAfterRst) {
      return c.rejected && !c.established ? "none" : "reset";
    }
    if (a.finSent && b.finSent) {
      Endpoint first = a.finFrame <= b.finFrame ? a : b;
      Endpoint second = first == a ? b : a;
      if (second.finAcksPeerFin) {
        return first.finAckFrame == second.finFrame ? "three-way" : "four-way";
      }
      return first.finAcked && first.finAckFrame < second.finFrame ? "four-way" : "simultaneous";
    }
    if (a.finSent || b.finSent) {
      return "half-closed";
    }
    return "none";
  }

  /** The open classification of cli.md. */
  public static String openShape(Conversation c) {
    if (!c.clientFromSyn) {
      return "midstream";
    }
    Endpoint client = c.endpoint(c.clientSide);
    Endpoint server = c.endpoint(c.serverSide());
    if (c.rejected && !c.established) {
      return "rejected"; // a handshake completed after the RST means its receiver ignored it
    }
    if (server.synSent) {
      return client.synAckSent && server.synAckSent ? "simultaneous" : "split";
    }
    if (!server.synAckSent) {
      return "syn-only";
    }
    return c.handshakeAckChecked || c.established ? "three-way" : "half-open";
  }
}
