package org.tcplint.check;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import org.tcplint.capture.CaptureFormatException;
import org.tcplint.capture.CaptureReader;
import org.tcplint.capture.Chunker;
import org.tcplint.capture.DecompressionException;
import org.tcplint.capture.Frame;
import org.tcplint.decode.LinkType;
import org.tcplint.decode.Packet;
import org.tcplint.decode.PacketDecoder;
import org.tcplint.flow.FlowKey;
import org.tcplint.flow.Segment;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleContext;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.Settings;
import org.tcplint.rules.Severity;

/**
 * One capture's check in progress: the conversations split by 4-tuple hash over a fixed number of
 * <em>partitions</em> (a {@link Shard} each: flow table, rules, results), fed in capture order.
 *
 * <p>Read on one thread ({@link #stream}), each frame is decoded and its segment checked at once by
 * its partition. Read on several ({@link #parallel}), the file is cut into chunks of whole records
 * ({@link Chunker}: by one pass over the record lengths, or, in a plain file, as windows that the
 * threads decoding them read and cut); pool threads read and decode chunks in any order; each chunk
 * is then <em>committed</em> in file order (a few additions: its first frame number and TCP index,
 * its file-level findings), and every partition checks its segments of that chunk, one chunk after
 * another, on whatever pool thread is free. Partitions never share a conversation, so they need no
 * lock; each sees its segments in capture order.
 *
 * <p>The number of partitions depends only on the settings, never on the threads, and the points
 * where partitions free closed and idle conversations are fixed TCP segment indexes: the report is
 * the same byte for byte for any number of threads, also when a flow table or the findings cap
 * fills. Memory is bounded by the chunks in flight ({@code 2 × threads + 2} of {@link
 * Chunker#CHUNK} bytes and their decoded segments), the flow tables' caps and the spill limits.
 */
final class FileCheck {
  /** The most partitions a capture is split into. */
  static final int MAX_PARTITIONS = 32;

  /** Conversations per partition at least, before a capture is split further. */
  static final int CONVERSATIONS_PER_PARTITION = 1024;

  /** TCP segments between two points where every partition frees conversations. */
  static final int TICK = 1024;

  /**
   * Whether the serial work of checks is timed ({@link Checker#timeSerialWork}, for {@code
   * bench.SerialFraction}): when not, {@link #cpuNanos()} reads no clock and the VM's management
   * beans are not loaded.
   */
  static volatile boolean timed;

  /** This thread's CPU time in nanoseconds, when {@link #timed}; else 0. */
  static long cpuNanos() {
    return timed
        ? java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
        : 0;
  }

  /**
   * CPU time, over all checks of this process, of the work of a parallel check that one thread at a
   * time can do: reading the bytes (and decompressing them) with the chunker's pass over the record
   * lengths, committing chunks in file order, and numbering the streams. For the serial fraction of
   * {@code bench/run.sh} ({@link Checker#serialCpuNanos()}).
   */
  static final java.util.concurrent.atomic.LongAdder SERIAL_NANOS =
      new java.util.concurrent.atomic.LongAdder();

  /** The reading thread's part of {@link #SERIAL_NANOS}. */
  static final java.util.concurrent.atomic.LongAdder READ_NANOS =
      new java.util.concurrent.atomic.LongAdder();

  private final RuleLevels levels;
  private final Settings settings;
  final Shard[] parts;

  /** The temporary file of the partitions' spilled results and stream numbers. */
  final RunStore store;

  private final FindingsCap[] caps;
  private final FindingsCap fileCap;
  final SpillList<Finding> fileFindings;
  final RuleContext ctx;
  private final long[] seen;

  /**
   * The capture time of every freeing point (TCP segment {@code t × TICK}, at index {@code t - 1}),
   * for the partitions that have not passed it yet: a partition without segments for a while needs
   * every one since its last. Beyond a few blocks they go to the temporary file.
   */
  private final LongBlocks tickTimes;

  private final int spillAfter;
  private final boolean verifyChecksums;
  private final Set<Integer> unsupported = new HashSet<>();

  long packets;
  long tcpIndex;
  long bytes;
  String firstTime;
  String error;
  boolean stopped;

