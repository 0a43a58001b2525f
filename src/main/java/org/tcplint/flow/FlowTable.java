package org.tcplint.flow;

import java.util.ArrayDeque;

/**
 * Finds the conversation of each TCP segment and numbers conversations like Wireshark's {@code
 * tcp.stream}: by order of first appearance, with a new stream for a SYN that carries a new ISN on
 * a known 4-tuple (compat.md §3.5).
 *
 * <p>Memory: a conversation that is closed (both FINs acknowledged, or a RST) and then quiet for
 * the linger time (capture time) is retired and its state freed; a small {@link Previous} record
 * stays, so that later segments on the 4-tuple keep Wireshark's stream numbering (a late segment
 * continues the same stream, a SYN with a new ISN starts a new one).
 *
 * <p>The conversations held and the records of retired ones live in two maps: every segment looks
 * up the small first one (a few thousand conversations at a time, which stays in the processor's
 * cache), and only a segment of no held conversation looks in the second one, which remembers every
 * 4-tuple of the idle period. A 4-tuple is in at most one of them.
 */
public final class FlowTable {
  /** Default linger after a close before the state is freed (Zeek's tcp_close_delay). */
  public static final long DEFAULT_LINGER_NANOS = 5_000_000_000L;

  private final FlowMap table = new FlowMap(); // held conversations
  private final FlowMap retiredKeys = new FlowMap(); // Previous records of retired ones
  private final ArrayDeque<Conversation> closing = new ArrayDeque<>();
  private final ArrayDeque<Conversation> spares = new ArrayDeque<>(); // retired, to be renewed
  private boolean reuse;
  private final FlowKey probe = new FlowKey();
  private final Listener listener;
  private final long lingerNanos;
  private final long idleNanos;
  private final int maxLive;

  /**
   * Records of retired conversations kept at most: four per conversation the table may hold (a
   * record, about 150 bytes with its slot, against about 2.5 KB for a held conversation). Beyond it
   * the oldest are forgotten before the idle timeout, so that a capture of many short conversations
   * cannot fill the heap with them.
   */
  private final int maxRetired;

  private long forgotten;
  private long firstForgetFrame;
  private long earlyRetired; // closed conversations retired before their linger to make room
  private long firstEarlyFrame;
  private int nextStream;
  private int live;
  private long untrackedSegments;
  private long untrackedSyns;
  private long firstUntrackedFrame;
  private long lastIdleScan = Long.MIN_VALUE / 2;

  /**
   * From now on a retired conversation's object is renewed for a later conversation instead of a
   * new one being allocated, once the listener has been told and the conversation has left the
   * queue of closed ones. Only for a listener that keeps no reference to the conversations it is
   * told of. The objects of the conversations held then stay in the old generation of the heap: the
   * collector no longer copies the thousands that linger after their close at every young
   * collection, nor collects them from the old generation once retired.
   */
  public FlowTable reuseConversations() {
    reuse = true;
    return this;
  }

  /** Told when a conversation will receive no more segments. */
  public interface Listener {
    void retired(Conversation c);
  }

  public FlowTable(Listener listener) {
    this(listener, DEFAULT_LINGER_NANOS, Long.MAX_VALUE, Integer.MAX_VALUE);
  }

  /**
   * @param lingerNanos how long a closed conversation stays after its last segment
   * @param idleNanos how long an open conversation may stay without a segment
   * @param maxLive how many conversations are held at once; segments of new conversations beyond it
   *     are counted ({@link #untrackedSegments()}) and not analysed
   */
  public FlowTable(Listener listener, long lingerNanos, long idleNanos, int maxLive) {
    this.listener = listener;
    this.lingerNanos = lingerNanos;
    this.idleNanos = idleNanos;
    this.maxLive = maxLive;
    this.maxRetired = maxLive >= Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : 4 * maxLive;
  }

