package org.tcplint.check;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import org.tcplint.capture.CaptureFormatException;
import org.tcplint.capture.CaptureReader;
import org.tcplint.capture.Captures;
import org.tcplint.capture.Chunker;
import org.tcplint.capture.Frame;
import org.tcplint.decode.Packet;
import org.tcplint.decode.PacketDecoder;
import org.tcplint.decode.TcpFlags;
import org.tcplint.decode.TcpOptions;
import org.tcplint.flow.Addresses;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.FlowTable;
import org.tcplint.flow.Segment;
import org.tcplint.flow.Tracker;
import org.tcplint.rules.Finding;

/**
 * Reads a capture again for one conversation: picks its segments by 4-tuple and frame range, and
 * numbers them with a tracker of their own, as {@code tcplint packets} does.
 */
final class LadderCollector {
  private static final int[] FLAG_BITS = {
    TcpFlags.SYN,
    TcpFlags.FIN,
    TcpFlags.RST,
    TcpFlags.PSH,
    TcpFlags.ACK,
    TcpFlags.URG,
    TcpFlags.ECE,
    TcpFlags.CWR,
    TcpFlags.AE
  };
  private static final String[] FLAG_NAMES = {
    "SYN", "FIN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"
  };

  /** Handshake and close rows kept beyond the row limit, before they too are omitted. */
  private static final int CLOSE_ROWS = 16;

  private final ConversationSummary conversation;
  private final LadderTrace.Selection selection;
  private final int maxRows;
  private final Map<Long, List<Finding>> findings = new HashMap<>();
  private final List<LadderRow> rows = new ArrayList<>();
  private long firstTime = -1;
  private LadderRow.Phase phase;
  private boolean afterSyn;
  private final List<LadderTrace.Omission> omissions = new ArrayList<>();
  private long omitted;
  private long omittedBytes;
  private int closeKept;

  private LadderCollector(
      ConversationSummary conversation,
      Map<Long, List<Finding>> findings,
      LadderTrace.Selection selection,
      int maxRows) {
    this.conversation = conversation;
    this.selection = selection;
    this.maxRows = maxRows;
    for (Map.Entry<Long, List<Finding>> e : findings.entrySet()) {
      if (selection.frame(e.getKey())) {
        for (Finding f : e.getValue()) {
          if (selection.keep().test(f)) {
            this.findings.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(f);
          }
        }
      }
    }
  }

  /**
   * The ladders of {@code chosen} conversations of {@code result}, read from {@code source} in one
   * pass; each keeps at most {@code maxRows} rows, then only the rows with a finding and a few of
   * the close (the others are counted as omissions where they were left out). Segments go through
   * one flow table and tracker of their own, as in {@code tcplint packets}, so the relative numbers
   * and scaled windows are those of the other commands. With a {@code pool}, a big capture is cut
   * into chunks on this thread, their records decoded on the pool, and the segments of the chosen
   * conversations taken in file order here: the same ladders.
   */
  static Map<Integer, LadderTrace> collect(
      LadderTrace.Source source,
      FileResult result,
      List<ConversationSummary> chosen,
      LadderTrace.Selection selection,
      int maxRows,
      Executor pool)
      throws IOException {
    Map<Integer, Map<Long, List<Finding>>> byStream = new HashMap<>();
    for (ConversationSummary c : chosen) {
      byStream.put(c.stream(), new HashMap<>());
    }
    for (Finding f : result.findings()) {
      Map<Long, List<Finding>> m = byStream.get(f.stream());
      if (m != null) {
        m.computeIfAbsent(f.frame(), k -> new ArrayList<>()).add(f);
      }
    }
    ByPorts byPorts = new ByPorts();
    List<LadderCollector> all = new ArrayList<>();
    long first = Long.MAX_VALUE;
    long last = 0;
    for (ConversationSummary c : chosen) {
      LadderCollector k = new LadderCollector(c, byStream.get(c.stream()), selection, maxRows);
      all.add(k);
      byPorts.add(ports(port(c.client()), port(c.server())), k);
      first = Math.min(first, c.firstFrame());
      last = Math.max(last, c.lastFrame());
    }
    Pass pass = new Pass(byPorts, first, last);
    Captures.Chunked chunked = null;
    if (pool != null) {
      try {
        chunked = source.chunked();
      } catch (CaptureFormatException e) {
        pass.failed(e);
      }
    }
    if (chunked != null) {
      try (Captures.Chunked c = chunked) {
        pass.parallel(c.chunker(), pool);
      }
    } else if (pass.error == null) {
      Frame frame = new Frame();
      Packet packet = new Packet();
      PacketDecoder decoder = new PacketDecoder();
      try (Captures.Opened opened = source.open()) {
        pass.read(opened.reader(), frame, packet, decoder, 0);
      } catch (CaptureFormatException e) {
        pass.failed(e);
      }
    }
    Map<Integer, LadderTrace> traces = new java.util.TreeMap<>();
    for (LadderCollector k : all) {
      traces.put(k.conversation.stream(), k.trace(pass.error));
    }
    return traces;
  }

