package org.tcplint.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tcplint.capture.CaptureFormatException;
import org.tcplint.capture.Captures;
import org.tcplint.capture.DecompressionException;
import org.tcplint.capture.Frame;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;
import org.tcplint.flow.Services;
import org.tcplint.flow.Tracker;
import org.tcplint.rules.CloseRules;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.Settings;

/**
 * Checks one capture: bytes → frames → decoded packets → conversation facts → rules → findings. A
 * broken file structure ends reading with a {@code capture.*} finding; everything read before it is
 * still checked and reported.
 */
public final class Checker {
  /** Conversation summaries and findings of a capture held in memory before they spill. */
  static final int SPILL_AFTER = 1 << 14;

  private final RuleLevels levels;
  private final Settings settings;
  private int spillAfter = SPILL_AFTER;
  private long expansionFloor = Settings.EXPANSION_FLOOR;

  public Checker(RuleLevels levels) {
    this(levels, Settings.DEFAULTS);
  }

  public Checker(RuleLevels levels, Settings settings) {
    this.levels = levels;
    this.settings = settings;
  }

  /** How the messages of the full flow tables' findings begin. */
  private String tableFull() {
    return "the conversation table was full ("
        + settings.maxConversations()
        + " conversations held at once): ";
  }

  /** The message of {@code capture.state-freed}: the state the full flow tables freed early. */
  private String stateFreed(FileCheck.Untracked u) {
    List<String> freed = new ArrayList<>();
    if (u.early() > 0) {
      freed.add(
          u.early() + " closed conversations were freed before their linger time to make room");
    }
    if (u.forgotten() > 0) {
      freed.add(
          u.forgotten()
              + " records of closed conversations (four per conversation held at most) were"
              + " forgotten before the idle timeout, the oldest first");
    }
    return tableFull()
        + String.join(", and ", freed)
        + "; a later segment on their 4-tuples starts a new stream; raise"
        + " defaults.maxConversations to keep them";
  }

  /**
   * Holds at most {@code n} conversation summaries and {@code n} findings of a capture in memory;
   * more go to temporary files and are merged back when the report is written.
   */
  Checker spillAfter(int n) {
    this.spillAfter = n;
    return this;
  }

  /**
   * Applies the expansion limit of compressed captures once {@code bytes} were decompressed (tests
   * lower it from {@link Settings#EXPANSION_FLOOR}).
   */
  Checker expansionFloor(long bytes) {
    this.expansionFloor = bytes;
    return this;
  }

  private Captures.Opened open(Path path) throws IOException, CaptureFormatException {
    return Captures.open(path, settings.maxExpansion(), expansionFloor);
  }

  /**
   * Told the data-phase class ({@link org.tcplint.flow.DataPhase}) of every TCP segment as it is
   * checked, and whether it was skipped as a capture duplicate; called on the shards' threads.
   */
  public interface SegmentObserver {
    void segment(long frame, int stream, int side, int flags, int cls, boolean duplicate);
  }

  private SegmentObserver observer;

  /** Tells {@code o} every segment's class (for the Wireshark agreement measurement). */
  public Checker observe(SegmentObserver o) {
    this.observer = o;
    return this;
  }

  private int threads = 1;
  private java.util.concurrent.Executor pool;
  private boolean summaries = true;

  /**
   * Whether results hold each conversation's summary (the default), or only their number ({@link
   * FileResult#conversationCount}): for reports that print the count alone, which then need neither
   * the summaries nor their histories.
   */
  public Checker summaries(boolean keep) {
    this.summaries = keep;
    return this;
  }

  /**
   * Checks a big capture with {@code n} threads of {@code pool} (null: a pool of the checker's own,
   * started when first needed); 1: on the calling thread only. The result is the same for any
   * number.
   */
  public Checker threads(int n, java.util.concurrent.Executor pool) {
    this.threads = Math.max(1, n);
    this.pool = pool;
    return this;
  }

  /** The threads a big capture is checked with. */
  public int threads() {
    return threads;
  }

  private synchronized java.util.concurrent.Executor pool() {
    if (pool == null) {
      pool = Pools.daemon(threads);
    }
    return pool;
  }

