package org.tcplint.flow;

/**
 * What later incarnations on the same 4-tuple need to know of an earlier one (reuse rules), and
 * what keeps the stream numbering right after its state was freed: its stream index and the bases
 * of both sides. Small on purpose: it stays in the table after the conversation is retired.
 */
public record Previous(
    int stream,
    boolean active,
    boolean onlySyns,
    boolean partial,
    boolean shuttingDown,
    boolean closedByFin,
    long endTime,
    int clientNxt,
    boolean clientNxtSet,
    int clientTsVal,
    boolean clientTs,
    int synOnlyRun,
    int base0,
    int base1,
    boolean baseSet0,
    boolean baseSet1) {

  static Previous of(Conversation c) {
    Endpoint a = c.endpoint(0);
    Endpoint b = c.endpoint(1);
    boolean rst = a.rstSent || b.rstSent;
    boolean fin = a.finSent || b.finSent;
    Endpoint client = c.endpoint(c.clientSide < 0 ? 0 : c.clientSide);
    return new Previous(
        c.stream(),
        c.active(),
        c.onlySyns(),
        !a.synSent && !b.synSent && !a.synAckSent && !b.synAckSent,
        fin && !rst && c.closedFrame == 0,
        fin && !rst && c.closedFrame != 0,
        c.lastTime,
        client.nxt,
        client.nxtSet,
        client.lastTsVal,
        client.tsSeen,
        c.synOnlyRun,
        a.baseSeq,
        b.baseSeq,
        a.baseSet,
        b.baseSet);
  }

  /** The base of {@code side} (Wireshark's base_seq). */
  int base(int side) {
    return side == 0 ? base0 : base1;
  }

  boolean baseSet(int side) {
    return side == 0 ? baseSet0 : baseSet1;
  }
}