  /**
   * The number of partitions of a capture big enough to be read in chunks, for these settings (a
   * smaller one has one partition, whatever the threads).
   */
  static int partitions(Settings settings) {
    return Math.max(
        1, Math.min(MAX_PARTITIONS, settings.maxConversations() / CONVERSATIONS_PER_PARTITION));
  }

  /** A check split into {@code n} partitions (1 for a file too small to be read in chunks). */
  FileCheck(
      RuleLevels levels,
      Settings settings,
      int spillAfter,
      Checker.SegmentObserver observer,
      int n) {
    this.levels = levels;
    this.settings = settings;
    this.spillAfter = spillAfter;
    parts = new Shard[n];
    caps = new FindingsCap[n];
    seen = new long[n];
    // Each partition holds an eighth of the limit before it writes a run, and all partitions'
    // runs go to one file (RunStore): a file per run cost more than writing the run.
    int partSpill = n == 1 ? spillAfter : Math.max(1, spillAfter / 8);
    store = new RunStore();
    tickTimes = new LongBlocks(store);
    int max = settings.maxConversations();
    for (int i = 0; i < n; i++) {
      caps[i] = new FindingsCap(settings.maxFindingsPerFile());
      // The cap divided evenly: the first (max % n) partitions hold one more.
      int share = max / n + (i < max % n ? 1 : 0);
      parts[i] = new Shard(levels, settings, Math.max(1, share), partSpill, n > 1, caps[i]);
      parts[i].observer = observer;
      parts[i].findings.store(store);
      parts[i].conversations.store(store);
      if (n > 1) {
        parts[i].streamsIn(store);
      }
    }
    fileFindings = Codecs.findings(spillAfter).store(store);
    fileCap = new FindingsCap(settings.maxFindingsPerFile());
    ctx = new RuleContext(levels, settings, fileCap.guard(fileFindings::add));
    verifyChecksums =
        levels.level("pkt.bad-checksum") != Severity.OFF
            || levels.level("capture.checksum-offload") != Severity.OFF;
  }

  PacketDecoder decoder() {
    return new PacketDecoder().verifyChecksums(verifyChecksums);
  }

  int partOf(Packet p, long[] scratch) {
    int n = parts.length;
    if (n == 1) {
      return 0;
    }
    return part(FlowKey.symmetricHash(p, scratch), n);
  }

  /**
   * The partition of a 4-tuple's hash among {@code n}: the hash's unsigned remainder; for a power
   * of two (the 32 partitions of a check with the default settings) its low bits, without a 64-bit
   * division per segment.
   */
  static int part(long hash, int n) {
    return (n & (n - 1)) == 0 ? (int) (hash & (n - 1)) : (int) Long.remainderUnsigned(hash, n);
  }

  static long timeNanos(Frame f) {
    return f.hasTimestamp ? f.tsSeconds * 1_000_000_000L + f.tsNanos : 0;
  }

  // ---------------------------------------------------------------- partitions

  /**
   * Checks segment {@code s}, TCP segment {@code index} of the capture, in partition {@code k},
   * after the points where conversations are freed that came before it.
   */
  void check(int k, Segment s, long index) {
    catchUp(k, index, s.frame);
    parts[k].segment(s);
  }

  /**
   * Gives partition {@code k} the freeing points up to TCP segment {@code index}, that of frame
   * {@code frame} (0: the end of the capture).
   */
  private void catchUp(int k, long index, long frame) {
    long from = seen[k] / TICK + 1;
    long to = index / TICK;
    for (long t = from; t <= to; t++) {
      parts[k].tick(t * TICK, tickTime(t), frame);
    }
    seen[k] = index;
  }

  long tickTime(long t) {
    synchronized (tickTimes) {
      return tickTimes.get(t - 1);
    }
  }

  void addTick(long time) {
    synchronized (tickTimes) {
      tickTimes.add(time);
    }
  }

  /** Frees what is left in every partition (end of capture), on {@code pool} when there is one. */
  void finish(Executor pool) {
    try {
      finishParts(pool);
    } finally {
      synchronized (tickTimes) {
        tickTimes.close(); // every partition has passed every freeing point
      }
    }
  }

