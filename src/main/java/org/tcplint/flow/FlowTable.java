package org.tcplint.flow;

import java.util.HashMap;
import java.util.Map;
import org.tcplint.decode.Packet;

/**
 * Finds the conversation of each TCP segment and numbers conversations like Wireshark's {@code
 * tcp.stream}: by order of first appearance, with a new stream for a SYN that carries a new ISN on
 * a known 4-tuple (compat.md §3.5).
 */
public final class FlowTable {
  private final Map<FlowKey, Conversation> live = new HashMap<>();
  private final FlowKey probe = new FlowKey();
  private int nextStream;
  private final Listener listener;

  /** Told when a conversation is replaced by a new incarnation or removed. */
  public interface Listener {
    /** A conversation will receive no more segments. */
    void retired(Conversation c);
  }

  public FlowTable(Listener listener) {
    this.listener = listener;
  }

  /**
   * Returns the conversation of {@code s} (creating it when needed) and sets {@code s.side}. The
   * caller then passes the segment to {@link Conversation#account(Segment)}.
   */
  public Conversation lookup(Packet p, Segment s) {
    s.side = probe.set(p) ? 0 : 1;
    Conversation c = live.get(probe);
    if (c == null) {
      c = new Conversation(probe.copy(), nextStream++, null);
      live.put(c.key(), c);
    } else if (s.pureSyn() && c.endpoint(s.side).baseSet && s.seq != c.endpoint(s.side).baseSeq) {
      Conversation old = c;
      c = new Conversation(old.key(), nextStream++, old);
      live.put(c.key(), c);
      listener.retired(old);
    }
    return c;
  }

  /** Number of streams assigned so far. */
  public int streams() {
    return nextStream;
  }

  /** Number of conversations held. */
  public int size() {
    return live.size();
  }

  /** Retires every conversation still held (end of capture), in stream order. */
  public void finish() {
    live.values().stream()
        .sorted(java.util.Comparator.comparingInt(Conversation::stream))
        .forEach(listener::retired);
    live.clear();
  }
}
