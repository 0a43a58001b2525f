package org.tcplint.flow;

import static org.tcplint.decode.SeqNum.geq;
import static org.tcplint.decode.SeqNum.gt;
import static org.tcplint.decode.SeqNum.lt;

/**
 * Applies a segment to its conversation's state, after the rules have looked at the state as it was
 * before the segment (RFC 9293 §3.10 event processing, seen from a passive observer).
 */
public final class Tracker {
  private Tracker() {}

  /** Chooses the client on a conversation's first segment (before the rules run). */
  public static void roles(Conversation c, Segment s) {
    if (s.pureSyn() && !c.clientFromSyn) {
      if (!(c.endpoint(1 - s.side).synSent)) {
        c.clientSide = s.side;
        c.clientFromSyn = true;
      }
      return;
    }
    if (c.clientSide >= 0) {
      return;
    }
    if (s.synAck()) {
      c.clientSide = 1 - s.side; // the sender of a SYN-ACK answers a SYN: it is the server
      return;
    }
    FlowKey k = c.key();
    boolean srcKnown = Services.known(s.srcPort);
    boolean dstKnown = Services.known(s.dstPort);
    int serverSide;
    if (srcKnown && dstKnown) {
      serverSide = k.port(0) <= k.port(1) ? 0 : 1;
    } else if (srcKnown) {
      serverSide = s.side;
    } else {
      serverSide = 1 - s.side; // dstKnown, or neither: the destination of the first segment
    }
    c.clientSide = 1 - serverSide;
  }