  /**
   * Returns the conversation of {@code s} (by the addresses and ports it was filled with, creating
   * it when needed), or null when the table is full, and sets {@code s.side}. The caller then
   * passes the segment to {@link Conversation#account(Segment)}.
   */
  public Conversation lookup(Segment s) {
    s.side = probe.set(s) ? 0 : 1;
    Object o = table.get(probe);
    if (o == null) {
      o = retiredKeys.get(probe);
    }
    Conversation c;
    if (o == null) {
      c = create(probe, nextStream, null, false, s.frame);
      if (c != null) {
        nextStream++;
      }
    } else if (o instanceof Conversation live) {
      c = live;
      if (s.pureSyn() && c.endpoint(s.side).baseSet && s.seq != c.endpoint(s.side).baseSeq) {
        Previous prev = Previous.of(c);
        retire(c);
        remember(c, prev);
        c = create(c.key().copy(), nextStream, prev, false, s.frame); // no key shared by two
        if (c != null) {
          nextStream++;
        }
      }
    } else {
      Previous prev = (Previous) o;
      if (s.pureSyn() && prev.baseSet(s.side) && s.seq != prev.base(s.side)) {
        c = create(probe, nextStream, prev, false, s.frame);
        if (c != null) {
          nextStream++;
        }
      } else {
        c = create(probe, prev.stream(), prev, true, s.frame);
      }
    }
    if (c == null) {
      if (untrackedSegments++ == 0) {
        firstUntrackedFrame = s.frame;
      }
      if (s.pureSyn()) {
        untrackedSyns++;
      }
    }
    return c;
  }

  /** Stream numbers handed out so far (the next new conversation gets this one). */
  public int streamsCreated() {
    return nextStream;
  }

  /** Segments not analysed because the table was full. */
  public long untrackedSegments() {
    return untrackedSegments;
  }

  /** SYNs among them (new connection attempts). */
  public long untrackedSyns() {
    return untrackedSyns;
  }

  public long firstUntrackedFrame() {
    return firstUntrackedFrame;
  }

  /** The cap on conversations held at once. */
  public int capacity() {
    return maxLive;
  }

  /**
   * A new held conversation on {@code key}, or null when the table is full; the probe, which the
   * next lookup reuses, is copied only for a conversation that is held (a flood of SYNs past the
   * cap allocates nothing).
   */
  private Conversation create(
      FlowKey key, int stream, Previous prev, boolean continuation, long frame) {
    if (live >= maxLive && !retireOldestClosed(frame)) {
      return null;
    }
    Conversation c = spares.pollLast(); // the most recently retired: the likeliest in the cache
    if (key == probe) {
      // A conversation owns its key (no two share one), so a renewed one's key is taken over too.
      if (c != null) {
        key = c.key();
        key.copyFrom(probe);
      } else {
        key = probe.copy();
      }
    }
    if (c == null) {
      c = new Conversation(key, stream, prev, continuation);
    } else {
      c.renew(key, stream, prev, continuation);
    }
    if (prev != null) {
      retiredKeys.remove(key);
    }
    table.put(key, c);
    live++;
    return c;
  }

  /**
   * Makes room in a full table: retires the conversation that closed first before its linger time
   * is over (its record keeps its stream for a late segment, as after the linger), rather than
   * leave a new conversation unanalysed for one that will see no more segments. False when every
   * held conversation is open. {@code frame}: the new conversation's segment.
   */
  private boolean retireOldestClosed(long frame) {
    if (!retireFirstClosed(0, true)) {
      return false;
    }
    if (earlyRetired++ == 0) {
      firstEarlyFrame = frame;
    }
    return true;
  }

  /**
   * Retires the conversation that closed first and is still held, when it has been quiet for the
   * linger time as of capture time {@code nowNanos} or {@code early} (its record kept, as for every
   * retired one); those of the queue retired meanwhile (a new incarnation, idle) are let go on the
   * way. False when there is none such.
   */
  private boolean retireFirstClosed(long nowNanos, boolean early) {
    while (!closing.isEmpty()) {
      Conversation c = closing.peekFirst();
      if (c.retired) {
        closing.pollFirst(); // already gone: replaced by a new incarnation, or idle
        if (reuse) {
          spares.add(c);
        }
        continue;
      }
      if (!early && nowNanos - c.lastTime < lingerNanos) {
        return false; // the queue is in close order: the rest closed later
      }
      closing.pollFirst();
      c.queued = false; // out of the queue: its object may be renewed once retired
      remember(c, Previous.of(c));
      retire(c);
      return true;
    }
    return false;
  }

  /** Closed conversations retired before their linger time to make room ({@link #create}). */
  public long earlyRetired() {
    return earlyRetired;
  }

  /** The frame of the segment whose conversation took the first place so made (0: none). */
  public long firstEarlyFrame() {
    return firstEarlyFrame;
  }

  /** Moves {@code c}'s 4-tuple from the held conversations to the retired ones' records. */
  private void remember(Conversation c, Previous prev) {
    table.remove(c.key());
    retiredKeys.put(c.key(), prev);
  }

