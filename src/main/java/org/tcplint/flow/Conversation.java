package org.tcplint.flow;

import org.tcplint.decode.TcpFlags;

/** One incarnation of a TCP 4-tuple: stream index, per-side state and summary facts. */
public final class Conversation {
  private final FlowKey key;
  private final int stream;
  private final Endpoint[] endpoints = {new Endpoint(), new Endpoint()};
  private int completeness;
  private long firstFrame;
  private long lastFrame;
  private long packets;
  private final boolean reuse;

  Conversation(FlowKey key, int stream, Conversation previous) {
    this.key = key;
    this.stream = stream;
    this.reuse = previous != null;
  }

  public FlowKey key() {
    return key;
  }

  public int stream() {
    return stream;
  }

  public Endpoint endpoint(int side) {
    return endpoints[side];
  }

  /** True when this incarnation replaced an earlier one on the same 4-tuple. */
  public boolean isReuse() {
    return reuse;
  }

  /** Wireshark's {@code tcp.completeness} so far. */
  public int completeness() {
    return completeness;
  }

  public long firstFrame() {
    return firstFrame;
  }

  public long lastFrame() {
    return lastFrame;
  }

  public long packets() {
    return packets;
  }

  /** Relative sequence number of {@code s} (like Wireshark's {@code tcp.seq}). */
  public long relativeSeq(Segment s) {
    return Integer.toUnsignedLong(s.seq - endpoints[s.side].baseSeq);
  }

  /** Relative acknowledgment number of {@code s}, 0 without the ACK flag. */
  public long relativeAck(Segment s) {
    if (!s.hasAck()) {
      return 0;
    }
    return Integer.toUnsignedLong(s.ack - endpoints[1 - s.side].baseSeq);
  }

  /**
   * Counts the segment and updates the bases for relative numbers and the completeness bits, with
   * Wireshark's rules (compat.md §3.1, §3.4).
   */
  public void account(Segment s) {
    Endpoint fwd = endpoints[s.side];
    Endpoint rev = endpoints[1 - s.side];
    boolean first = packets == 0;
    if (first) {
      firstFrame = s.frame;
    }
    lastFrame = s.frame;
    packets++;
    fwd.packets++;
    fwd.bytes += s.len;
    if (!fwd.baseSet) {
      fwd.baseSeq = s.syn() ? s.seq : s.seq - 1;
      fwd.baseSet = true;
    } else if (s.synAck() && s.seq != fwd.baseSeq) {
      fwd.baseSeq = s.seq;
    }
    if (s.hasAck() && !rev.baseSet) {
      rev.baseSeq = s.ack - 1;
      rev.baseSet = true;
    }
    int f = s.flags;
    if (s.pureSyn()) {
      if (first) {
        completeness |= Completeness.SYN;
        if (s.len > 0) {
          completeness |= Completeness.DATA;
        }
      }
    } else if ((f & TcpFlags.SYN) != 0) {
      completeness |= Completeness.SYN_ACK;
    } else if ((f & TcpFlags.ACK) != 0) {
      completeness |= s.len > 0 ? Completeness.DATA : Completeness.ACK;
    }
    if ((f & (TcpFlags.FIN | TcpFlags.ACK)) == (TcpFlags.FIN | TcpFlags.ACK)) {
      completeness |= Completeness.FIN;
    }
    if ((f & TcpFlags.RST) != 0) {
      completeness |= Completeness.RST;
    }
  }
}