  /**
   * Times the serial work of checks from now on (on) or no longer (off, the default: no clock is
   * read). For {@link #serialCpuNanos()}, {@link #readCpuNanos()} and {@link
   * #mergeHelpedCpuNanos()}, which stay as they are while it is off.
   */
  public static void timeSerialWork(boolean on) {
    FileCheck.timed = on;
  }

  /**
   * CPU time, over all checks of this process so far, of the work a check on several threads does
   * on one thread at a time: reading (and decompressing) the bytes with the pass that cuts them
   * into chunks, and committing the chunks in file order. With the final merge (the pass that
   * writes the report), the serial part of a check (Amdahl's law).
   */
  public static long serialCpuNanos() {
    return FileCheck.SERIAL_NANOS.sum();
  }

  /**
   * CPU time, over all checks of this process so far, that threads merging a big file's results
   * spent reading blocks of them that no pool thread had started: the pool's work, not the merge's.
   */
  public static long mergeHelpedCpuNanos() {
    return ReadAhead.HELPED_NANOS.sum();
  }

  /** The part of {@link #serialCpuNanos()} spent reading the bytes and cutting them into chunks. */
  public static long readCpuNanos() {
    return FileCheck.READ_NANOS.sum();
  }

  /** Checks a capture file ({@code -} is standard input). */
  public FileResult check(Path path, String displayName) {
    return check(path, displayName, n -> {});
  }

  /** As {@link #check(Path, String)}, telling {@code progress} about bytes read as it goes. */
  public FileResult check(Path path, String displayName, java.util.function.LongConsumer progress) {
    return check(
        new Source() {
          @Override
          public Captures.Opened open() throws IOException, CaptureFormatException {
            return Checker.this.open(path);
          }

          @Override
          public long size() {
            if (path.toString().equals("-")) {
              return -1;
            }
            try {
              return java.nio.file.Files.size(path);
            } catch (IOException e) {
              return 0; // reported by open()
            }
          }

          @Override
          public Captures.Chunked chunked(java.util.function.LongConsumer onRead)
              throws IOException, CaptureFormatException {
            return Captures.openChunked(path, settings.maxExpansion(), expansionFloor, onRead);
          }
        },
        displayName,
        progress);
  }

  /** Files smaller than this are read on one thread: they are over before others could help. */
  private long splitMinBytes = 2L * org.tcplint.capture.Chunker.CHUNK;

  private int chunkBytes = org.tcplint.capture.Chunker.CHUNK;

  /**
   * Splits files (and captures in memory) of {@code min} bytes and more into chunks of about {@code
   * chunk} bytes when checking on several threads (by default 4 MiB and 2 MiB); tests use tiny
   * chunks to put many boundaries in small captures.
   */
  public Checker splitting(long min, int chunk) {
    this.splitMinBytes = min;
    this.chunkBytes = chunk;
    return this;
  }

  /** Checks a capture held in memory. */
  public FileResult check(byte[] capture, String displayName) {
    return check(
        new Source() {
          @Override
          public Captures.Opened open() throws IOException, CaptureFormatException {
            return Captures.open(
                new java.io.ByteArrayInputStream(capture), settings.maxExpansion(), expansionFloor);
          }

          @Override
          public long size() {
            return capture.length;
          }

          @Override
          public Captures.Chunked chunked(java.util.function.LongConsumer onRead)
              throws IOException, CaptureFormatException {
            return Captures.openChunked(
                new java.io.ByteArrayInputStream(capture),
                settings.maxExpansion(),
                expansionFloor,
                onRead);
          }
        },
        displayName);
  }

  /** Checks a capture read from {@code in} to its end (plain or compressed); closes it. */
  public FileResult check(java.io.InputStream in, String displayName) {
    return check(
        new Source() {
          @Override
          public Captures.Opened open() throws IOException, CaptureFormatException {
            return Captures.open(in, settings.maxExpansion(), expansionFloor);
          }

          @Override
          public Captures.Chunked chunked(java.util.function.LongConsumer onRead)
              throws IOException, CaptureFormatException {
            return Captures.openChunked(in, settings.maxExpansion(), expansionFloor, onRead);
          }
        },
        displayName);
  }

