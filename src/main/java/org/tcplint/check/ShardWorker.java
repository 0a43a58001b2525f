package org.tcplint.check;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.tcplint.capture.Frame;
import org.tcplint.decode.Packet;
import org.tcplint.flow.Segment;

/**
 * A shard checked on a thread of its own, fed by the thread that reads and decodes the capture: the
 * reader fills batches of segments (and the points where every shard frees conversations) and hands
 * them over through a small queue; the worker checks them in order and hands the empty batches
 * back. Memory is bounded by the batches in circulation.
 */
final class ShardWorker implements Runnable {
  /** Entries per batch. */
  static final int BATCH = 512;

  /** Batches in circulation per worker. */
  static final int BATCHES = 8;

  /** Entries handed over at once: segments of the shard, and ticks that every shard sees. */
  static final class Batch {
    final Segment[] segments = new Segment[BATCH];

    /** The TCP index of a tick entry, 0 for a segment. */
    final long[] tick = new long[BATCH];

    final long[] tickTime = new long[BATCH];
    int size;
    boolean last;

    Batch() {
      for (int i = 0; i < BATCH; i++) {
        segments[i] = new Segment();
      }
    }
  }

  /** What a worker feeds: a {@link Shard}, or a stand-in in tests. */
  interface Sink {
    void tick(long index, long timeNanos);

    void segment(Segment s);

    void finish();
  }

  private final Sink shard;
  private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
  private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
  private Batch filling;
  private volatile Throwable failure;

  ShardWorker(Sink shard) {
    this.shard = shard;
    for (int i = 0; i < BATCHES; i++) {
      free.add(new Batch());
    }
  }

  /** Hands over one segment of this shard (reader thread). */
  void segment(Frame f, Packet p) {
    Batch b = current();
    b.segments[b.size].fill(f, p);
    b.tick[b.size++] = 0;
    if (b.size == BATCH) {
      handOver(false);
    }
  }

  /** Hands over a point where conversations are freed ({@link Shard#tick}; reader thread). */
  void tick(long index, long timeNanos) {
    Batch b = current();
    b.tick[b.size] = index;
    b.tickTime[b.size++] = timeNanos;
    if (b.size == BATCH) {
      handOver(false);
    }
  }

  /** Hands over what is left and tells the worker that the capture ends (reader thread). */
  void end() {
    current();
    handOver(true);
  }

  /** What the worker's thread threw, if anything (once it has ended). */
  Throwable failure() {
    return failure;
  }

  private Batch current() {
    if (filling == null) {
      try {
        filling = free.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while checking", e);
      }
      filling.size = 0;
      filling.last = false;
    }
    return filling;
  }

  private void handOver(boolean last) {
    Batch b = filling;
    filling = null;
    b.last = last;
    try {
      full.put(b);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking", e);
    }
  }

  @Override
  public void run() {
    boolean working = true;
    try {
      while (true) {
        Batch b = full.take();
        if (working) {
          try {
            check(b);
          } catch (Throwable e) { // rethrown by the reader; the batches are still drained
            failure = e;
            working = false;
          }
        }
        boolean last = b.last;
        free.put(b);
        if (last) {
          break;
        }
      }
      if (working) {
        shard.finish();
      }
    } catch (Throwable e) { // interrupted, or the shard's finish failed
      failure = e;
    }
  }

  private void check(Batch b) {
    Sink s = shard;
    for (int i = 0; i < b.size; i++) {
      long index = b.tick[i];
      if (index != 0) {
        s.tick(index, b.tickTime[i]);
      } else {
        s.segment(b.segments[i]);
      }
    }
  }
}
