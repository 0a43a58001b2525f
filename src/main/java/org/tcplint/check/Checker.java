package org.tcplint.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tcplint.capture.CaptureFormatException;
import org.tcplint.capture.Captures;
import org.tcplint.capture.DecompressionException;
import org.tcplint.capture.Frame;
import org.tcplint.decode.LinkType;
import org.tcplint.decode.Packet;
import org.tcplint.decode.PacketDecoder;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.FlowKey;
import org.tcplint.flow.Segment;
import org.tcplint.flow.Services;
import org.tcplint.flow.Tracker;
import org.tcplint.rules.ChecksumRules;
import org.tcplint.rules.CloseRules;
import org.tcplint.rules.EcnRules;
import org.tcplint.rules.Finding;
import org.tcplint.rules.HandshakeRules;
import org.tcplint.rules.LifecycleRules;
import org.tcplint.rules.OptionRules;
import org.tcplint.rules.PacketRules;
import org.tcplint.rules.ResetRules;
import org.tcplint.rules.Rule;
import org.tcplint.rules.RuleContext;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.SackRules;
import org.tcplint.rules.SequenceRules;
import org.tcplint.rules.Settings;
import org.tcplint.rules.Severity;
import org.tcplint.rules.TimestampRules;
import org.tcplint.rules.WindowRules;

/**
 * Checks one capture: bytes → frames → decoded packets → conversation facts → rules → findings. A
 * broken file structure ends reading with a {@code capture.*} finding; everything read before it is
 * still checked and reported.
 */
public final class Checker {
  /** Conversation summaries and findings of a capture held in memory before they spill. */
  static final int SPILL_AFTER = 1 << 14;

  /** The most shards a capture is split over: twice the cores, at least 2. */
  static final int MAX_SHARDS = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

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

  /** Every rule family, in evaluation order. */
  static List<Rule> rules() {
    return List.of(
        new PacketRules(),
        new ChecksumRules(),
        new OptionRules(),
        new SackRules(),
        new LifecycleRules(),
        new HandshakeRules(),
        new TimestampRules(),
        new EcnRules(),
        new CloseRules(),
        new SequenceRules(),
        new WindowRules(),
        new ResetRules());
  }

  /** Checks a capture file ({@code -} is standard input). */
  public FileResult check(Path path, String displayName) {
    return check(() -> open(path), displayName);
  }

  /** As {@link #check(Path, String)}, telling {@code progress} about bytes read as it goes. */
  public FileResult check(Path path, String displayName, java.util.function.LongConsumer progress) {
    return check(() -> open(path), displayName, progress);
  }

  /**
   * As {@link #check(Path, String, java.util.function.LongConsumer)}, with the conversations split
   * over {@code shards} threads (1: all on the calling thread); the result is the same.
   */
  public FileResult check(
      Path path, String displayName, java.util.function.LongConsumer progress, int shards) {
    return check(() -> open(path), displayName, progress, shards);
  }

  /** Checks a capture held in memory. */
  public FileResult check(byte[] capture, String displayName) {
    return check(
        () ->
            Captures.open(
                new java.io.ByteArrayInputStream(capture), settings.maxExpansion(), expansionFloor),
        displayName);
  }

  /** Opens the capture to check. */
  @FunctionalInterface
  interface Source {
    Captures.Opened open() throws IOException, CaptureFormatException;
  }

  FileResult check(Source source, String displayName) {
    return check(source, displayName, n -> {});
  }

  FileResult check(Source source, String displayName, java.util.function.LongConsumer progress) {
    return check(source, displayName, progress, 1);
  }

