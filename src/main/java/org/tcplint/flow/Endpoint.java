package org.tcplint.flow;

/** What we know of one side of a conversation (one direction of segments). */
public final class Endpoint {
  /** Base for relative numbers (Wireshark's base_seq): the ISN, or seq − 1 mid-stream. */
  public int baseSeq;

  public boolean baseSet;

  /** Segments sent by this side. */
  public long packets;

  /** Payload bytes sent by this side. */
  public long bytes;
}