  private void finishParts(Executor pool) {
    if (pool == null || parts.length == 1) {
      for (int k = 0; k < parts.length; k++) {
        catchUp(k, tcpIndex, 0);
        parts[k].finish();
      }
      return;
    }
    CountDownLatch done = new CountDownLatch(parts.length);
    Throwable[] failed = new Throwable[1];
    WorkList work = new WorkList(pool);
    for (int k = 0; k < parts.length; k++) {
      int part = k;
      work.execute(
          () -> {
            try {
              catchUp(part, tcpIndex, 0);
              parts[part].finish();
            } catch (Throwable t) {
              synchronized (failed) {
                failed[0] = t;
              }
            } finally {
              done.countDown();
            }
          });
    }
    work.await(done);
    rethrow(failed[0]);
  }

  // ---------------------------------------------------------------- one thread

  /**
   * Reads and checks the records of {@code r}, whose frame numbers continue after {@link #packets},
   * on the calling thread; a broken record ends reading with its finding.
   */
  void stream(CaptureReader r, LongConsumer progress) throws IOException {
    Frame f = new Frame();
    Packet p = new Packet();
    Segment single = new Segment();
    long[] scratch = new long[4];
    PacketDecoder decoder = decoder();
    long base = packets;
    long reported = r.position();
    try {
      while (r.next(f)) {
        f.number += base;
        packets++;
        if (f.number == 1) {
          firstTime = Checker.fingerprint(f);
        }
        if ((packets & 4095) == 0) {
          long pos = r.position();
          progress.accept(pos - reported);
          reported = pos;
        }
        decoder.decode(f, p);
        if (isTcp(p)) {
          long index = ++tcpIndex;
          if (index % TICK == 0) {
            addTick(timeNanos(f));
          }
          single.fill(f, p);
          check(partOf(p, scratch), single, index);
        } else if (p.status() != Packet.Status.NOT_TCP) {
          Event e = event(f, p);
          if (e != null) {
            report(e, f.number);
          }
        }
      }
    } catch (CaptureFormatException e) {
      readingEnded(e);
    } catch (DecompressionException e) {
      readingEnded(e);
    } finally {
      bytes = r.position();
      progress.accept(bytes - reported);
    }
  }

  static boolean isTcp(Packet p) {
    return switch (p.status()) {
      case TCP -> true;
      case MALFORMED -> p.tcpBadHeader(); // pkt.bad-data-offset, by its conversation
      default -> false;
    };
  }

  /** What a non-TCP frame says about the file, or null; its frame number is filled in later. */
  record Event(String rule, String message, long offset, int linkType) {}

  static Event event(Frame f, Packet p) {
    return switch (p.status()) {
      case MALFORMED ->
          new Event(
              "decode.malformed",
              p.problem() + " (byte " + (p.problemOffset() - f.offset) + " of the frame)",
              f.fileOffset,
              -1);
      case TCP_HEADER_CUT ->
          new Event(
              "capture.snaplen",
              "TCP header cut by the snaplen (" + f.capLen + " bytes captured)",
              f.fileOffset,
              -1);
      case UNSUPPORTED_LINK ->
          new Event(
              "capture.unsupported-link",
              "link type " + LinkType.name(f.linkType) + " is not decoded; its packets are skipped",
              f.fileOffset,
              f.linkType);
      default -> null;
    };
  }

  /** Reports {@code e} of frame {@code number}; an unsupported link type only the first time. */
  void report(Event e, long number) {
    if (e.linkType() >= 0 && !unsupported.add(e.linkType())) {
      return;
    }
    ctx.reportFile(e.rule(), -1, number, e.message(), e.offset());
  }

  /** The file structure is broken after the frames read so far. */
  void readingEnded(CaptureFormatException e) {
    error = e.getMessage();
    ctx.reportFile(
        e.truncated() ? "capture.truncated" : "capture.malformed",
        -1,
        packets + 1,
        e.reason(),
        e.offset());
  }

  /** Decompression failed after the frames read so far. */
  void readingEnded(DecompressionException e) {
    error = e.getMessage();
    ctx.reportFile(
        "capture.malformed",
        -1,
        packets + 1,
        e.compression()
            + (e.limit() ? ": " : " data damaged: ")
            + e.reason()
            + (packets > 0 ? "; last good frame " + packets : "; no frame could be read")
            + " (offset in the compressed file)",
        e.compressedOffset());
  }

  // ---------------------------------------------------------------- several threads

