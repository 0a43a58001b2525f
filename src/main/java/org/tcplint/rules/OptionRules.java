package org.tcplint.rules;

import org.tcplint.decode.TcpFlags;
import org.tcplint.decode.TcpOptions;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;

/**
 * Full-tier checks of one segment's flags and options (rules.md §8.1, §8.2): odd flag combinations,
 * the urgent pointer, reserved bits, option lengths and placement.
 */
public final class OptionRules implements Rule {
  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    int f = s.flags;
    boolean syn = s.syn();
    boolean fin = s.fin();
    boolean rst = s.rst();
    boolean urg = (f & TcpFlags.URG) != 0;
    if (syn && urg) {
      ctx.report("pkt.syn-urg", c, s.frame, s.side, "SYN with URG set", null, null);
    }
    if (fin && rst) {
      ctx.report("pkt.fin-rst", c, s.frame, s.side, "segment has both FIN and RST set", null, null);
    }
    if (fin && urg && (f & TcpFlags.PSH) != 0) {
      ctx.report(
          "pkt.xmas", c, s.frame, s.side, "FIN, PSH and URG all set (Xmas scan)", null, null);
    }
    // RFC 9293 §3.1: the urgent pointer is interpreted only with URG.
    if (!urg && s.urgentPointer != 0) {
      ctx.report(
          "pkt.urgptr-without-urg",
          c,
          s.frame,
          s.side,
          "urgent pointer is " + s.urgentPointer + " while URG is clear (expected 0)",
          0L,
          (long) s.urgentPointer);
    }
    // RFC 6093: the urgent pointer points into the data of the segment.
    if (urg && (s.len == 0 || s.urgentPointer > s.len)) {
      ctx.report(
          "pkt.urg-without-payload",
          c,
          s.frame,
          s.side,
          "URG set with urgent pointer " + s.urgentPointer + " and " + s.len + " bytes of payload",
          null,
          null);
    }
    if ((f & TcpFlags.RESERVED) != 0) {
      ctx.report(
          "pkt.reserved-bits",
          c,
          s.frame,
          s.side,
          "reserved header bits set (0x"
              + Integer.toHexString((f & TcpFlags.RESERVED) >>> 9)
              + "); RFC 9293 §3.1 says they must be zero",
          null,
          null);
    } else if ((f & TcpFlags.AE) != 0) {
      ctx.report(
          "pkt.reserved-bits",
          Severity.INFO,
          c,
          s.frame,
          s.side,
          "AE (ex-NS) bit set: AccECN",
          null,
          null);
    }
    TcpOptions o = s.options;
    // RFC 9293 §3.1-3.2 MUST-64: option lengths.
    if (o.badLengthKind >= 0) {
      ctx.report(
          "opt.bad-length",
          c,
          s.frame,
          s.side,
          TcpOptions.name(o.badLengthKind)
              + " option (kind "
              + o.badLengthKind
              + ") has a bad length",
          null,
          null);
    }
    if (o.duplicateKind >= 0) {
      ctx.report(
          "opt.duplicate",
          c,
          s.frame,
          s.side,
          TcpOptions.name(o.duplicateKind) + " option (kind " + o.duplicateKind + ") appears twice",
          null,
          null);
    }
    // RFC 7323 §2.2: window scale only on SYN; §2.3: shifts above 14 are treated as 14.
    if (!syn && o.wscale >= 0) {
      ctx.report(
          "opt.wscale-on-non-syn",
          c,
          s.frame,
          s.side,
          "window-scale option (shift " + o.wscale + ") on a segment without SYN",
          null,
          null);
    }
    if (o.wscale > 14) {
      ctx.report(
          "opt.wscale-too-large",
          c,
          s.frame,
          s.side,
          "window-scale shift " + o.wscale + " is above 14 (RFC 7323 §2.3: use 14)",
          14L,
          (long) o.wscale);
    }
    // RFC 2018 §2: SACK-permitted only on SYN.
    if (!syn && o.sackPermitted) {
      ctx.report(
          "opt.sackperm-on-non-syn",
          c,
          s.frame,
          s.side,
          "SACK-permitted option on a segment without SYN",
          null,
          null);
    }
    // RFC 9293 §3.7.1: without MSS the peer assumes 536 (IPv4) or 1220 (IPv6).
    if (syn && o.mss < 0) {
      ctx.report(
          "opt.mss-missing",
          c,
          s.frame,
          s.side,
          (s.pureSyn() ? "SYN" : "SYN-ACK") + " without an MSS option",
          null,
          null);
    }
    if (o.nopRun >= 4) {
      ctx.report(
          "opt.nop-run",
          c,
          s.frame,
          s.side,
          o.nopRun + " NOP options in a row (a middlebox may have removed options)",
          null,
          null);
    }
    if (o.obsoleteKind >= 0) {
      ctx.report(
          "opt.obsolete",
          c,
          s.frame,
          s.side,
          "obsolete option kind " + o.obsoleteKind + " (" + TcpOptions.name(o.obsoleteKind) + ")",
          null,
          null);
    }
    // RFC 2018 §4: no SACK unless the peer's SYN offered SACK-permitted.
    Endpoint peer = c.endpoint(1 - s.side);
    if (o.sackBlocks > 0 && (peer.synSent || peer.synAckSent) && !peer.synSackPerm) {
      ctx.report(
          "opt.sack-not-permitted",
          c,
          s.frame,
          s.side,
          "SACK blocks sent although the peer's SYN (frame "
              + (peer.synSent ? peer.synFrame : peer.synAckFrame)
              + ") did not offer SACK-permitted",
          null,
          null);
    }
  }
}
