package org.tcplint.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tcplint.capture.CaptureFormatException;
import org.tcplint.capture.Captures;
import org.tcplint.capture.Frame;
import org.tcplint.decode.Packet;
import org.tcplint.decode.PacketDecoder;
import org.tcplint.decode.TcpFlags;
import org.tcplint.decode.TcpOption;
import org.tcplint.decode.TcpOptions;
import org.tcplint.flow.Addresses;
import org.tcplint.flow.Segment;

/**
 * The segments of chosen conversations, read again from their capture in one pass, as rows of a
 * ladder: frame, time since the conversation's first segment, direction, flags, relative seq and
 * ack (Wireshark's: from each side's ISN, or its first seq − 1 mid-stream), length, window and the
 * options of SYNs. A conversation is recognised by its reported client and server address and its
 * frame range, so no flow table is held for the others. Each conversation keeps its first {@code
 * head} rows, every row whose frame has a finding and the row before it; the rows in between are
 * counted in a fold row ({@link Row#folded} segments of {@link Row#len} bytes in all), and no
 * conversation gives more than {@link #MAX_ROWS} rows.
 */
public final class SegmentRows {
  /** Rows kept of one conversation at most, fold rows included; the rest are folded. */
  public static final int MAX_ROWS = 400;

  private SegmentRows() {}

  /**
   * One row of a ladder; a fold row has {@code folded > 0} and sums the skipped segments' payload
   * bytes in {@code len}.
   */
  public record Row(
      long frame,
      long micros,
      boolean fromClient,
      int flags,
      long seq,
      long ack,
      long len,
      int window,
      String options,
      long folded) {

    /** The flags as Wireshark writes them, e.g. {@code SYN, ACK}. */
    public String flagText() {
      return TcpFlags.letters(flags);
    }
  }

  /**
   * The rows of {@code wanted} conversations (by stream), capped as the class says; a capture that
   * cannot be read to the end gives the rows read before the fault.
   */
  public static Map<Integer, List<Row>> collect(
      Path path,
      List<ConversationSummary> wanted,
      Map<Integer, Set<Long>> findingFrames,
      int head) {
    Map<Integer, List<Row>> rows = new TreeMap<>();
    if (wanted.isEmpty()) {
      return rows;
    }
    Map<String, List<Track>> byClient = new HashMap<>();
    long first = Long.MAX_VALUE;
    long last = 0;
    for (ConversationSummary c : wanted) {
      Track t = new Track(c, findingFrames.getOrDefault(c.stream(), Set.of()), head);
      byClient.computeIfAbsent(c.client(), k -> new ArrayList<>()).add(t);
      byClient.computeIfAbsent(c.server(), k -> new ArrayList<>()).add(t);
      first = Math.min(first, c.firstFrame());
      last = Math.max(last, c.lastFrame());
    }
    Frame f = new Frame();
    Packet p = new Packet();
    Segment s = new Segment();
    PacketDecoder decoder = new PacketDecoder();
    try (Captures.Opened opened = Captures.open(path)) {
      while (opened.reader().next(f) && f.number <= last) {
        if (f.number < first) {
          continue;
        }
        decoder.decode(f, p);
        if (p.status() != Packet.Status.TCP) {
          continue;
        }
        List<Track> tracks = byClient.get(Addresses.text(p.srcAddress()) + ":" + p.srcPort());
        if (tracks == null) {
          continue;
        }
        String dst = Addresses.text(p.dstAddress()) + ":" + p.dstPort();
        for (Track t : tracks) {
          if (t.takes(f.number, dst)) {
            s.fill(f, p);
            t.add(s, !t.c.client().equals(dst), options(p, s));
            break;
          }
        }
      }
    } catch (IOException | CaptureFormatException e) {
      // the check already reported the fault: the ladders end where the capture does
    }
    for (List<Track> ts : byClient.values()) {
      for (Track t : ts) {
        rows.computeIfAbsent(t.c.stream(), k -> t.finish());
      }
    }
    return rows;
  }

  private static String options(Packet p, Segment s) {
    if (!s.syn()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (TcpOption o : TcpOptions.list(p)) {
      if (o.kind().equals("nop") || o.kind().equals("eol")) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(o.kind());
      if (o.error() == null && o.values() != null && o.values().length == 1) {
        sb.append('=').append(o.values()[0]);
      }
    }
    return sb.toString();
  }

  /** One conversation's rows as they are read. */
  private static final class Track {
    private final ConversationSummary c;
    private final Set<Long> findings;
    private final int head;
    private final List<Row> rows = new ArrayList<>();
    private final int[] base = new int[2];
    private final boolean[] based = new boolean[2];
    private long t0 = -1;
    private Row held;
    private long foldCount;
    private long foldBytes;
    private long foldFrame;
    private int seen;

    Track(ConversationSummary c, Set<Long> findings, int head) {
      this.c = c;
      this.findings = findings;
      this.head = head;
    }

    boolean takes(long frame, String dst) {
      return frame >= c.firstFrame()
          && frame <= c.lastFrame()
          && (dst.equals(c.server()) || dst.equals(c.client()));
    }

    void add(Segment s, boolean fromClient, String options) {
      int side = fromClient ? 0 : 1;
      if (!based[side]) {
        based[side] = true;
        base[side] = s.syn() ? s.seq : s.seq - 1;
      }
      long micros = s.tsSeconds * 1_000_000L + s.tsNanos / 1000;
      if (t0 < 0) {
        t0 = micros;
      }
      long ack = s.hasAck() && based[1 - side] ? Integer.toUnsignedLong(s.ack - base[1 - side]) : 0;
      Row row =
          new Row(
              s.frame,
              micros - t0,
              fromClient,
              s.flags,
              Integer.toUnsignedLong(s.seq - base[side]),
              ack,
              s.len,
              s.window,
              options,
              0);
      seen++;
      if (rows.size() >= MAX_ROWS - 3) {
        if (held != null) {
          fold(held);
          held = null;
        }
        fold(row);
      } else if (seen <= head || findings.contains(s.frame) || s.syn() || s.fin() || s.rst()) {
        keep(row);
      } else {
        if (held != null) {
          fold(held);
        }
        held = row;
      }
    }

    private void keep(Row row) {
      if (held != null && (findings.contains(row.frame()) || foldCount == 0)) {
        emitFold();
        rows.add(held);
      } else if (held != null) {
        fold(held);
      }
      held = null;
      emitFold();
      rows.add(row);
    }

    private void fold(Row r) {
      if (foldCount == 0) {
        foldFrame = r.frame();
      }
      foldCount++;
      foldBytes += r.len();
    }

    private void emitFold() {
      if (foldCount > 0) {
        rows.add(new Row(foldFrame, 0, true, 0, 0, 0, foldBytes, 0, null, foldCount));
        foldCount = 0;
        foldBytes = 0;
      }
    }

    List<Row> finish() {
      if (held != null && rows.size() >= MAX_ROWS - 3) {
        fold(held);
      } else if (held != null) {
        if (foldCount == 0) {
          rows.add(held);
        } else {
          fold(held);
        }
        held = null;
      }
      emitFold();
      return rows;
    }
  }
}
