package org.tcplint.rules;

import org.tcplint.decode.Packet;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;

/**
 * Checksums (rules.md §8.1 {@code pkt.bad-checksum}, the {@code capture.checksum-offload}
 * paragraph): the decoder verifies the IPv4 header and TCP checksums of every wholly captured
 * segment; this family decides what a wrong one means.
 *
 * <p>A sender that offloads checksums to its NIC is captured before the NIC fills them in. Its
 * direction shows it in one of two ways, and gets one {@code capture.checksum-offload} note and no
 * {@code pkt.bad-checksum}:
 *
 * <ul>
 *   <li>every verified checksum of the direction is wrong (two or more segments; a single one only
 *       when its value is a placeholder, below), or
 *   <li>wrong checksums that hold the placeholder a stack leaves for the NIC: 0, or the folded
 *       pseudo-header sum that the NIC completes (Linux and FreeBSD; TSO drivers leave the length
 *       out). Stacks offload data segments and compute small ones themselves, so such a direction
 *       also has right checksums.
 * </ul>
 *
 * Any other wrong value is {@code pkt.bad-checksum}: in a direction that has right checksums, or as
 * the single verified segment of its direction. Such candidates wait until their direction has
 * shown a right checksum (then they are reported at once) or until the conversation ends.
 */
public final class ChecksumRules implements Rule {

  @Override
  public java.util.List<String> ids() {
    return java.util.List.of("pkt.bad-checksum", "capture.checksum-offload");
  }

  private static final int TCP = 1;
  private static final int IP = 2;

  @Override
  public void onSegment(RuleContext ctx, Conversation c, Segment s) {
    int v = s.checksums;
    if (v == 0) {
      return; // not verified: cut by the snaplen, or both rules are off
    }
    Endpoint e = c.endpoint(s.side);
    boolean rightBefore = e.checksumsVerified > e.checksumsBad;
    e.checksumsVerified++;
    boolean tcpBad = (v & Packet.CHECKSUM_TCP_BAD) != 0;
    boolean ipBad = (v & Packet.CHECKSUM_IP_BAD) != 0;
    if (!tcpBad && !ipBad) {
      if (!rightBefore && c.pendingBadChecksumCount > 0) {
        report(ctx, c, s.side, " (this direction also has right checksums: no offload)");
      }
      return;
    }
    if (e.checksumsBad++ == 0) {
      e.checksumFirstBadFrame = s.frame;
      c.remember(s.frame, s.fileOffset);
    }
    boolean placeholder =
        tcpBad ? (v & Packet.CHECKSUM_PLACEHOLDER) != 0 : ipBad && s.ipChecksum == 0;
    if (placeholder) {
      e.checksumPlaceholders++;
      return;
    }
    int kind = (tcpBad ? TCP : 0) | (ipBad ? IP : 0);
    int expected = tcpBad ? s.checksumExpected : s.ipChecksumExpected;
    int actual = tcpBad ? s.checksum : s.ipChecksum;
    if (rightBefore) {
      ctx.report(
          "pkt.bad-checksum",
          c,
          s.frame,
          s.side,
          message(kind, expected, actual)
              + " (this direction also has right checksums: no offload)",
          (long) expected,
          (long) actual);
    } else {
      c.addPendingBadChecksum(s.frame, s.side, kind, expected, actual);
      c.remember(s.frame, s.fileOffset);
    }
  }

  /** RFC 9293 §3.1 (TCP checksum over the pseudo-header), RFC 791 §3.1 (IPv4 header checksum). */
  private static String message(int kind, int expected, int actual) {
    String what = (kind & TCP) != 0 ? "TCP checksum " : "IPv4 header checksum ";
    return what
        + hex(actual)
        + ", expected "
        + hex(expected)
        + ((kind & (TCP | IP)) == (TCP | IP) ? "; the IPv4 header checksum is wrong too" : "");
  }

  private static String hex(int v) {
    return String.format("0x%04x", v);
  }

  /** Reports ({@code why} != null) or drops the pending candidates of {@code side}. */
  private static void report(RuleContext ctx, Conversation c, int side, String why) {
    long[] p = c.pendingBadChecksums;
    int kept = 0;
    for (int i = 0; i < c.pendingBadChecksumCount; i++) {
      int at = 4 * i;
      if ((int) (p[at + 1] & 1) != side) {
        System.arraycopy(p, at, p, 4 * kept, 4);
        kept++;
      } else if (why != null) {
        int kind = (int) (p[at + 1] >>> 1);
        int expected = (int) p[at + 2];
        int actual = (int) p[at + 3];
        ctx.report(
            "pkt.bad-checksum",
            c,
            p[at],
            side,
            message(kind, expected, actual) + why,
            (long) expected,
            (long) actual);
      }
    }
    c.pendingBadChecksumCount = kept;
  }

  @Override
  public void onEnd(RuleContext ctx, Conversation c) {
    for (int side = 0; side < 2; side++) {
      Endpoint e = c.endpoint(side);
      if (e.checksumsBad == 0) {
        continue;
      }
      boolean allWrong =
          e.checksumsBad == e.checksumsVerified
              && (e.checksumsVerified >= 2 || e.checksumPlaceholders > 0);
      if (allWrong || e.checksumPlaceholders > 0) {
        String who = RuleContext.who(c, side);
        String placeholder = "the offload placeholder (0 or the folded pseudo-header sum)";
        String what;
        if (allWrong && e.checksumsVerified >= 2) {
          what =
              "all "
                  + e.checksumsVerified
                  + " verified checksums of the "
                  + who
                  + "'s segments are wrong, the first in frame "
                  + e.checksumFirstBadFrame;
        } else if (allWrong) {
          what =
              "the "
                  + who
                  + "'s only verified segment (frame "
                  + e.checksumFirstBadFrame
                  + ") carries "
                  + placeholder;
        } else {
          what =
              e.checksumPlaceholders
                  + " of the "
                  + who
                  + "'s "
                  + e.checksumsVerified
                  + " verified segments carry "
                  + placeholder
                  + ", the first in frame "
                  + e.checksumFirstBadFrame;
        }
        ctx.report(
            "capture.checksum-offload",
            c,
            e.checksumFirstBadFrame,
            side,
            what
                + ": the sender offloads checksums and the capture saw its segments before the NIC"
                + " filled them in; pkt.bad-checksum is not reported for them",
            null,
            null);
      }
      report(
          ctx,
          c,
          side,
          allWrong
              ? null
              : " (the only verified segment of this direction, and its checksum is not an"
                  + " offload placeholder: 0 or the folded pseudo-header sum)");
    }
  }
}
