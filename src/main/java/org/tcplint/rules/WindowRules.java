package org.tcplint.rules;

import static org.tcplint.decode.SeqNum.gt;
import static org.tcplint.decode.SeqNum.lt;
import static org.tcplint.rules.RuleContext.raw;
import static org.tcplint.rules.RuleContext.rel;

import org.tcplint.flow.Conversation;
import org.tcplint.flow.DataPhase;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;
import org.tcplint.flow.Tracker;

/**
 * The receive window and segment size in the data phase (rules.md §8.5, clarification 7): data
 * beyond the advertised window or into a zero window, segments that fill the window exactly, a
 * window that shrinks, a handshake ACK that slams the window shut, segments larger than the MSS and
 * acknowledgments older than a window. Window rules run only when both window scale factors are
 * known, and never for zero-window probes or keep-alives.
 */
public final class WindowRules implements Rule {

  @Override
  public java.util.List<String> ids() {
    return java.util.List.of(
        "seq.ack-too-old",
        "seq.out-of-window",
        "win.full",
        "win.data-into-zero-window",
        "win.shrink",
        "win.slam",
        "seq.segment-exceeds-mss");
  }

  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    Endpoint e = c.endpoint(s.side);
    Endpoint peer = c.endpoint(1 - s.side);
    if (s.rst()) {
      return;
    }
    exceedsMss(ctx, c, s, e, peer);
    int peerScale = Tracker.scale(c, 1 - s.side);
    int ownScale = Tracker.scale(c, s.side);
    if (peerScale < 0 || s.cls == DataPhase.PROBE || s.cls == DataPhase.KEEP_ALIVE) {
      return;
    }
    slam(ctx, c, s, e, peer, ownScale);
    if (!s.syn() && s.hasAck() && e.ackSent && e.windowMax >= 0) {
      long maxWindow = e.windowMax << ownScale;
      // RFC 5961 §5.2: acceptable acks lie in [SND.UNA − MAX.SND.WND, SND.NXT].
      int oldest = e.maxAck - (int) Math.min(maxWindow, 0x7FFFFFFFL);
      if (lt(s.ack, oldest)) {
        ctx.report(
            "seq.ack-too-old",
            c,
            s.frame,
            s.side,
            "acknowledges "
                + rel(c, 1 - s.side, s.ack)
                + ", more than a window ("
                + maxWindow
                + " bytes) below its own highest ack "
                + rel(c, 1 - s.side, e.maxAck)
                + " (raw "
                + raw(s.ack)
                + ")",
            raw(oldest),
            raw(s.ack));
      }
    }
    shrink(ctx, c, s, e, ownScale);
    if (s.len == 0 || s.syn() || !peer.windowSet || !peer.ackSent) {
      return;
    }
    int end = s.seq + s.len;
    boolean newData = !e.nxtSet || gt(end, e.nxt);
    if (peer.window == 0 && s.len > 1 && newData && !s.fin()) {
      if (!e.zeroWindowDataReported) {
        e.zeroWindowDataReported = true;
        // RFC 9293 §3.10.7.4, Table 6: with RCV.WND = 0 only a zero-length segment is acceptable.
        ctx.report(
            "win.data-into-zero-window",
            c,
            s.frame,
            s.side,
            s.len
                + " bytes of new data at seq "
                + rel(c, s.side, s.seq)
                + " while the peer advertises a zero window (frame "
                + peer.lastFrame
                + ")",
            raw(peer.lastAck),
            raw(end));
      }
      return;
    }
    int shift = peer.windowOnSyn ? 0 : peerScale;
    int edge = peer.lastAck + (int) (Integer.toUnsignedLong(peer.window) << shift);
    if (peer.edgeSet && gt(end, peer.maxEdge)) {
      // RFC 9293 §3.10.7.4 (first check, Table 6): bytes beyond RCV.NXT + RCV.WND are not
      // acceptable.
      ctx.report(
          "seq.out-of-window",
          c,
          s.frame,
          s.side,
          "data up to "
              + rel(c, s.side, end)
              + " lies beyond the right edge of the peer's window "
              + rel(c, s.side, peer.maxEdge)
              + " (raw "
              + raw(end)
              + ", edge "
              + raw(peer.maxEdge)
              + ")",
          raw(peer.maxEdge),
          raw(end));
    } else if (end == edge && !s.fin()) {
      ctx.report(
          "win.full",
          c,
          s.frame,
          s.side,
          "fills the peer's window: data up to " + rel(c, s.side, end) + " reaches its right edge",
          null,
          null);
    }
  }

  /** RFC 9293 §3.8.6 SHLD-14: a receiver should not move the right window edge left. */
  private static void shrink(RuleContext ctx, Conversation c, Segment s, Endpoint e, int scale) {
    if (s.syn()
        || s.fin()
        || !s.hasAck()
        || !e.edgeSet
        || e.finSent
        || c.rstAccepted
        || (e.ackSent && lt(s.ack, e.maxAck))) {
      return;
    }
    int edge = s.ack + (int) (Integer.toUnsignedLong(s.window) << scale);
    long moved = Integer.toUnsignedLong(e.maxEdge - edge);
    if (lt(edge, e.maxEdge) && moved >= (1L << scale)) {
      ctx.report(
          "win.shrink",
          c,
          s.frame,
          s.side,
          "the window's right edge moves left by "
              + moved
              + " bytes, to "
              + rel(c, 1 - s.side, edge)
              + " (it was "
              + rel(c, 1 - s.side, e.maxEdge)
              + ")",
          raw(e.maxEdge),
          raw(edge));
    }
  }

  /** The client's handshake ACK advertising a tiny or zero window before any data. */
  private static void slam(
      RuleContext ctx, Conversation c, Segment s, Endpoint e, Endpoint peer, int scale) {
    if (c.established
        || s.side != c.clientSide
        || s.syn()
        || s.len > 0
        || !s.hasAck()
        || e.dataSent
        || peer.dataSent
        || !(peer.synAckSent && s.ack == peer.synAckSeqLast + 1)) {
      return;
    }
    long window = Integer.toUnsignedLong(s.window) << scale;
    int mss = peer.synMss > 0 ? peer.synMss : 536;
    if (window < mss) {
      ctx.report(
          "win.slam",
          c,
          s.frame,
          s.side,
          "the handshake ACK advertises a window of "
              + window
              + " bytes, less than one segment of the server's MSS "
              + mss,
          (long) mss,
          window);
    }
  }

  /** RFC 9293 §3.7.1 MUST-16: no segment larger than the MSS the receiver announced. */
  private static void exceedsMss(
      RuleContext ctx, Conversation c, Segment s, Endpoint e, Endpoint peer) {
    if (e.exceedsMssReported || s.len == 0 || !(peer.synSent || peer.synAckSent)) {
      return;
    }
    boolean announced = peer.synMss > 0;
    int mss = announced ? peer.synMss : s.ipVersion == 6 ? 1220 : 536;
    if (s.len > mss) {
      e.exceedsMssReported = true;
      ctx.report(
          "seq.segment-exceeds-mss",
          c,
          s.frame,
          s.side,
          s.len
              + " bytes of payload, more than the "
              + (announced ? "MSS " + mss + " the peer announced" : "default MSS " + mss)
              + " (often segmentation offload at the capture point); reported once per"
              + " direction",
          (long) mss,
          (long) s.len);
    }
  }
}