  private void retire(Conversation c) {
    c.retired = true;
    live--;
    listener.retired(c);
    if (reuse && !c.queued) {
      spares.add(c); // one still queued is added when the queue lets it go (expire)
    }
  }

  /** Notes that {@code c} may have closed; closed conversations are freed once quiet. */
  public void touched(Conversation c) {
    if (!c.queued && c.closed()) {
      c.queued = true;
      closing.addLast(c);
    }
  }

  /**
   * Frees conversations closed and quiet for the linger time as of capture time {@code now}; beyond
   * {@link #maxRetired} records of retired conversations, forgets the oldest.
   */
  public void expire(long nowNanos) {
    expire(nowNanos, 0);
  }

  /**
   * {@link #expire(long)} before the segment of frame {@code nextFrame} is looked up (0: none
   * comes), the frame {@link #firstForgetFrame} names when this forgets records the first time.
   */
  public void expire(long nowNanos, long nextFrame) {
    expireClosed(nowNanos);
    if (retiredKeys.size() > maxRetired) {
      if (forgotten == 0) {
        firstForgetFrame = nextFrame;
      }
      forgetOldest();
    }
  }

  /**
   * Forgets the records of the conversations that retired first, leaving three quarters of {@link
   * #maxRetired} (all of those that retired at the same capture time go together): a later segment
   * on their 4-tuples starts a new stream, as after the idle timeout.
   */
  private void forgetOldest() {
    int n = retiredKeys.size();
    long[] ends = new long[n];
    int[] at = {0};
    retiredKeys.forEachValue(o -> ends[at[0]++] = ((Previous) o).endTime());
    long cutoff = KeyOrder.select(ends, n, n - (maxRetired - maxRetired / 4) - 1);
    retiredKeys.removeValues(o -> ((Previous) o).endTime() <= cutoff);
    forgotten += n - retiredKeys.size();
  }

  /** Records of retired conversations forgotten before the idle timeout ({@link #expire}). */
  public long forgotten() {
    return forgotten;
  }

  /**
   * The frame of the segment checked after records were first forgotten (0: none, or none came).
   */
  public long firstForgetFrame() {
    return firstForgetFrame;
  }

  private void expireClosed(long nowNanos) {
    while (retireFirstClosed(nowNanos, false)) {
      // one retired: the next may be quiet too
    }
  }

  /**
   * Frees open conversations idle for longer than the idle timeout (capture time); no record is
   * kept, so a later segment on the 4-tuple starts a new stream (tcplint, unlike Wireshark, does
   * not remember every 4-tuple forever).
   */
  public void expireIdle(long nowNanos) {
    if (idleNanos == Long.MAX_VALUE || nowNanos - lastIdleScan < idleNanos / 4) {
      return; // scan at most four times per idle period of capture time
    }
    lastIdleScan = nowNanos;
    java.util.List<Conversation> idle = new java.util.ArrayList<>();
    table.forEachValue(
        o -> {
          if (o instanceof Conversation c && nowNanos - c.lastTime > idleNanos) {
            idle.add(c);
          }
        });
    for (Conversation c : byStream(idle)) {
      table.remove(c.key());
      retire(c);
    }
    retiredKeys.removeValues(o -> nowNanos - ((Previous) o).endTime() > idleNanos);
  }

  /** The conversations in stream order (streams of held conversations are distinct). */
  private static Conversation[] byStream(java.util.List<Conversation> list) {
    long[] streams = new long[list.size()];
    for (int i = 0; i < streams.length; i++) {
      streams[i] = list.get(i).stream();
    }
    int[] idx = KeyOrder.of(streams, streams.length);
    Conversation[] sorted = new Conversation[idx.length];
    for (int i = 0; i < idx.length; i++) {
      sorted[i] = list.get(idx[i]);
    }
    return sorted;
  }

  /** Number of conversations whose full state is held. */
  public int size() {
    return live;
  }

  /** Retires every conversation still held (end of capture), in stream order. */
  public void finish() {
    java.util.List<Conversation> held = new java.util.ArrayList<>();
    table.forEachValue(
        o -> {
          if (o instanceof Conversation c) {
            held.add(c);
          }
        });
    for (Conversation c : byStream(held)) {
      retire(c);
    }
    table.clear();
    retiredKeys.clear();
    closing.clear();
    spares.clear();
  }
}
