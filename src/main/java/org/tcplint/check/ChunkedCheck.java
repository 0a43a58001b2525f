package org.tcplint.check;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.tcplint.capture.CaptureFormatException;
import org.tcplint.capture.CaptureReader;
import org.tcplint.capture.Chunker;
import org.tcplint.capture.Frame;
import org.tcplint.decode.Packet;
import org.tcplint.decode.PacketDecoder;
import org.tcplint.flow.Segment;

/**
 * A {@link FileCheck} read on several threads: the calling thread cuts the file into chunks ({@link
 * Chunker}), or hands out windows of a plain file that the pool threads read and cut themselves;
 * pool threads decode the chunks into per-partition lists of segments in any order; each chunk is
 * committed in file order (a window's guessed first record checked against the end of the chunk
 * before, and read again when wrong; frame and TCP index bases, file-level findings, freeing
 * points), then each partition's {@link Runner} checks its segments of one chunk after another on
 * whatever pool thread is free. At most {@code 2 × threads + 2} chunks are in flight.
 */
final class ChunkedCheck {

  private final FileCheck owner;

  ChunkedCheck(FileCheck owner, Executor pool, int threads) {
    this.owner = owner;
    this.work = new WorkList(pool);
    this.slots = 2 * threads + 2;
    // Partitions are checked in groups, a task per group and chunk: with few threads, a chunk
    // costs a few hand-offs rather than one per partition (a SYN flood's short chunks spent more
    // time handing 32 tasks each to the pool than checking them).
    runners = new Runner[Math.min(owner.parts.length, 4 * threads)];
    for (int g = 0; g < runners.length; g++) {
      runners[g] = new Runner(g);
    }
    free = new ArrayBlockingQueue<>(slots);
    for (int i = 0; i < slots; i++) {
      free.add(new Slot());
    }
  }

  /** A chunk in flight: its bytes, then its decoded segments by partition, until checked. */
  private final class Slot {
    final Chunker.Chunk chunk = new Chunker.Chunk();
    final Frame frame = new Frame();
    final Packet packet = new Packet();
    final long[] scratch = new long[4];
    int seq;
    final Segment filled = new Segment();
    long[] times = new long[0];
    int tcp;

    /**
     * Each partition's segments of the chunk, one after another ({@link Segment#pack}), each after
     * its TCP index in the chunk: a partition reads its own in one forward pass.
     */
    long[][] byPart = new long[owner.parts.length][];

    int[] partLen = new int[owner.parts.length];
    final List<FileCheck.Event> events = new ArrayList<>();
    final List<Long> eventFrames = new ArrayList<>();
    long frames;
    long end;
    String first;
    CaptureFormatException error;
    long frameBase;
    long tcpBase;
    final AtomicInteger pending = new AtomicInteger();

    void decode(PacketDecoder decoder) throws IOException {
      Frame f = frame;
      Packet p = packet;
      CaptureReader r = null;
      end = chunk.start();
      try {
        r = chunk.reader();
        while (r.next(f)) {
          frames++;
          if (seq == 0 && f.number == 1) {
            first = Checker.fingerprint(f);
          }
          decoder.decode(f, p);
          if (FileCheck.isTcp(p)) {
            add(f, p);
          } else if (p.status() != Packet.Status.NOT_TCP) {
            FileCheck.Event e = FileCheck.event(f, p);
            if (e != null && (e.linkType() < 0 || !linkSeen(e.linkType()))) {
              events.add(e);
              eventFrames.add(f.number);
            }
          }
        }
      } catch (CaptureFormatException e) {
        error = e;
      } finally {
        if (r != null) {
          end = r.position();
          r.close();
        }
      }
    }

    private void add(Frame f, Packet p) {
      if (tcp == times.length) {
        times = Arrays.copyOf(times, Math.max(1024, tcp * 2));
      }
      filled.fill(f, p);
      times[tcp] = FileCheck.timeNanos(f);
      int k = owner.partOf(p, scratch);
      long[] list = byPart[k];
      int at = partLen[k];
      if (list == null || at + 1 + Segment.PACKED_MAX > list.length) {
        int n = Math.max(1024, 2 * (at + 1 + Segment.PACKED_MAX));
        byPart[k] = list = list == null ? new long[n] : Arrays.copyOf(list, n);
      }
      list[at] = tcp++;
      partLen[k] = filled.pack(list, at + 1);
    }

