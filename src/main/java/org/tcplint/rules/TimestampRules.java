package org.tcplint.rules;

import static org.tcplint.decode.SeqNum.gt;
import static org.tcplint.decode.SeqNum.lt;
import static org.tcplint.rules.RuleContext.raw;

import org.tcplint.decode.TcpOptions;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;
import org.tcplint.flow.Tally;

/**
 * The timestamp option (rules.md §8.3, clarification 8; RFC 7323). The SYN-ACK's checks are
 * reported on the SYN-ACK; the checks of the data phase, which would repeat on every segment of a
 * direction, are reported once per direction with the first frame and a count.
 */
public final class TimestampRules implements Rule {

  private static final java.util.List<String> IDS = Catalog.idsStartingWith("ts.");

  @Override
  public java.util.List<String> ids() {
    return IDS;
  }

  /** TSvals kept of a side's SYNs: the first and the last seven. */
  private static final int SYN_TSVALS = 8;

  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    if (ctx.claimed(s, RuleContext.CLAIM_SYNACK)) {
      return; // a SYN-ACK in the wrong direction answers no SYN (clarification 1)
    }
    Endpoint e = c.endpoint(s.side);
    Endpoint peer = c.endpoint(1 - s.side);
    TcpOptions o = s.options;
    boolean ts = o.timestamp;
    if (s.syn() && o.truncated) {
      e.synOptionsCut = true;
    }
    if (s.synAck() && peer.synSent && !e.synSent && ts && !peer.synOptionsCut) {
      synAck(ctx, c, s, peer);
    }
    if (s.pureSyn() && ts && (!e.synSent || s.seq == e.isn)) {
      // The first SYN's TSval stays (a SYN-ACK retransmitted by its timer may echo it); the
      // last seven copies take the places of an array made only when the SYN is repeated.
      int n = e.synTsCount++;
      if (n == 0) {
        e.synTsFirst = o.tsVal;
      } else {
        if (e.synTsVals == null) {
          e.synTsVals = new int[SYN_TSVALS - 1];
        }
        e.synTsVals[(n - 1) % (SYN_TSVALS - 1)] = o.tsVal;
      }
    }
    boolean handshake =
        (e.synSent || e.synAckSent)
            && (peer.synSent || peer.synAckSent)
            && !e.synOptionsCut
            && !peer.synOptionsCut;
    if (!s.syn() && handshake && !o.truncated) {
      boolean negotiated = e.synTimestamp && peer.synTimestamp;
      if (negotiated && !ts && !s.rst()) {
        // RFC 7323 §3.2: once negotiated, TSopt MUST be sent in every non-<RST> segment.
        Tallies.count(
            c,
            s,
            "ts.missing-after-negotiation",
            () ->
                "segment without TSopt although both SYNs carried it (frames "
                    + Math.min(synFrame(e), synFrame(peer))
                    + " and "
                    + Math.max(synFrame(e), synFrame(peer))
                    + "): expected TSopt on every non-RST segment",
            null,
            null);
      } else if (!negotiated && ts) {
        // RFC 7323 §3.2: without negotiation, a received TSopt MUST be ignored.
        Tallies.count(
            c,
            s,
            "ts.not-negotiated-use",
            () ->
                "TSopt (TSval "
                    + raw(o.tsVal)
                    + ") although "
                    + (e.synTimestamp ? "the peer's" : "this side's")
                    + " SYN (frame "
                    + synFrame(e.synTimestamp ? peer : e)
                    + ") did not offer it: expected no TSopt",
            null,
            raw(o.tsVal));
      }
    }
    if (ts && !s.hasAck() && o.tsEcr != 0) {
      // RFC 7323 §3.2: without ACK, TSecr SHOULD be zero.
      Tallies.count(
          c,
          s,
          "ts.tsecr-without-ack",
          () -> "TSecr " + raw(o.tsEcr) + " on a segment without ACK: expected 0",
          0L,
          raw(o.tsEcr));
    }
    if (ts && !s.rst()) {
      data(c, s, e, peer, handshake);
    }
  }

  /** RFC 7323 §3.2: TSopt on a SYN-ACK only after a SYN with TSopt, echoing its TSval. */
  private static void synAck(RuleContext ctx, Conversation c, Segment s, Endpoint client) {
    TcpOptions o = s.options;
    if (client.synTsCount == 0) {
      ctx.report(
          "ts.unsolicited-in-synack",
          c,
          s.frame,
          s.side,
          "SYN-ACK carries TSopt (TSval "
              + raw(o.tsVal)
              + ") but the SYN (frame "
              + client.synFrame
              + ") did not: expected no TSopt",
          null,
          raw(o.tsVal));
      return;
    }
    if (client.synTsFirst == o.tsEcr) {
      return;
    }
    int known = Math.min(client.synTsCount - 1, SYN_TSVALS - 1);
    for (int i = 0; i < known; i++) {
      if (client.synTsVals[i] == o.tsEcr) {
        return;
      }
    }
    int n = client.synTsCount - 1;
    int last = n == 0 ? client.synTsFirst : client.synTsVals[(n - 1) % (SYN_TSVALS - 1)];
    // RFC 7323 §4.3: the SYN-ACK's TSecr echoes the TSval of the SYN it answers.
    ctx.report(
        "ts.synack-echo-mismatch",
        c,
        s.frame,
        s.side,
        "SYN-ACK echoes TSecr "
            + raw(o.tsEcr)
            + ", expected "
            + raw(last)
            + ", the TSval of the SYN"
            + (client.synTsCount > 1 ? " (or of one of its " + client.synTsCount + " copies)" : ""),
        raw(last),
        raw(o.tsEcr));
  }

  /** PAWS (RFC 7323 §5.3) and the echo of seen TSvals (§4.3), on non-RST segments with TSopt. */
  private static void data(
      Conversation c, Segment s, Endpoint e, Endpoint peer, boolean handshake) {
    TcpOptions o = s.options;
    // Only segments at or beyond nxt: a retransmission or a segment reordered before the capture
    // keeps an older TSval legitimately.
    boolean inSequence = !e.nxtSet || !lt(s.seq, e.nxt);
    if (inSequence) {
      if (e.tsInSeqSet && lt(o.tsVal, e.tsInSeqVal)) {
        int before = e.tsInSeqVal;
        Tallies.count(
            c,
            s,
            "ts.tsval-regression",
            () ->
                "TSval "
                    + raw(o.tsVal)
                    + " is below "
                    + raw(before)
                    + ", the TSval of an earlier in-sequence segment (PAWS would drop it)",
            raw(before),
            raw(o.tsVal));
      }
      e.tsInSeqVal = o.tsVal;
      e.tsInSeqSet = true;
    }
    if (handshake && s.hasAck() && o.tsEcr != 0 && peer.tsMaxSet && gt(o.tsEcr, peer.tsMax)) {
      int max = peer.tsMax;
      Tallies.count(
          c,
          s,
          "ts.tsecr-unseen",
          () ->
              "TSecr "
                  + raw(o.tsEcr)
                  + " is higher than any TSval the peer sent (highest "
                  + raw(max)
                  + ")",
          raw(max),
          raw(o.tsEcr));
    }
    if (!e.tsMaxSet || gt(o.tsVal, e.tsMax)) {
      e.tsMax = o.tsVal;
      e.tsMaxSet = true;
    }
  }

  private static long synFrame(Endpoint e) {
    return e.synSent ? e.synFrame : e.synAckFrame;
  }

  @Override
  public void onEnd(RuleContext ctx, Conversation c) {
    Tallies.report(ctx, c, "ts.missing-after-negotiation", null, "segments without TSopt");
    Tallies.report(ctx, c, "ts.not-negotiated-use", null, "segments with TSopt");
    Tallies.report(ctx, c, "ts.tsecr-without-ack", null, "segments");
    Tallies.report(ctx, c, "ts.tsval-regression", null, "regressions");
    for (int side = 0; side < 2; side++) {
      Tally t = c.endpoint(side).tally("ts.tsecr-unseen");
      // Clarification 8: a warning, and only when the peer's direction has no capture gap.
      if (t != null && !c.endpoint(1 - side).hadGap()) {
        ctx.report(
            "ts.tsecr-unseen",
            Severity.WARNING,
            c,
            t.frame,
            side,
            t.summary("segments") + "; the capture may have missed a segment of the peer",
            t.expected,
            t.actual);
      }
    }
  }
}