  /** Opens the capture to check. */
  @FunctionalInterface
  interface Source {
    Captures.Opened open() throws IOException, CaptureFormatException;

    /** The capture's length in bytes (as stored: compressed or not), or -1 when not known. */
    default long size() {
      return -1;
    }

    /** The capture opened to be read in chunks, or null to read it on one thread. */
    default Captures.Chunked chunked(java.util.function.LongConsumer onRead)
        throws IOException, CaptureFormatException {
      return null;
    }
  }

  FileResult check(Source source, String displayName) {
    return check(source, displayName, n -> {});
  }

  /**
   * Checks one capture ({@link FileCheck}): on the calling thread, or, for a big one with more than
   * one thread, cut into chunks read, decoded and checked on the pool.
   */
  FileResult check(Source source, String displayName, java.util.function.LongConsumer progress) {
    // A capture too small to be read in chunks has one partition, whatever the threads: a split
    // would only cost the setting up of 32 flow tables for a few conversations.
    long size = source.size();
    boolean big = size < 0 || size >= splitMinBytes;
    FileCheck fc =
        new FileCheck(
            levels, settings, spillAfter, observer, big ? FileCheck.partitions(settings) : 1);
    fc.summaries(summaries);
    String format = null;
    String compression = null;
    try {
      Captures.Chunked chunked = threads > 1 && big ? source.chunked(progress) : null;
      if (chunked != null) {
        try (chunked) {
          format = chunked.format();
          compression = chunked.compression().label();
          fc.parallel(chunked.chunker().chunkSize(chunkBytes), pool(), threads);
        }
      } else {
        try (Captures.Opened o = source.open()) {
          format = o.format();
          compression = o.compression().label();
          fc.stream(o.reader(), progress);
        }
      }
    } catch (CaptureFormatException e) {
      fc.error = e.getMessage();
      fc.ctx.reportFile(
          e.truncated() ? "capture.truncated" : "capture.malformed", -1, 0, e.reason(), e.offset());
    } catch (DecompressionException e) {
      fc.error = e.getMessage();
      fc.ctx.reportFile(
          "capture.malformed",
          -1,
          0,
          e.compression()
              + (e.limit() ? ": " : " data damaged: ")
              + e.reason()
              + " (offset in the compressed file)",
          e.compressedOffset());
    } catch (IOException e) {
      String why = org.tcplint.capture.FileNames.reason(e, "no such file");
      fc.error = "cannot read: " + why;
      fc.ctx.reportFile("capture.malformed", -1, 0, "cannot read the file: " + why, 0L);
    }
    fc.finish(threads > 1 ? pool() : null);
    FileCheck.Untracked u = fc.untracked();
    if (u.segments() > 0) {
      fc.ctx.reportFile(
          "capture.flow-table-full",
          -1,
          u.firstUntracked(),
          tableFull()
              + u.segments()
              + " segments ("
              + u.syns()
              + " SYNs) of further conversations were counted but not analysed; raise"
              + " defaults.maxConversations to analyse them",
          null);
    }
    if (u.early() > 0 || u.forgotten() > 0) {
      fc.ctx.reportFile("capture.state-freed", -1, u.firstFreed(), stateFreed(u), null);
    }
    long r0 = FileCheck.cpuNanos();
    Renumbering streams = new Renumbering(fc.parts, threads > 1 ? pool() : null, fc.store);
    if (fc.parts.length > 1) {
      FileCheck.SERIAL_NANOS.add(FileCheck.cpuNanos() - r0); // one thread's work
    }
    List<ConversationSummary> conversations = fc.conversations(streams);
    List<Finding> findings = fc.findings(streams);
    return new FileResult(
        displayName,
        format,
        compression,
        fc.packets,
        fc.tcp(),
        fc.bytes,
        conversations,
        summaries ? conversations.size() : fc.counted(),
        findings,
        fc.error,
        fc.firstTime);
  }