  /** Bytes from which a capture file's ladders are read in chunks decoded on a pool. */
  static final long CHUNKED_FROM = 2L * Chunker.CHUNK;

  /**
   * A TCP segment whose two ports are those of a chosen conversation, decoded where it was read.
   */
  private record Match(
      Segment segment, String from, String to, String options, List<LadderCollector> candidates) {}

  /** The match of the frame just read, or null when it is no segment with a chosen port pair. */
  private static Match match(Frame f, Packet p, PacketDecoder decoder, ByPorts byPorts) {
    decoder.decode(f, p);
    if (!p.isTcp()) {
      return null;
    }
    List<LadderCollector> candidates = byPorts.get(ports(p.srcPort(), p.dstPort()));
    if (candidates == null) {
      return null;
    }
    Segment s = new Segment();
    s.fill(f, p);
    return new Match(
        s,
        Addresses.endpoint(p.srcAddress(), p.srcPort()),
        Addresses.endpoint(p.dstAddress(), p.dstPort()),
        s.syn() ? TcpOptions.summary(TcpOptions.list(p)) : "",
        candidates);
  }

  /** A chunk's matches (their frames numbered from 1 in the chunk), and how its reading ended. */
  private record Decoded(List<Match> matches, long frames, CaptureFormatException error) {}

  /** A chunk of the capture, cut on the reading thread and decoded on the pool. */
  private static final class Slot {
    final Chunker.Chunk chunk = new Chunker.Chunk();
    final Frame frame = new Frame();
    final Packet packet = new Packet();
    final PacketDecoder decoder = new PacketDecoder();
    FutureTask<Decoded> task;

    Decoded decode(ByPorts byPorts) throws IOException {
      List<Match> matches = new ArrayList<>();
      long frames = 0;
      try (CaptureReader r = chunk.reader()) {
        while (r.next(frame)) {
          frames++;
          Match m = match(frame, packet, decoder, byPorts);
          if (m != null) {
            matches.add(m);
          }
        }
      } catch (CaptureFormatException e) {
        return new Decoded(matches, frames, e);
      }
      return new Decoded(matches, frames, null);
    }
  }

  /**
   * The one pass over the capture: the segments of the chosen conversations, in file order, each
   * given to its conversation's ladder; it ends after the last chosen frame, or at a fault before
   * it (then every ladder says where).
   */
  private static final class Pass {
    final ByPorts byPorts;
    final long first;
    final long last;
    // no linger, no idle limit: each conversation's state lives until the last of its frames
    final FlowTable table =
        new FlowTable(c -> {}, Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);
    long base; // frames before the chunk taken next
    boolean done;
    String error;

    Pass(ByPorts byPorts, long first, long last) {
      this.byPorts = byPorts;
      this.first = first;
      this.last = last;
    }

    /** Reads {@code r} on this thread, its frames numbered from {@code base} + 1. */
    void read(CaptureReader r, Frame frame, Packet packet, PacketDecoder decoder, long base)
        throws IOException {
      try {
        while (r.next(frame) && base + frame.number <= last) {
          long number = base + frame.number;
          if (number >= first) {
            Match m = match(frame, packet, decoder, byPorts);
            if (m != null) {
              apply(m, number);
            }
          }
        }
      } catch (CaptureFormatException e) {
        failed(e);
      }
      done = true;
    }