  /**
   * Checks with the conversations split by 4-tuple over {@code shards} threads. The calling thread
   * reads and decodes the capture, reports what concerns the file, checks the conversations of
   * shard 0 and hands the segments of the others, in batches, to one worker thread per shard
   * ({@link ShardWorker}). The result is the same for any number of shards as long as the
   * conversation table does not fill (its cap is divided among the shards).
   */
  FileResult check(
      Source source, String displayName, java.util.function.LongConsumer progress, int shards) {
    // More shards than twice the cores only adds threads, queues and buffers: memory stays bounded
    // whatever the option says, and the report is the same for any number.
    int n = Math.max(1, Math.min(shards, MAX_SHARDS));
    int shardSpill = Math.max(256, spillAfter / n);
    Shard[] parts = new Shard[n];
    FindingsCap cap = new FindingsCap(settings.maxFindingsPerFile());
    for (int i = 0; i < n; i++) {
      parts[i] =
          new Shard(
              levels,
              settings,
              Math.max(
                  1, (int) ((long) settings.maxConversations() * (i == 0 ? 1 : 2) / (2 * n - 1))),
              Math.min(spillAfter, shardSpill),
              n > 1,
              cap);
      parts[i].observer = observer;
    }
    // File-level findings go to the single shard's list, or to a list of their own when split.
    SpillList<Finding> fileFindings = n == 1 ? parts[0].findings : Codecs.findings(spillAfter);
    RuleContext ctx =
        n == 1 ? parts[0].ctx : new RuleContext(levels, settings, cap.guard(fileFindings::add));
    ShardWorker[] workers = new ShardWorker[n];
    List<Thread> others = new ArrayList<>();
    for (int k = 1; k < n; k++) {
      workers[k] = new ShardWorker(parts[k]);
      Thread t = new Thread(workers[k], "tcplint-shard-" + k);
      t.setDaemon(true);
      t.start();
      others.add(t);
    }
    long[] scratch = new long[4];
    long reported = 0;
    Frame f = new Frame();
    Packet p = new Packet();
    Segment single = new Segment();
    PacketDecoder decoder =
        new PacketDecoder()
            .verifyChecksums(
                levels.level("pkt.bad-checksum") != Severity.OFF
                    || levels.level("capture.checksum-offload") != Severity.OFF);
    Set<Integer> unsupported = new HashSet<>();
    long packets = 0;
    long tcpIndex = 0;
    String format = null;
    String compression = null;
    String error = null;
    String firstTime = null;
    long bytes = 0;
    try {
      try (Captures.Opened o = source.open()) {
        format = o.format();
        compression = o.compression().label();
        try {
          while (o.reader().next(f)) {
            packets++;
            if (f.number == 1) {
              firstTime = fingerprint(f);
            }
            if ((packets & 4095) == 0) {
              long pos = o.reader().position();
              progress.accept(pos - reported);
              reported = pos;
            }
            decoder.decode(f, p);
            switch (p.status()) {
              case TCP -> {
                dispatch(parts[0], workers, ++tcpIndex, f, p, single, scratch);
              }
              case MALFORMED -> {
                if (p.tcpBadHeader()) {
                  // A TCP segment of a conversation: pkt.bad-data-offset, not decode.malformed.
                  dispatch(parts[0], workers, ++tcpIndex, f, p, single, scratch);
                } else {
                  ctx.reportFile(
                      "decode.malformed",
                      -1,
                      f.number,
                      p.problem() + " (byte " + (p.problemOffset() - f.offset) + " of the frame)",
                      f.fileOffset);
                }
              }
              case TCP_HEADER_CUT ->
                  ctx.reportFile(
                      "capture.snaplen",
                      -1,
                      f.number,
                      "TCP header cut by the snaplen (" + f.capLen + " bytes captured)",
                      f.fileOffset);
              case UNSUPPORTED_LINK -> {
                if (unsupported.add(f.linkType)) {
                  ctx.reportFile(
                      "capture.unsupported-link",
                      -1,
                      f.number,
                      "link type "
                          + LinkType.name(f.linkType)
                          + " is not decoded; its packets"
                          + " are skipped",
                      f.fileOffset);
                }
              }
              default -> {}
            }
          }
        } catch (CaptureFormatException e) {
          error = e.getMessage();
          ctx.reportFile(
              e.truncated() ? "capture.truncated" : "capture.malformed",
              -1,
              f.number + 1,
              e.reason(),
              e.offset());
        } catch (DecompressionException e) {
          error = e.getMessage();
          ctx.reportFile(
              "capture.malformed",
              -1,
              f.number + 1,
              e.compression()
                  + (e.limit() ? ": " : " data damaged: ")
                  + e.reason()
                  + (f.number > 0 ? "; last good frame " + f.number : "; no frame could be read")
                  + " (offset in the compressed file)",
              e.compressedOffset());
        }
        bytes = o.reader().position();
        progress.accept(bytes - reported);
      } catch (CaptureFormatException e) {
        error = e.getMessage();
        ctx.reportFile(
            e.truncated() ? "capture.truncated" : "capture.malformed",
            -1,
            0,
            e.reason(),
            e.offset());
      } catch (DecompressionException e) {
        error = e.getMessage();
        ctx.reportFile(
            "capture.malformed",
            -1,
            0,
            e.compression()
                + (e.limit() ? ": " : " data damaged: ")
                + e.reason()
                + " (offset in the compressed file)",
            e.compressedOffset());
      } catch (IOException e) {
        String why =
            e instanceof java.nio.file.NoSuchFileException
                ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException
                    ? "permission denied"
                    : e.getMessage();
        error = "cannot read: " + why;
        ctx.reportFile("capture.malformed", -1, 0, "cannot read the file: " + why, 0L);
      }
    } finally {
      // The workers check what was handed over and stop, however the reading ended.
      for (int k = 1; k < n; k++) {
        workers[k].end();
      }
    }
    parts[0].finish();
    for (Thread t : others) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while checking", e);
      }
    }
    for (int k = 1; k < n; k++) {
      Throwable t = workers[k].failure();
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
    long untracked = 0;
    long untrackedSyns = 0;
    long firstUntracked = Long.MAX_VALUE;
    long tcp = 0;
    for (Shard part : parts) {
      tcp += part.tcp;
      untracked += part.table.untrackedSegments();
      untrackedSyns += part.table.untrackedSyns();
      if (part.table.untrackedSegments() > 0) {
        firstUntracked = Math.min(firstUntracked, part.table.firstUntrackedFrame());
      }
    }
    if (untracked > 0) {
      ctx.current(null, null);
      ctx.reportFile(
          "capture.flow-table-full",
          -1,
          firstUntracked,
          "the conversation table was full ("
              + settings.maxConversations()
              + " conversations held at once): "
              + untracked
              + " segments ("
              + untrackedSyns
              + " SYNs) of further conversations were counted but not analysed; raise"
              + " defaults.maxConversations to analyse them",
          null);
    }
    if (cap.dropped() > 0) {
      ctx.current(null, null);
      ctx.reportFile(FindingsCap.RULE, -1, 0, cap.message(), null);
    }
    List<ConversationSummary> conversations;
    List<Finding> findings;
    if (n == 1) {
      conversations = parts[0].conversations;
      findings = parts[0].findings;
    } else {
      Renumbering streams = new Renumbering(parts);
      conversations = streams.conversations(spillAfter);
      findings = streams.findings(fileFindings, spillAfter);
    }
    return new FileResult(
        displayName,
        format,
        compression,
        packets,
        tcp,
        bytes,
        conversations,
        findings,
        error,
        firstTime);
  }

  /**
   * Shard of a TCP packet: by a hash of its 4-tuple that both directions share. Shard 0, checked by
   * the thread that also reads, decodes and hands over every segment, gets half the share of each
   * of the others: 1 of {@code 2n - 1} buckets against 2.
   */
  private static int shardOf(Packet p, long[] scratch, int n) {
    int bucket = (int) Long.remainderUnsigned(FlowKey.symmetricHash(p, scratch), 2 * n - 1);
    return (bucket + 1) >> 1;
  }

  private static long timeNanos(Frame f) {
    return f.hasTimestamp ? f.tsSeconds * 1_000_000_000L + f.tsNanos : 0;
  }

  /**
   * Sends a TCP packet to its shard: checked here when it is the reading thread's own (shard 0, the
   * only one when the capture is not split), handed to the shard's worker otherwise. Every shard
   * frees conversations at the same points of the capture as a single one would, so those points go
   * to every worker.
   */
  private static void dispatch(
      Shard own,
      ShardWorker[] workers,
      long tcpIndex,
      Frame f,
      Packet p,
      Segment single,
      long[] scratch) {
    if (Shard.ticks(tcpIndex)) {
      long time = timeNanos(f);
      own.tick(tcpIndex, time);
      for (int k = 1; k < workers.length; k++) {
        workers[k].tick(tcpIndex, time);
      }
    }
    int shard = workers.length == 1 ? 0 : shardOf(p, scratch, workers.length);
    if (shard == 0) {
      single.fill(f, p);
      own.segment(single);
    } else {
      workers[shard].segment(f, p);
    }
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
      windowScale = new ConversationSummary.Scales(ce.synWscale, se.synWscale);
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