    /** Whether an earlier frame of the chunk had this unsupported link type. */
    private boolean linkSeen(int linkType) {
      for (FileCheck.Event e : events) {
        if (e.linkType() == linkType) {
          return true;
        }
      }
      return false;
    }

    void reset() {
      tcp = 0;
      Arrays.fill(partLen, 0);
      events.clear();
      eventFrames.clear();
      frames = 0;
      first = null;
      error = null;
    }
  }

  private final BlockingQueue<Slot> free;
  private final WorkList work;
  private final int slots;
  private final TreeMap<Integer, Slot> decoded = new TreeMap<>();

  /** File offset where the records of the last committed chunk end. */
  private long chunkEnd;

  /** Whether a committed window stopped before its end: the chunker's pass goes on from there. */
  private boolean windowsStopped;

  /** Windows committed, over all checks (and ladder passes) of this process (for tests). */
  static final java.util.concurrent.atomic.LongAdder WINDOWS =
      new java.util.concurrent.atomic.LongAdder();

  /**
   * Windows whose first record was guessed wrong, over all checks (and ladder passes) of this
   * process (for tests).
   */
  static final java.util.concurrent.atomic.LongAdder WRONG_GUESSES =
      new java.util.concurrent.atomic.LongAdder();

  private int nextCommit;

  /** The chunker of the file being checked. */
  private Chunker chunker;

  private volatile Throwable failure;
  private final Runner[] runners;

  /**
   * A group of partitions' queue of committed chunks, drained by one pool thread at a time: each
   * partition sees its segments in file order. Group {@code g} holds partitions {@code g}, {@code g
   * + runners.length}, and so on.
   */
  private final class Runner implements Runnable {
    final int group;
    final java.util.ArrayDeque<Slot> queue = new java.util.ArrayDeque<>();
    boolean running;
    final Segment seg = new Segment();

    Runner(int group) {
      this.group = group;
    }

    /** Whether {@code s} has segments of a partition of this group. */
    boolean has(Slot s) {
      for (int part = group; part < owner.parts.length; part += runners.length) {
        if (s.partLen[part] > 0) {
          return true;
        }
      }
      return false;
    }

    void offer(Slot s) {
      synchronized (this) {
        queue.add(s);
        if (running) {
          return;
        }
        running = true;
      }
      work.execute(this);
    }

    @Override
    public void run() {
      while (true) {
        Slot s;
        synchronized (this) {
          s = queue.poll();
          if (s == null) {
            running = false;
            return;
          }
        }
        try {
          if (failure == null) {
            for (int part = group; part < owner.parts.length; part += runners.length) {
              long[] list = s.byPart[part];
              for (int i = 0, n = s.partLen[part]; i < n; ) {
                long at = list[i];
                i = seg.unpack(list, i + 1);
                seg.frame += s.frameBase;
                owner.check(part, seg, s.tcpBase + at + 1);
              }
            }
          }
        } catch (Throwable t) {
          failure = t;
        } finally {
          if (s.pending.decrementAndGet() == 0) {
            release(s);
          }
        }
      }
    }
  }

  private void release(Slot s) {
    s.reset();
    free.add(s);
  }

  /** A chunk was read and decoded: commits it and the ones after it that wait, in file order. */
  private void decodedChunk(Slot s) {
    long c0 = FileCheck.cpuNanos();
    decodedChunk0(s);
    FileCheck.SERIAL_NANOS.add(FileCheck.cpuNanos() - c0);
  }

  private void decodedChunk0(Slot s) {
    synchronized (decoded) {
      decoded.put(s.seq, s);
      while (!decoded.isEmpty() && decoded.firstKey() == nextCommit) {
        commit(decoded.pollFirstEntry().getValue());
        nextCommit++;
      }
    }
  }

