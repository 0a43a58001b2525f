package org.tcplint.check;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.tcplint.capture.CaptureFormatException;
import org.tcplint.capture.Captures;
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

  private final ConversationSummary conversation;
  private final LadderTrace.Selection selection;
  private final Map<Long, List<Finding>> findings = new HashMap<>();
  private final int clientPort;
  private final int serverPort;

  private final Frame frame = new Frame();
  private final Packet packet = new Packet();
  private final Segment segment = new Segment();
  private final PacketDecoder decoder = new PacketDecoder();
  // no linger, no idle limit: the conversation's state lives until the last of its frames
  private final FlowTable table =
      new FlowTable(c -> {}, Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);
  private final List<LadderRow> rows = new ArrayList<>();
  private long firstTime = -1;
  private LadderRow.Phase phase;
  private boolean afterSyn;

  LadderCollector(
      ConversationSummary conversation, FileResult result, LadderTrace.Selection selection) {
    this.conversation = conversation;
    this.selection = selection;
    this.clientPort = port(conversation.client());
    this.serverPort = port(conversation.server());
    for (Finding f : result.findings()) {
      if (f.stream() == conversation.stream()
          && selection.frame(f.frame())
          && selection.keep().test(f)) {
        findings.computeIfAbsent(f.frame(), k -> new ArrayList<>()).add(f);
      }
    }
  }

  LadderTrace collect(LadderTrace.Source source) throws IOException {
    String error = null;
    try (Captures.Opened opened = source.open()) {
      while (opened.reader().next(frame) && frame.number <= conversation.lastFrame()) {
        if (frame.number >= conversation.firstFrame()) {
          decoder.decode(frame, packet);
          if (packet.isTcp() && ours()) {
            add();
          }
        }
      }
    } catch (CaptureFormatException e) {
      error =
          (e.truncated() ? "truncated" : "malformed")
              + " at byte offset "
              + e.offset()
              + ": "
              + e.reason();
    }
    List<Finding> others = new ArrayList<>();
    findings.values().forEach(others::addAll);
    others.sort(java.util.Comparator.comparingLong(Finding::frame)); // stable: report order kept
    return new LadderTrace(conversation, List.copyOf(rows), List.copyOf(others), error);
  }

  /** The current packet is a segment of the conversation's 4-tuple. */
  private boolean ours() {
    int src = packet.srcPort();
    int dst = packet.dstPort();
    if (!(src == clientPort && dst == serverPort) && !(src == serverPort && dst == clientPort)) {
      return false;
    }
    String from = Addresses.endpoint(packet.srcAddress(), src);
    String to = Addresses.endpoint(packet.dstAddress(), dst);
    return from.equals(conversation.client()) && to.equals(conversation.server())
        || from.equals(conversation.server()) && to.equals(conversation.client());
  }

  private void add() {
    Segment s = segment;
    s.fill(frame, packet);
    Conversation c = table.lookup(s);
    Tracker.roles(c, s);
    Tracker.apply(c, s);
    c.account(s);
    if (firstTime < 0) {
      firstTime = s.timeNanos();
    }
    LadderRow.Phase at = phase(s);
    if (!selection.frame(frame.number)) {
      return;
    }
    long seq = c.relativeSeq(s);
    long ack = c.relativeAck(s);
    List<LadderRow.Mark> marks = new ArrayList<>();
    for (Finding f : findings.getOrDefault(frame.number, List.of())) {
      marks.add(mark(f, s, seq, ack));
    }
    findings.remove(frame.number);
    int shift = s.syn() ? 0 : Tracker.scale(c, s.side); // RFC 7323 §2.2: a SYN's is never scaled
    rows.add(
        new LadderRow(
            frame.number,
            s.hasTimestamp ? s.timeNanos() - firstTime : 0,
            Addresses.endpoint(packet.srcAddress(), s.srcPort).equals(conversation.client()),
            flagNames(s.flags),
            seq,
            ack,
            s.hasAck(),
            Integer.toUnsignedLong(s.seq),
            Integer.toUnsignedLong(s.ack),
            s.len,
            shift < 0 ? s.window : Integer.toUnsignedLong(s.window) << shift,
            s.syn() ? TcpOptions.summary(TcpOptions.list(packet)) : "",
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
