package org.tcplint.rules;

import static org.tcplint.decode.SeqNum.geq;
import static org.tcplint.decode.SeqNum.gt;
import static org.tcplint.decode.SeqNum.leq;
import static org.tcplint.decode.SeqNum.lt;
import static org.tcplint.rules.RuleContext.raw;
import static org.tcplint.rules.RuleContext.rel;

import org.tcplint.decode.TcpOptions;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;

/**
 * SACK blocks (rules.md §8.2): D-SACK blocks (RFC 2883) and blocks that are malformed or report
 * what cannot be (RFC 2018 §3–§4). More than four blocks do not fit the option space: that is
 * {@code opt.bad-length}.
 */
public final class SackRules implements Rule {

  @Override
  public java.util.List<String> ids() {
    return java.util.List.of("opt.dsack", "opt.sack-block-invalid");
  }

  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    TcpOptions o = s.options;
    int n = o.sackBlocks;
    if (n == 0 || s.rst()) {
      return;
    }
    int[] edge = o.sackEdges;
    int data = 1 - s.side; // the blocks are in the peer's sequence space
    Endpoint peer = c.endpoint(data);
    boolean dsack = false;
    if (s.hasAck()) {
      // RFC 2883 §4: the first block reports a duplicate when it lies below the cumulative ACK,
      // or inside the second block (the receiver's own SACK of the same out-of-order data).
      dsack =
          lt(edge[0], edge[1])
              && (lt(edge[0], s.ack) || (n > 1 && geq(edge[0], edge[2]) && leq(edge[1], edge[3])));
      if (dsack) {
        ctx.report(
            "opt.dsack",
            c,
            s.frame,
            s.side,
            "D-SACK block "
                + rel(c, data, edge[0])
                + "-"
                + rel(c, data, edge[1])
                + " reports duplicate data ("
                + (lt(edge[0], s.ack)
                    ? "below the cumulative ACK " + rel(c, data, s.ack)
                    : "inside the second block "
                        + rel(c, data, edge[2])
                        + "-"
                        + rel(c, data, edge[3]))
                + ")",
            raw(s.ack),
            raw(edge[0]));
      }
    }
    for (int i = dsack ? 1 : 0; i < n; i++) {
      int left = edge[2 * i];
      int right = edge[2 * i + 1];
      String block =
          "SACK block " + (i + 1) + " (" + rel(c, data, left) + "-" + rel(c, data, right);
      if (geq(left, right)) {
        // RFC 2018 §3: a block is the first and one past the last sequence number of the data.
        invalid(
            c,
            s,
            () -> block + "): its left edge is not below its right edge",
            raw(right),
            raw(left));
        return;
      }
      if (peer.nxtSet && !peer.hadGap() && gt(right, peer.nxt)) {
        // RFC 2018 §4: a receiver SACKs only data it holds; nothing beyond what the peer sent.
        invalid(
            c,
            s,
            () ->
                block
                    + ") reaches beyond "
                    + rel(c, data, peer.nxt)
                    + ", the peer's next sequence number: it acknowledges data never sent",
            raw(peer.nxt),
            raw(right));
        return;
      }
      if (i > 0 && s.hasAck() && leq(right, s.ack)) {
        // RFC 2018 §4, RFC 2883 §4: only the first block may report data below the ACK.
        invalid(
            c,
            s,
            () ->
                block
                    + ") lies below the cumulative ACK "
                    + rel(c, data, s.ack)
                    + "; only a first block may (D-SACK)",
            raw(s.ack),
            raw(right));
        return;
      }
    }
  }

  private static void invalid(
      Conversation c, Segment s, java.util.function.Supplier<String> message, long e, long a) {
    Tallies.count(c, s, "opt.sack-block-invalid", message, e, a);
  }

  @Override
  public void onEnd(RuleContext ctx, Conversation c) {
    Tallies.report(ctx, c, "opt.sack-block-invalid", null, "segments with an invalid SACK block");
  }
}