  /**
   * Frame 1's fingerprint for the lua-bridge: {@code time/capLen/sum}, the sum of its bytes modulo
   * 1,000,000,007 (cheap to recompute in plain Lua).
   */
  static String fingerprint(Frame f) {
    long sum = 0;
    for (int i = 0; i < f.capLen; i++) {
      sum = (sum + (f.data[f.offset + i] & 0xFF)) % 1_000_000_007L;
    }
    String time = f.hasTimestamp ? f.tsSeconds + "." + String.format("%09d", f.tsNanos) : "-";
    return time + "/" + f.capLen + "/" + sum;
  }

  /**
   * The same packet captured twice (e.g. on two interfaces): identical TCP header fields and
   * checksum as the previous segment of the conversation, and another interface, or the same IP id
   * less than a millisecond later.
   */
  static boolean duplicate(Conversation c, Segment s) {
    if (!c.lastValid || c.lastSide != s.side) {
      return false;
    }
    boolean same =
        c.lastSeq == s.seq
            && c.lastAckNum == s.ack
            && c.lastFlags == s.flags
            && c.lastLen == s.len
            && c.lastWindow == s.window
            && c.lastChecksum == s.checksum;
    if (!same) {
      return false;
    }
    if (c.lastInterface != s.interfaceId) {
      return true;
    }
    // Same interface: a copy made by the capture (SPAN, bridge) has the same IP header (the same
    // IPv4 id, whatever its value) and arrives within a millisecond; a retransmission comes an RTT
    // or an RTO later (rules.md clarification 15).
    long dt = s.timeNanos() - c.lastTime;
    return c.lastIpVersion == s.ipVersion && c.lastIpId == s.ipId && dt >= 0 && dt < 1_000_000L;
  }

  /** A stream's summary extended by the late segments of its continuation. */
  static ConversationSummary merge(ConversationSummary a, ConversationSummary late) {
    return new ConversationSummary(
        a.stream(),
        a.client(),
        a.server(),
        a.service(),
        a.firstFrame(),
        late.lastFrame(),
        a.packets() + late.packets(),
        a.bytes() + late.bytes(),
        a.open(),
        a.close(),
        a.completeness() | late.completeness(),
        a.connState(),
        a.history(),
        a.windowScale(),
        a.firstTimeNanos(),
        late.lastTimeNanos(),
        a.stats().plus(late.stats(), a.client().equals(late.client())));
  }

  static ConversationSummary summary(Conversation c, String history) {
    int cs = c.clientSide < 0 ? 0 : c.clientSide;
    String client = c.clientText();
    String server = c.serverText();
    String service = Services.name(c.key().port(1 - cs));
    Endpoint ce = c.endpoint(cs);
    Endpoint se = c.endpoint(1 - cs);
    Object windowScale;
    boolean bothSyn = (ce.synSent || ce.synAckSent) && (se.synSent || se.synAckSent);
    if (!bothSyn) {
      windowScale = "unknown";
    } else if (ce.synWscale < 0 || se.synWscale < 0) {
      windowScale = "none";
    } else {
      windowScale = ConversationSummary.Scales.of(ce.synWscale, se.synWscale);
    }
    return new ConversationSummary(
        c.stream(),
        client,
        server,
        service,
        c.firstFrame(),
        c.lastFrame(),
        c.packets(),
        ce.bytes + se.bytes,
        CloseRules.openShape(c),
        CloseRules.closeShape(c),
        c.completeness(),
        ZeekState.connState(c, history),
        history,
        windowScale,
        c.firstTime,
        c.lastTime,
        new ConversationSummary.Stats(
            direction(c, cs), direction(c, 1 - cs), Math.max(0, c.irttNanos)));
  }

  /** The statistics of what {@code side} sent. */
  static ConversationSummary.Direction direction(Conversation c, int side) {
    Endpoint e = c.endpoint(side);
    return new ConversationSummary.Direction(
        e.packets,
        e.bytes,
        e.retransmissions,
        e.holeRetransmissions,
        e.fastRetransmissions,
        e.spuriousRetransmissions,
        e.outOfOrder,
        e.dupAcksSent,
        e.gaps,
        e.duplicates,
        e.windowMax,
        e.windowMin,
        Tracker.scale(c, side));
  }
}