  /**
   * Reads {@code chunker}'s chunks on this thread and checks them on {@code pool}'s {@code threads}
   * threads ({@link ChunkedCheck}).
   */
  void parallel(Chunker chunker, Executor pool, int threads) throws IOException {
    new ChunkedCheck(this, pool, threads).run(chunker);
  }

  static void rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
  }

  // ---------------------------------------------------------------- results

  /**
   * What the flow tables' caps cost a check: segments not analysed (and the first frame), state
   * freed early (and the first frame after it was).
   */
  record Untracked(
      long segments, long syns, long firstUntracked, long early, long forgotten, long firstFreed) {}

  /**
   * Segments (and SYNs) of conversations the full flow tables did not take, closed conversations
   * they freed before their linger time to make room, records of retired conversations they forgot
   * before the idle timeout, and the first frames (0 when none is known).
   */
  Untracked untracked() {
    long segments = 0;
    long syns = 0;
    long firstUntracked = Long.MAX_VALUE;
    long early = 0;
    long forgotten = 0;
    long firstFreed = Long.MAX_VALUE;
    for (Shard part : parts) {
      org.tcplint.flow.FlowTable t = part.table;
      segments += t.untrackedSegments();
      syns += t.untrackedSyns();
      if (t.untrackedSegments() > 0) {
        firstUntracked = Math.min(firstUntracked, t.firstUntrackedFrame());
      }
      early += t.earlyRetired();
      forgotten += t.forgotten();
      if (t.earlyRetired() > 0) {
        firstFreed = Math.min(firstFreed, t.firstEarlyFrame());
      }
      if (t.forgotten() > 0 && t.firstForgetFrame() > 0) {
        firstFreed = Math.min(firstFreed, t.firstForgetFrame());
      }
    }
    return new Untracked(
        segments,
        syns,
        firstUntracked == Long.MAX_VALUE ? 0 : firstUntracked,
        early,
        forgotten,
        firstFreed == Long.MAX_VALUE ? 0 : firstFreed);
  }

  long tcp() {
    long n = 0;
    for (Shard part : parts) {
      n += part.tcp;
    }
    return n;
  }

  /** Makes and keeps each conversation's summary, or only counts the conversations. */
  void summaries(boolean keep) {
    for (Shard part : parts) {
      part.summaries = keep;
    }
  }

  /** The conversations the partitions retired (a stream split over several counted once). */
  long counted() {
    long n = 0;
    for (Shard part : parts) {
      n += part.counted;
    }
    return n;
  }

  /** The partitions' conversations, renumbered in Wireshark's order. */
  List<ConversationSummary> conversations(Renumbering streams) {
    return streams.conversations();
  }

  /**
   * The file's and the partitions' findings by frame, the first {@code maxFindingsPerFile} of them
   * kept (and those a file has at most once), with one {@code capture.findings-capped} finding that
   * counts the rest by severity. Merged as they are read, unless the cap drops some.
   */
  List<Finding> findings(Renumbering streams) {
    long max = settings.maxFindingsPerFile();
    long[] dropped = new long[Severity.values().length];
    for (FindingsCap c : caps) {
      c.addDropped(dropped);
    }
    fileCap.addDropped(dropped);
    MergedList<Finding> merged = streams.findings(fileFindings);
    List<Finding> kept = merged;
    if (merged.size() > max) {
      SpillList<Finding> some = merged.empty();
      long n = 0;
      for (Finding f : merged) {
        if (FindingsCap.always(f.rule())) {
          some.add(f);
        } else if (n < max) {
          n++;
          some.add(f);
        } else {
          dropped[f.severity().ordinal()]++;
        }
      }
      merged.close();
      kept = some;
    }
    long all = 0;
    for (long d : dropped) {
      all += d;
    }
    if (all > 0 && levels.level(FindingsCap.RULE) != Severity.OFF) {
      Finding summary =
          new Finding(
              FindingsCap.RULE,
              levels.level(FindingsCap.RULE),
              -1,
              0,
              null,
              FindingsCap.message(max, dropped),
              null,
              null,
              null,
              null,
              null,
              null);
      if (kept instanceof SpillList<Finding> some) {
        some.add(summary);
      } else {
        fileFindings.add(summary); // frame 0: read back first
        kept = streams.findings(fileFindings);
      }
    }
    return kept;
  }
}