  /** Updates the sender's and receiver's state with {@code s}. */
  public static void apply(Conversation c, Segment s) {
    Endpoint e = c.endpoint(s.side);
    Endpoint peer = c.endpoint(1 - s.side);
    if (s.pureSyn()) {
      if (!e.synSent) {
        e.synSent = true;
        e.isn = s.seq;
        e.synFrame = s.frame;
        e.synLen = s.len;
        e.synCount = 1;
        e.synWindow = s.window;
        e.synKinds = s.options.kindsMask;
        offered(e, s);
        if (c.clientFromSyn && s.side != c.clientSide) {
          c.responderSyn = true;
        }
      } else if (s.seq == e.isn) {
        e.synCount++;
      }
    } else if (s.synAck() && e.synAckSent) {
      if (s.seq != e.synAckSeqLast) {
        e.synAckDistinct++;
      }
      e.synAckSeqLast = s.seq;
    } else if (s.synAck() && !e.synAckSent) {
      e.synAckSent = true;
      e.synAckSeqLast = s.seq;
      e.synAckLen = s.len;
      e.synAckDistinct = 1;
      e.synAckFrame = s.frame;
      e.synAckSeq = s.seq;
      e.synAckAck = s.ack;
      if (!e.synSent) {
        e.isn = s.seq;
        offered(e, s);
      }
      if (c.clientFromSyn && s.side == c.clientSide && !peer.synSent) {
        c.synAckWrongDirection = true;
      }
    }
    dataPhase(c, s, e, peer);
    if (s.rst() && !c.rstAccepted && rstAcceptable(c, s, e, peer) && !ignoredRst(c, s, e, peer)) {
      c.rstAccepted = true;
      c.rstAcceptedFrame = s.frame;
    }
    if (s.fin() && !e.finSent) {
      e.finAcksPeerFin = s.hasAck() && peer.finSent && geq(s.ack, peer.finSeq + 1);
    }
    boolean unprocessedFin =
        s.fin()
            && ((e.synSent && !peer.synAckSent && !peer.synSent)
                || (peer.synSent && !e.synAckSent && !e.synSent));
    if (!s.rst() && s.cls != DataPhase.PROBE && !unprocessedFin) {
      int end = s.seq + s.seqLength();
      if (!e.nxtSet || gt(end, e.nxt)) {
        e.nxt = end;
        e.nxtSet = true;
        e.nxtTime = s.timeNanos();
        e.probePending = false;
      }
    } else if (s.cls == DataPhase.PROBE) {
      e.probePending = true; // the probe's byte is not new data until it is acknowledged
    }
    if (s.hasAck() && !s.rst()) {
      if (s.cls == DataPhase.DUP_ACK) {
        e.dupAcks++;
        e.dupAcksSent++;
      } else if (!e.ackSent || s.ack != e.lastAck) {
        e.dupAcks = 0;
      }
      if (peer.probePending && s.ack == peer.nxt + 1) {
        peer.nxt = s.ack; // the probe's byte was accepted
        peer.probePending = false;
      }
      peer.holes.acknowledged(s.ack);
      if (!e.ackSent || gt(s.ack, e.maxAck)) {
        e.maxAck = s.ack;
      }
      e.ackSent = true;
      e.lastAck = s.ack;
      if (!c.established
          && s.side == c.clientSide
          && !s.syn()
          && (peer.synAckSent || peer.synSent)
          && (s.ack == peer.isn + 1 || (peer.synAckSent && s.ack == peer.synAckSeqLast + 1))) {
        c.established = true;
        c.establishedFrame = s.frame;
      }
      if (peer.finSent && !peer.finAcked && geq(s.ack, peer.finSeq + 1)) {
        peer.finAcked = true;
        peer.finAckFrame = s.frame;
        if (e.finAcked && c.closedFrame == 0) {
          c.closedFrame = s.frame;
        }
      }
    }
    if (!s.rst()) {
      e.window = s.window; // a RST's window means nothing
      e.windowSet = true;
      e.windowOnSyn = s.syn();
    }
    // The SYN's window is unscaled and often a default: edges count from the first non-SYN ACK.
    if (s.hasAck() && !s.rst() && !s.syn()) {
      int edge = s.ack + (int) (Integer.toUnsignedLong(s.window) << Math.max(0, scale(c, s.side)));
      if (!e.edgeSet || gt(edge, e.maxEdge)) {
        e.maxEdge = edge;
        e.edgeSet = true;
      }
    }

    if (!s.syn() && !s.rst()) {
      int w = s.window;
      if (e.windowMax < 0 || w > e.windowMax) {
        e.windowMax = w;
      }
      if (e.windowMin < 0 || w < e.windowMin) {
        e.windowMin = w;
      }
    }
    if (s.pureSyn()) {
      c.lastSynTime = s.timeNanos();
    } else if (s.hasAck() && !s.syn() && c.irttNanos == 0 && c.lastSynTime != 0) {
      c.irttNanos = Math.max(0, s.timeNanos() - c.lastSynTime);
    }
    if (!s.syn() && !s.rst()) {
      int end = s.seq + s.len;
      if (!e.nonSynSent || gt(end, e.nonSynNxt)) {
        e.nonSynNxt = end;
      }
      e.nonSynSent = true;
    }
    if (s.options.timestamp && !s.rst()) {
      e.lastTsVal = s.tsValOrZero();
      e.tsSeen = true;
    }
    if (s.linkSource >= 0) {
      e.mac = s.linkSource;
    }
    boolean senderSynSent = e.synSent && !peer.synAckSent && !peer.synSent;
    boolean receiverSynSent = peer.synSent && !e.synAckSent && !e.synSent;
    // RFC 9293 §3.10.7.4 (eighth check): a FIN before synchronization is not processed.
    if (s.fin() && !e.finSent && !senderSynSent && !receiverSynSent) {
      e.finSent = true;
      e.finSeq = s.seq + s.len;
      e.finFrame = s.frame;
    }
    if (s.rst() && !e.rstSent && !ignoredRst(c, s, e, peer)) {
      e.rstSent = true;
      e.rstFrame = s.frame;
    }
    if (s.len > 0 && !e.dataSent) {
      e.dataSent = true;
      e.firstDataFrame = s.frame;
    }
    if (s.syn()
        || s.fin()
        || s.rst()
        || c.packets() == 0
        || c.closedFrame == s.frame
        || peer.finAckFrame == s.frame
        || e.firstDataFrame == s.frame) {
      c.remember(s.frame, s.fileOffset);
    }
  }

  /** Keeps the first bytes of a segment of new data (for retransmission comparisons). */
  private static void keepHead(Endpoint e, Segment s) {
    e.headSeq = s.seq + (s.syn() ? 1 : 0); // SYN data starts after the SYN's number
    e.headLen = s.headLen;
    e.head0 = s.head0;
    e.head1 = s.head1;
    e.head2 = s.head2;
  }

  /**
   * Window scale of {@code side}'s advertisements: its shift when both SYNs were captured and both
   * offered scaling (RFC 7323 §2.2, capped at 14 by §2.3), 0 when either did not, -1 when the
   * handshake was not captured (unknown, rules.md clarification 7).
   */
  public static int scale(Conversation c, int side) {
    Endpoint e = c.endpoint(side);
    Endpoint p = c.endpoint(1 - side);
    boolean handshake = (e.synSent || e.synAckSent) && (p.synSent || p.synAckSent);
    if (!handshake) {
      return -1;
    }
    return e.synWscale >= 0 && p.synWscale >= 0 ? Math.min(e.synWscale, 14) : 0;
  }