    /** File offset where the records of the last chunk taken end. */
    private long chunkEnd;

    /** Whether a window taken stopped before its end: the chunker's pass goes on from there. */
    private boolean windowsStopped;

    private Chunker chunker;

    /**
     * Decodes {@code chunker}'s chunks on {@code pool}, a few ahead, and takes their matches here
     * in file order: chunks cut here, or, in a plain file, windows that the pool's threads read and
     * cut themselves from a guessed first record, checked when taken against the end of the chunk
     * before (and read again here when wrong), as a check reads them. A tail chunk (damage ahead,
     * or a stream that fails) is read here once every chunk before it is taken.
     */
    void parallel(Chunker chunker, Executor pool) throws IOException {
      this.chunker = chunker;
      int ahead = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
      Slot[] slots = new Slot[ahead + 1];
      java.util.ArrayDeque<Slot> inFlight = new java.util.ArrayDeque<>();
      for (int i = 0; ; i++) {
        while (inFlight.size() >= ahead) { // the slot filled next is not one still being decoded
          take(inFlight.poll());
        }
        if (done) {
          break;
        }
        if (slots[i % slots.length] == null) {
          slots[i % slots.length] = new Slot();
        }
        Slot s = slots[i % slots.length];
        if (chunker.windows()) {
          if (windowsStopped || !chunker.window(s.chunk)) {
            // Every window taken: the chunker's pass goes on where their records ended.
            while (!inFlight.isEmpty()) {
              take(inFlight.poll());
            }
            if (done) {
              break;
            }
            chunker.resume(chunkEnd);
            continue;
          }
        } else if (!chunker.next(s.chunk)) {
          break;
        }
        if (s.chunk.tail()) {
          while (!inFlight.isEmpty()) {
            take(inFlight.poll());
          }
          if (!done) {
            try (CaptureReader r = s.chunk.reader()) {
              read(r, s.frame, s.packet, s.decoder, base);
            } catch (CaptureFormatException e) {
              failed(e);
            }
          }
          break;
        }
        s.task =
            new FutureTask<>(
                () -> {
                  if (s.chunk.isWindow()) {
                    s.chunk.fill();
                  }
                  return s.decode(byPorts);
                });
        Pools.offer(pool, s.task);
        inFlight.add(s);
      }
      while (!inFlight.isEmpty()) {
        take(inFlight.poll()); // decoded already, or never started: run here, or skipped when done
      }
    }

    private void take(Slot s) throws IOException {
      if (done) {
        s.task.cancel(false); // not started: not decoded at all
        return;
      }
      Decoded d = Pools.take(s.task, "while reading the capture for its ladders");
      Chunker.Chunk c = s.chunk;
      if (c.isWindow()) {
        ChunkedCheck.WINDOWS.increment();
        if (windowsStopped) {
          return; // the chunker's pass cuts the rest again
        }
        if (!c.found() || c.start() != chunkEnd) {
          ChunkedCheck.WRONG_GUESSES.increment();
          c.fill(chunkEnd); // a wrong guess at the window's first record: read from the right one
          d = s.decode(byPorts);
        }
        if (c.stopped()) {
          windowsStopped = true;
        }
        chunker.recordsIn(c.end() - c.start(), d.frames());
      }
      chunkEnd = c.end();
      for (Match m : d.matches()) {
        long number = base + m.segment().frame;
        if (number > last) {
          done = true;
          return;
        }
        if (number >= first) {
          apply(m, number);
        }
      }
      base += d.frames();
      if (d.error() != null) {
        if (base <= last) {
          failed(d.error()); // the frame after the chunk's last was to be read
        }
        done = true;
      } else if (base > last) {
        done = true;
      }
    }

    /**
     * Gives segment {@code m}, frame {@code number} of the capture, to its conversation's ladder.
     */
    private void apply(Match m, long number) {
      if (!spans(m.candidates(), number)) {
        return;
      }
      m.segment().frame = number;
      for (LadderCollector k : m.candidates()) {
        if (k.ours(number, m.from(), m.to())) {
          k.add(table, m.segment(), m.options(), m.from());
          return;
        }
      }
    }

