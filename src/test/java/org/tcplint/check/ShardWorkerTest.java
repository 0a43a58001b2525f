package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tcplint.capture.Captures;
import org.tcplint.capture.Frame;
import org.tcplint.decode.Packet;
import org.tcplint.decode.PacketDecoder;
import org.tcplint.flow.Segment;

/**
 * The hand-over from the reading thread to a shard's worker: every entry arrives once and in order
 * across many more batches than are in circulation, and a worker that fails neither blocks the
 * reader nor hides its failure.
 */
class ShardWorkerTest {
  private final Frame frame = new Frame();
  private final Packet packet = new Packet();

  /** Entries fed in one test: several times the batches in circulation. */
  private static final int ENTRIES = ShardWorker.BATCH * ShardWorker.BATCHES * 5 + 17;

  @BeforeEach
  void firstTcpPacket() throws Exception {
    try (Captures.Opened o = Captures.open(Path.of("testdata/clean-http.pcapng"))) {
      PacketDecoder d = new PacketDecoder();
      while (o.reader().next(frame)) {
        d.decode(frame, packet);
        if (packet.status() == Packet.Status.TCP) {
          return;
        }
      }
    }
    throw new AssertionError("no TCP packet in testdata/clean-http.pcapng");
  }

  /** Records what it is given: "t<index>@<time>" for ticks, "s<frame>:<seq>" for segments. */
  private static final class Recorder implements ShardWorker.Sink {
    final List<String> seen = new ArrayList<>();
    int finished;
    int failAt = -1;

    @Override
    public void tick(long index, long timeNanos) {
      seen.add("t" + index + "@" + timeNanos);
    }

    @Override
    public void segment(Segment s) {
      if (seen.size() == failAt) {
        throw new IllegalStateException("rule failed at entry " + failAt);
      }
      seen.add("s" + s.frame + ":" + s.seq);
    }

    @Override
    public void finish() {
      finished++;
    }
  }

  private Thread start(ShardWorker w) {
    Thread t = new Thread(w, "test-shard");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void everyEntryArrivesOnceInOrderAndFinishComesLast() throws Exception {
    Recorder r = new Recorder();
    ShardWorker w = new ShardWorker(r);
    Thread t = start(w);
    List<String> fed = new ArrayList<>();
    for (int i = 1; i <= ENTRIES; i++) {
      if (i % 7 == 0) {
        w.tick(i, 1_000L * i);
        fed.add("t" + i + "@" + 1_000L * i);
      } else {
        frame.number = i;
        w.segment(frame, packet);
        fed.add("s" + i + ":" + packet.seq());
      }
    }
    w.end();
    t.join(30_000);
    assertFalse(t.isAlive(), "worker still running");
    assertEquals(null, w.failure());
    assertEquals(fed, r.seen);
    assertEquals(1, r.finished);
  }

  @Test
  void endRightAfterAFullBatchStillEnds() throws Exception {
    Recorder r = new Recorder();
    ShardWorker w = new ShardWorker(r);
    Thread t = start(w);
    for (int i = 1; i <= ShardWorker.BATCH; i++) {
      frame.number = i;
      w.segment(frame, packet);
    }
    w.end();
    t.join(30_000);
    assertFalse(t.isAlive(), "worker still running");
    assertEquals(ShardWorker.BATCH, r.seen.size());
    assertEquals("s" + ShardWorker.BATCH + ":" + packet.seq(), r.seen.get(r.seen.size() - 1));
    assertEquals(1, r.finished);
  }

  @Test
  void aFailingWorkerDrainsTheRestAndReportsItsFailure() throws Exception {
    Recorder r = new Recorder();
    r.failAt = 1000;
    ShardWorker w = new ShardWorker(r);
    Thread t = start(w);
    for (int i = 1; i <= ENTRIES; i++) { // would block for ever if the batches were not returned
      frame.number = i;
      w.segment(frame, packet);
    }
    w.end();
    t.join(30_000);
    assertFalse(t.isAlive(), "worker still running");
    assertTrue(w.failure() instanceof IllegalStateException, String.valueOf(w.failure()));
    assertEquals("rule failed at entry 1000", w.failure().getMessage());
    assertEquals(1000, r.seen.size(), "nothing checked after the failure");
    assertEquals(0, r.finished, "a failed shard is not finished");
  }
}