  /** Holes, classes and their counts (rules.md clarifications 12-13), before nxt moves. */
  private static void dataPhase(Conversation c, Segment s, Endpoint e, Endpoint peer) {
    if (s.synAck() && !e.synAckSent && !e.synSent) {
      // rules.md clarification 14: the first SYN-ACK sets this side's ISN; numbers it sent before
      // (an injected RST or FIN) belong to nothing the peer accepted.
      e.nxtSet = false;
      e.holes.clear();
      e.probePending = false;
    }
    if (s.headLen > 0 && !s.rst() && (!e.nxtSet || gt(s.seq + s.len, e.nxt))) {
      keepHead(e, s);
    }
    if (!s.rst() && e.nxtSet) {
      int sent = e.nxt + (e.probePending ? 1 : 0);
      if (gt(s.seq, sent)) {
        e.gaps++;
        e.holes.open(sent, s.seq);
      } else if (lt(s.seq, e.nxt)) {
        e.holes.fill(s.seq, s.seq + s.seqLength());
      }
    }
    switch (s.cls) {
      case DataPhase.OUT_OF_ORDER -> e.outOfOrder++;
      case DataPhase.HOLE_RETRANSMISSION -> e.holeRetransmissions++;
      case DataPhase.RETRANSMISSION -> e.retransmissions++;
      case DataPhase.FAST_RETRANSMISSION -> e.fastRetransmissions++;
      case DataPhase.SPURIOUS_RETRANSMISSION -> e.spuriousRetransmissions++;
      default -> {}
    }
    e.lastClass =
        s.cls == DataPhase.KEEP_ALIVE
            ? Endpoint.KEEP_ALIVE
            : s.cls == DataPhase.PROBE ? Endpoint.PROBE : 0;
  }

  /**
   * A RST its receiver must drop by RFC 9293 (rules.md clarification 14), where the capture shows
   * enough to judge: in SYN-SENT one whose ACK does not acknowledge the SYN (§3.10.7.3); in
   * SYN-RECEIVED the client's reset of a bad SYN-ACK, whose seq the server does not expect; in a
   * synchronized state one whose seq is not the receiver's next expected one (RFC 5961 §3.2). It
   * leaves the conversation's state as it was.
   */
  public static boolean ignoredRst(Conversation c, Segment s, Endpoint e, Endpoint peer) {
    if (!s.rst()) {
      return false;
    }
    if (peer.synSent && !peer.synAckSent && !e.synAckSent && !e.synSent) {
      int lo = peer.isn;
      int hi = peer.isn + 1 + peer.synLen;
      return !(s.hasAck() && gt(s.ack, lo) && !gt(s.ack, hi));
    }
    if (!c.established) {
      return s.side == c.clientSide
          && peer.synAckSent
          && e.synSent
          && !e.ackSent
          && peer.synAckAck != e.isn + 1
          && s.seq != e.isn + 1;
    }
    if (!peer.ackSent) {
      return false;
    }
    return !(s.seq == peer.maxAck || s.seq == peer.lastAck || (e.nxtSet && s.seq == e.nxt));
  }

  /**
   * A RST the receiver would accept: one that answers a SYN with the right ack (RFC 9293
   * §3.10.7.3), or one whose seq is exactly what the receiver expects next (§3.10.7.4).
   */
  static boolean rstAcceptable(Conversation c, Segment s, Endpoint e, Endpoint peer) {
    if (peer.synSent && !peer.synAckSent && !e.synAckSent && !e.synSent) {
      return s.hasAck() && s.ack == peer.isn + 1 + peer.synLen
          || s.hasAck() && s.ack == peer.isn + 1;
    }
    return (peer.ackSent && s.seq == peer.maxAck) || (e.nxtSet && s.seq == e.nxt);
  }

  private static void offered(Endpoint e, Segment s) {
    e.synMss = s.options.mss;
    e.synWscale = s.options.wscale;
    e.synSackPerm = s.options.sackPermitted;
    e.synTimestamp = s.options.timestamp;
    e.synTsVal = s.options.tsVal;
    e.synTfoCookie = s.options.tfo && s.options.tfoCookieLength > 0;
  }
}
