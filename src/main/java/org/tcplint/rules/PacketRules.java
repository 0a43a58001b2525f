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

  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    int f = s.flags;
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
        && (fin || (f & (TcpFlags.PSH | TcpFlags.URG)) != 0 || s.len > 0)) {
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
}
