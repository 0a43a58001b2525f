package org.tcplint.rules;

import static org.tcplint.rules.RuleContext.raw;

import org.tcplint.decode.TcpFlags;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Segment;

/** Stateless checks on one segment's flags and options (rules.md §8.1, parts of §8.2). */
public final class PacketRules implements Rule {
  /** The flags as letters, built only when a finding is reported. */
  private static String flags(int f) {
    return "[" + TcpFlags.letters(f) + "]";
  }

  /**
   * RFC 9293 §3.1: the data offset counts the header in 32-bit words, at least 5 (the fixed 20
   * bytes), and the header cannot be longer than the segment. Such a segment is reported here and
   * changes nothing else: no receiver can locate its options or data.
   */
  public static void badDataOffset(RuleContext ctx, Conversation c, Segment s) {
    boolean small = s.headerLength < 20;
    ctx.report(
        "pkt.bad-data-offset",
        c,
        s.frame,
        s.side,
        "header length "
            + s.headerLength
            + " bytes (data offset "
            + s.headerLength / 4
            + "), expected "
            + (small
                ? "at least 20 (data offset 5, the fixed header)"
                : "at most the segment's " + s.segmentLength + " bytes (IP length)"),
        small ? 20L : (long) s.segmentLength,
        (long) s.headerLength);
  }

  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    int f = s.flags;
    // RFC 6335 §6: port 0 is reserved; no connection uses it. Once per conversation (its 4-tuple).
    if (c.packets() == 0 && (s.srcPort == 0 || s.dstPort == 0)) {
      boolean src = s.srcPort == 0;
      ctx.report(
          "pkt.port-zero",
          c,
          s.frame,
          s.side,
          (src ? "source" : "destination")
              + " port is 0, expected 1-65535 (port 0 is reserved, RFC 6335 §6)",
          null,
          0L);
    }
    boolean syn = s.syn();
    boolean fin = s.fin();
    boolean rst = s.rst();
    boolean ack = s.hasAck();
    // RFC 9293 §3.10.7: a FIN is not processed in LISTEN/SYN-SENT; SYN+FIN is never legal.
    if (syn && fin) {
      ctx.report(
          "pkt.syn-fin",
          c,
          s.frame,
          s.side,
          "segment has both SYN and FIN set " + flags(f),
          null,
          null);
    }
    if (syn && rst) {
      ctx.report(
          "pkt.syn-rst",
          c,
          s.frame,
          s.side,
          "segment has both SYN and RST set " + flags(f),
          null,
          null);
    }
    // RFC 9293 §3.10.7.4 (fifth check): a segment without ACK is dropped.
    if ((f & 0xFF) == 0) {
      ctx.report(
          "pkt.null-flags",
          c,
          s.frame,
          s.side,
          "segment has no flags set (not even ACK), " + s.len + " bytes of payload",
          null,
          null);
    } else if (!ack
        && !syn
        && !rst
        && (fin || (f & (TcpFlags.PSH | TcpFlags.URG)) != 0 || s.len > 0)
        && !finFromSynSent(c, s)) {
      ctx.report(
          "pkt.missing-ack",
          c,
          s.frame,
          s.side,
          "segment "
              + flags(f)
              + " without ACK: after the SYN every segment must carry ACK (RFC 9293 §3.1)",
          null,
          null);
    }
    // RFC 9293 §3.1: the ack field is meaningful only with the ACK flag.
    if (!ack && s.ack != 0) {
      ctx.report(
          "pkt.ack-field-without-flag",
          c,
          s.frame,
          s.side,
          "acknowledgment field is " + raw(s.ack) + " while the ACK flag is clear (expected 0)",
          0L,
          raw(s.ack));
    }
    // RFC 9293 §3.2 MUST-65: MSS only on SYN segments.
    if (!syn && s.options.mss >= 0) {
      ctx.report(
          "opt.mss-on-non-syn",
          c,
          s.frame,
          s.side,
          "MSS option (" + s.options.mss + ") on a segment without SYN " + flags(f),
          null,
          null);
    }
    // RFC 9293 §3.10.7.3 (legal), RFC 7413 (TFO): data on a SYN.
    if (syn && s.len > 0) {
      boolean cookie = s.options.tfo && s.options.tfoCookieLength > 0;
      ctx.report(
          "handshake.syn-with-data",
          cookie || !s.pureSyn() ? null : Severity.WARNING,
          c,
          s.frame,
          s.side,
          (s.pureSyn() ? "SYN" : "SYN-ACK")
              + " carries "
              + s.len
              + " bytes of payload"
              + (cookie ? " with a TFO cookie" : s.pureSyn() ? " without a TFO cookie" : ""),
          null,
          null);
    }
    // RFC 9293 §3.8.6: zero window advertisement.
    if (s.window == 0 && !syn && !fin && !rst) {
      ctx.report("win.zero-window", c, s.frame, s.side, "advertises a zero window", null, null);
    }
  }

  /**
   * A bare FIN from a side still in SYN-SENT: nothing it could acknowledge has arrived, and the FIN
   * itself is the fact (close.inappropriate-fin; one finding per fact, clarification 1).
   */
  private static boolean finFromSynSent(Conversation c, Segment s) {
    org.tcplint.flow.Endpoint e = c.endpoint(s.side);
    org.tcplint.flow.Endpoint peer = c.endpoint(1 - s.side);
    return s.fin() && s.len == 0 && e.synSent && !peer.synAckSent && !peer.synSent;
  }
}