  private void commit(Slot s) {
    if (owner.stopped || failure != null) {
      release(s); // after a broken record nothing more is read
      return;
    }
    Chunker.Chunk c = s.chunk;
    if (c.isWindow()) {
      WINDOWS.increment();
      if (windowsStopped) {
        release(s); // the chunker's pass cuts the rest again
        return;
      }
      if (!c.found() || c.start() != chunkEnd) {
        // A wrong guess at the window's first record: read it again from where the last ended.
        WRONG_GUESSES.increment();
        s.reset();
        c.fill(chunkEnd);
        try {
          s.decode(owner.decoder());
        } catch (Throwable t) {
          failure = t;
          release(s);
          return;
        }
      }
      if (c.stopped()) {
        windowsStopped = true;
      }
      chunker.recordsIn(c.end() - c.start(), s.frames); // sizes the windows still to hand out
    }
    chunkEnd = c.end();
    long frameBase = owner.packets;
    long tcpBase = owner.tcpIndex;
    for (int i = 0; i < s.events.size(); i++) {
      owner.report(s.events.get(i), frameBase + s.eventFrames.get(i));
    }
    for (long t = tcpBase / FileCheck.TICK + 1; t <= (tcpBase + s.tcp) / FileCheck.TICK; t++) {
      owner.addTick(s.times[(int) (t * FileCheck.TICK - tcpBase - 1)]);
    }
    owner.packets += s.frames;
    owner.tcpIndex += s.tcp;
    if (s.first != null) {
      owner.firstTime = s.first;
    }
    owner.bytes = s.end;
    if (s.error != null) {
      owner.stopped = true;
      owner.readingEnded(s.error);
    }
    s.frameBase = frameBase;
    s.tcpBase = tcpBase;
    int n = 0;
    for (Runner r : runners) {
      if (r.has(s)) {
        n++;
      }
    }
    if (n == 0) {
      release(s);
      return;
    }
    s.pending.set(n); // before any runner can count down
    for (Runner r : runners) {
      if (r.has(s)) {
        r.offer(s);
      }
    }
  }

  /**
   * Reads {@code chunker}'s chunks on this thread and checks them on the pool; a tail chunk (damage
   * ahead, or a stream that fails) is read on this thread once every chunk before it is checked.
   */
  void run(Chunker chunker) throws IOException {
    this.chunker = chunker;
    Slot tail = null;
    int seq = 0;
    long d0 = FileCheck.cpuNanos();
    while (true) {
      Slot s = take();
      boolean stop;
      boolean windowsEnded;
      synchronized (decoded) {
        stop = owner.stopped || failure != null;
        windowsEnded = windowsStopped;
      }
      if (stop) {
        free.add(s);
        break;
      }
      if (chunker.windows()) {
        if (windowsEnded || !chunker.window(s.chunk)) {
          // Every window committed, the chunker's pass goes on where their records ended.
          free.add(s);
          awaitIdle(0);
          synchronized (decoded) {
            stop = owner.stopped || failure != null;
          }
          if (stop) {
            break;
          }
          chunker.resume(chunkEnd);
          continue;
        }
      } else if (!chunker.next(s.chunk)) {
        free.add(s);
        break;
      }
      s.seq = seq++;
      if (s.chunk.tail()) {
        tail = s;
        break;
      }
      work.execute(
          () -> {
            try {
              if (s.chunk.isWindow()) {
                s.chunk.fill();
              }
              s.decode(owner.decoder());
            } catch (Throwable t) {
              failure = t;
            }
            decodedChunk(s);
          });
    }
    long read = FileCheck.cpuNanos() - d0 - work.helpedNanos;
    FileCheck.SERIAL_NANOS.add(read);
    FileCheck.READ_NANOS.add(read);
    // Every chunk before the tail checked: all slots back (the tail's is held here).
    awaitIdle(tail == null ? 0 : 1);
    FileCheck.rethrow(failure);
    if (tail != null && !owner.stopped) {
      try (CaptureReader r = tail.chunk.reader()) {
        owner.stream(r, n -> {});
      } catch (CaptureFormatException e) {
        owner.readingEnded(e);
      }
    }
  }

  /** Waits until every slot but the {@code held} ones is free: every chunk handed out checked. */
  private void awaitIdle(int held) {
    List<Slot> back = new ArrayList<>();
    for (int i = held; i < slots; i++) {
      back.add(take());
    }
    free.addAll(back);
  }

  private Slot take() {
    return work.take(free);
  }
}