    void failed(CaptureFormatException e) {
      error =
          (e.truncated() ? "truncated" : "malformed")
              + " at byte offset "
              + e.offset()
              + ": "
              + e.reason();
      done = true;
    }
  }

  /** Whether frame {@code number} lies within one of {@code candidates}' conversations. */
  private static boolean spans(List<LadderCollector> candidates, long number) {
    for (LadderCollector k : candidates) {
      if (number >= k.conversation.firstFrame() && number <= k.conversation.lastFrame()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The chosen conversations by their two ports: open addressing on the key, looked up for every
   * TCP segment of the capture without boxing it.
   */
  private static final class ByPorts {
    private long[] keys = new long[16];
    private Object[] values = new Object[16];
    private int size;

    ByPorts() {
      Arrays.fill(keys, -1);
    }

    private int slot(long key) {
      int mask = keys.length - 1;
      int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
      while (keys[i] != -1 && keys[i] != key) {
        i = (i + 1) & mask;
      }
      return i;
    }

    @SuppressWarnings("unchecked")
    List<LadderCollector> get(long key) {
      return (List<LadderCollector>) values[slot(key)];
    }

    @SuppressWarnings("unchecked")
    void add(long key, LadderCollector k) {
      int i = slot(key);
      if (values[i] == null) {
        if (2 * (size + 1) > keys.length) {
          grow();
          i = slot(key);
        }
        keys[i] = key;
        values[i] = new ArrayList<LadderCollector>();
        size++;
      }
      ((List<LadderCollector>) values[i]).add(k);
    }

    private void grow() {
      long[] oldKeys = keys;
      Object[] oldValues = values;
      keys = new long[oldKeys.length * 2];
      values = new Object[oldValues.length * 2];
      Arrays.fill(keys, -1);
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldKeys[j] != -1) {
          int i = slot(oldKeys[j]);
          keys[i] = oldKeys[j];
          values[i] = oldValues[j];
        }
      }
    }
  }

  /** The two ports of a segment, in either order, as one key. */
  private static long ports(int a, int b) {
    return a < b ? (long) a << 16 | b : (long) b << 16 | a;
  }

  private LadderTrace trace(String error) {
    List<Finding> others = new ArrayList<>();
    findings.values().forEach(others::addAll);
    others.sort(java.util.Comparator.comparingLong(Finding::frame)); // stable: report order kept
    if (omitted > 0) {
      omissions.add(new LadderTrace.Omission(Long.MAX_VALUE, omitted, omittedBytes));
    }
    return new LadderTrace(
        conversation, List.copyOf(rows), List.copyOf(others), error, List.copyOf(omissions));
  }

  /** Frame {@code number} from {@code from} to {@code to} is a segment of this conversation. */
  private boolean ours(long number, String from, String to) {
    return number >= conversation.firstFrame()
        && number <= conversation.lastFrame()
        && (from.equals(conversation.client()) && to.equals(conversation.server())
            || from.equals(conversation.server()) && to.equals(conversation.client()));
  }

  private void add(FlowTable table, Segment s, String options, String from) {
    Conversation c = table.lookup(s);
    Tracker.roles(c, s);
    Tracker.apply(c, s);
    c.account(s);
    if (firstTime < 0) {
      firstTime = s.timeNanos();
    }
    LadderRow.Phase at = phase(s);
    if (!selection.frame(s.frame)) {
      return;
    }
    long seq = c.relativeSeq(s);
    long ack = c.relativeAck(s);
    List<LadderRow.Mark> marks = new ArrayList<>();
    for (Finding f : findings.getOrDefault(s.frame, List.of())) {
      marks.add(mark(f, s, seq, ack));
    }
    findings.remove(s.frame);
    if (rows.size() >= maxRows && marks.isEmpty()) {
      if (at == LadderRow.Phase.DATA || closeKept >= CLOSE_ROWS) {
        omitted++;
        omittedBytes += s.len;
        return;
      }
      closeKept++;
    }
    if (omitted > 0) {
      omissions.add(new LadderTrace.Omission(s.frame, omitted, omittedBytes));
      omitted = 0;
      omittedBytes = 0;
    }
    int shift = s.syn() ? 0 : Tracker.scale(c, s.side); // RFC 7323 §2.2: a SYN's is never scaled
    rows.add(
        new LadderRow(
            s.frame,
            s.hasTimestamp ? s.timeNanos() - firstTime : 0,
            from.equals(conversation.client()),
            flagNames(s.flags),
            seq,
            ack,
            s.hasAck(),
            Integer.toUnsignedLong(s.seq),
            Integer.toUnsignedLong(s.ack),
            s.len,
            shift < 0 ? s.window : Integer.toUnsignedLong(s.window) << shift,
            options,
            at,
            List.copyOf(marks)));
  }

  /**
   * The phase of {@code s}: the SYNs that open the conversation and the one ACK after them, then
   * data until the first FIN or RST, then the close.
   */
  private LadderRow.Phase phase(Segment s) {
    boolean wasAfterSyn = afterSyn;
    afterSyn = false;
    if (phase == LadderRow.Phase.CLOSE || s.fin() || s.rst()) {
      phase = LadderRow.Phase.CLOSE;
    } else if (s.syn() && (phase == null || phase == LadderRow.Phase.HANDSHAKE)) {
      phase = LadderRow.Phase.HANDSHAKE;
      afterSyn = true;
    } else if (wasAfterSyn && s.len == 0) {
      phase = LadderRow.Phase.HANDSHAKE;
    } else {
      phase = LadderRow.Phase.DATA;
    }
    return phase;
  }

  /**
   * A finding on the row: when its actual value is the segment's ack (or seq) field, the expected
   * value in the same relative numbers (the actual one's plus the signed difference, RFC 9293 §3.4
   * arithmetic mod 2^32).
   */
  static LadderRow.Mark mark(Finding f, Segment s, long seq, long ack) {
    if (f.expected() != null && f.actual() != null) {
      long actual = f.actual();
      long rawSeq = Integer.toUnsignedLong(s.seq);
      long rawAck = Integer.toUnsignedLong(s.ack);
      long diff = (int) (f.expected() - actual);
      boolean isAck = s.hasAck() && actual == rawAck;
      boolean isSeq = actual == rawSeq;
      if (isAck != isSeq) {
        long expected = (isAck ? ack : seq) + diff;
        if (expected >= 0 && expected <= 0xFFFF_FFFFL) {
          return new LadderRow.Mark(f, isAck ? "ack" : "seq", expected);
        }
      }
    }
    return new LadderRow.Mark(f, null, null);
  }

  static List<String> flagNames(int flags) {
    List<String> names = new ArrayList<>(3);
    for (int i = 0; i < FLAG_BITS.length; i++) {
      if ((flags & FLAG_BITS[i]) != 0) {
        names.add(FLAG_NAMES[i]);
      }
    }
    return List.copyOf(names);
  }

  /** The port of an {@code address:port} text (IPv6 in brackets). */
  private static int port(String endpoint) {
    return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
  }

  static OptionalInt streamOf(LadderTrace.Source source, FileResult result, long number)
      throws IOException {
    Frame f = new Frame();
    Packet p = new Packet();
    try (Captures.Opened opened = source.open()) {
      while (opened.reader().next(f)) {
        if (f.number == number) {
          new PacketDecoder().decode(f, p);
          if (!p.isTcp()) {
            return OptionalInt.empty();
          }
          String from = Addresses.endpoint(p.srcAddress(), p.srcPort());
          String to = Addresses.endpoint(p.dstAddress(), p.dstPort());
          for (ConversationSummary c : result.conversations()) {
            boolean pair =
                from.equals(c.client()) && to.equals(c.server())
                    || from.equals(c.server()) && to.equals(c.client());
            if (pair && number >= c.firstFrame() && number <= c.lastFrame()) {
              return OptionalInt.of(c.stream());
            }
          }
          return OptionalInt.empty();
        }
      }
    } catch (CaptureFormatException e) {
      return OptionalInt.empty(); // the frame lies beyond the fault: no conversation has it
    }
    return OptionalInt.empty();
  }
}
