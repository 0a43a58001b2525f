package org.tcplint.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.HexFormat;
import java.util.List;
import org.tcplint.capture.Frame;
import org.tcplint.decode.LinkType;
import org.tcplint.decode.Packet;
import org.tcplint.decode.TcpFlags;
import org.tcplint.decode.TcpOption;
import org.tcplint.decode.TcpOptions;
import org.tcplint.flow.Addresses;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Segment;
import org.tcplint.rules.Finding;

/** Renders one TCP segment for {@code tcplint packets}: list line, JSON object, field tree. */
final class PacketView {
  private PacketView() {}

  static JsonObject json(Frame f, Packet p, Segment s, Conversation c) {
    JsonObject o = record(f);
    o.addProperty("stream", c.stream());
    o.addProperty("src", Addresses.text(p.srcAddress()));
    o.addProperty("srcPort", s.srcPort);
    o.addProperty("dst", Addresses.text(p.dstAddress()));
    o.addProperty("dstPort", s.dstPort);
    o.addProperty("flags", TcpFlags.letters(s.flags));
    if ((s.flags & TcpFlags.RESERVED) != 0) {
      o.addProperty("reserved", (s.flags & TcpFlags.RESERVED) >>> 9);
    }
    o.addProperty("seq", Integer.toUnsignedLong(s.seq));
    o.addProperty("ack", Integer.toUnsignedLong(s.ack));
    o.addProperty("seqRel", c.relativeSeq(s));
    o.addProperty("ackRel", c.relativeAck(s));
    o.addProperty("len", s.len);
    o.addProperty("window", s.window);
    long scaled = scaledWindow(s, c);
    if (scaled >= 0) {
      o.addProperty("windowScaled", scaled);
    }
    JsonArray opts = new JsonArray();
    for (TcpOption t : TcpOptions.list(p)) {
      opts.add(optionJson(t));
    }
    o.add("options", opts);
    return o;
  }

  /** A TCP segment whose header is broken: the fields that could be read, and the problem. */
  static JsonObject brokenJson(Frame f, Packet p) {
    JsonObject o = record(f);
    o.addProperty("src", Addresses.text(p.srcAddress()));
    o.addProperty("srcPort", p.srcPort());
    o.addProperty("dst", Addresses.text(p.dstAddress()));
    o.addProperty("dstPort", p.dstPort());
    if (p.hasTcpHeader()) {
      o.addProperty("flags", TcpFlags.letters(p.flags()));
      o.addProperty("seq", Integer.toUnsignedLong(p.seq()));
      o.addProperty("ack", Integer.toUnsignedLong(p.ack()));
      o.addProperty("window", p.window());
    }
    o.addProperty("malformed", p.problem() != null ? p.problem() : "TCP header cut by the snaplen");
    return o;
  }

  /** The record fields every JSON line starts with: frame, time, interface, section. */
  private static JsonObject record(Frame f) {
    JsonObject o = new JsonObject();
    o.addProperty("frame", f.number);
    if (f.hasTimestamp) {
      o.addProperty("time", Times.iso(f.tsSeconds, f.tsNanos));
    }
    o.addProperty("interface", f.interfaceId);
    if (f.section > 0) {
      o.addProperty("section", f.section);
    }
    return o;
  }

  static JsonObject withFindings(JsonObject o, List<Finding> findings) {
    if (!findings.isEmpty()) {
      JsonArray arr = new JsonArray();
      for (Finding x : findings) {
        JsonObject j = new JsonObject();
        j.addProperty("rule", x.rule());
        j.addProperty("severity", x.severity().label());
        j.addProperty("message", x.message());
        arr.add(j);
      }
      o.add("findings", arr);
    }
    return o;
  }

  static String findingsSuffix(List<Finding> findings) {
    StringBuilder sb = new StringBuilder();
    for (Finding x : findings) {
      sb.append("  [").append(x.severity().label()).append(' ').append(x.rule()).append(']');
    }
    return sb.toString();
  }

  static String findingsTree(List<Finding> findings) {
    StringBuilder sb = new StringBuilder("tcplint (" + findings.size() + " findings)\n");
    for (Finding x : findings) {
      sb.append("    ")
          .append(x.severity().label())
          .append(' ')
          .append(x.rule())
          .append(": ")
          .append(x.message())
          .append('\n');
    }
    return sb.toString();
  }

  private static JsonObject optionJson(TcpOption t) {
    JsonObject j = new JsonObject();
    j.addProperty("kind", t.kind());
    if (t.error() != null) {
      j.addProperty("code", t.code());
      j.addProperty("error", t.error());
      return j;
    }
    long[] v = t.values();
    switch (t.kind()) {
      case "mss" -> j.addProperty("value", v[0]);
      case "wscale" -> j.addProperty("shift", v[0]);
      case "sack" -> {
        JsonArray blocks = new JsonArray();
        for (int i = 0; i + 1 < v.length; i += 2) {
          JsonObject b = new JsonObject();
          b.addProperty("left", v[i]);
          b.addProperty("right", v[i + 1]);
          blocks.add(b);
        }
        j.add("blocks", blocks);
      }
      case "timestamp" -> {
        j.addProperty("tsval", v[0]);
        j.addProperty("tsecr", v[1]);
      }
      case "tfo" -> j.addProperty("cookie", HexFormat.of().formatHex(t.raw()));
      case "mptcp" -> j.addProperty("subtype", v[0]);
      case "nop", "eol", "sack_perm" -> {}
      default -> {
        j.addProperty("code", t.code());
        if (t.raw() != null) {
          j.addProperty("data", HexFormat.of().formatHex(t.raw()));
        }
      }
    }
    return j;
  }

  /** Wireshark packet-list style line. */
  static String line(Frame f, Packet p, Segment s, Conversation c, double relTime) {
    StringBuilder sb = new StringBuilder(160);
    sb.append(String.format("%6d  %11.6f  %4d  ", f.number, relTime, c.stream()));
    sb.append(Addresses.endpoint(p.srcAddress(), s.srcPort))
        .append(" \u2192 ")
        .append(Addresses.endpoint(p.dstAddress(), s.dstPort))
        .append("  ")
        .append(TcpFlags.bracketed(s.flags))
        .append("  Seq=")
        .append(c.relativeSeq(s));
    if (s.hasAck()) {
      sb.append(" Ack=").append(c.relativeAck(s));
    }
    long scaled = scaledWindow(s, c);
    sb.append(" Win=").append(scaled >= 0 ? scaled : s.window).append(" Len=").append(s.len);
    String opts = TcpOptions.summary(TcpOptions.list(p));
    if (!opts.isEmpty()) {
      sb.append("  ").append(opts);
    }
    return sb.toString();
  }

  /** The full field tree of one frame, like {@code tshark -V}. */
  static String tree(Frame f, Packet p, Segment s, Conversation c) {
    StringBuilder sb = new StringBuilder(1024);
    sb.append("Frame ")
        .append(f.number)
        .append(": ")
        .append(f.origLen)
        .append(" bytes on wire, ")
        .append(f.capLen)
        .append(" bytes captured, interface ")
        .append(f.interfaceId)
        .append('\n');
    if (f.hasTimestamp) {
      sb.append("    Arrival time: ").append(Times.iso(f.tsSeconds, f.tsNanos)).append('\n');
    }
    sb.append("    Section: ").append(f.section).append('\n');
    sb.append("    Encapsulation: ").append(LinkType.name(f.linkType)).append('\n');
    sb.append("    Record offset in file: ").append(f.fileOffset).append('\n');
    if (p.ipVersion() == 4) {
      sb.append("Internet Protocol Version 4, Src: ")
          .append(Addresses.text(p.srcAddress()))
          .append(", Dst: ")
          .append(Addresses.text(p.dstAddress()))
          .append('\n');
      sb.append("    Header length: ").append(p.ipHeaderLength()).append(" bytes\n");
      sb.append("    Time to live: ").append(p.ttl()).append('\n');
    } else {
      sb.append("Internet Protocol Version 6, Src: ")
          .append(Addresses.text(p.srcAddress()))
          .append(", Dst: ")
          .append(Addresses.text(p.dstAddress()))
          .append('\n');
      sb.append("    Header length (with extension headers): ")
          .append(p.ipHeaderLength())
          .append(" bytes\n");
      sb.append("    Hop limit: ").append(p.ttl()).append('\n');
    }
    sb.append("    Explicit Congestion Notification: ").append(ecnName(p.ecn())).append('\n');
    if (p.tunnels() > 0) {
      sb.append("    Tunnelled (IP in IP layers): ").append(p.tunnels()).append('\n');
    }
    sb.append("Transmission Control Protocol, Src Port: ")
        .append(s.srcPort)
        .append(", Dst Port: ")
        .append(s.dstPort)
        .append(", Seq: ")
        .append(c.relativeSeq(s));
    if (s.hasAck()) {
      sb.append(", Ack: ").append(c.relativeAck(s));
    }
    sb.append(", Len: ").append(s.len).append('\n');
    sb.append("    Source Port: ").append(s.srcPort).append('\n');
    sb.append("    Destination Port: ").append(s.dstPort).append('\n');
    sb.append("    Stream index: ").append(c.stream()).append('\n');
    sb.append("    TCP Segment Len: ").append(s.len).append('\n');
    sb.append("    Sequence Number: ")
        .append(c.relativeSeq(s))
        .append("    (relative sequence number)\n");
    sb.append("    Sequence Number (raw): ").append(Integer.toUnsignedLong(s.seq)).append('\n');
    sb.append("    Acknowledgment Number: ")
        .append(c.relativeAck(s))
        .append("    (relative ack number)\n");
    sb.append("    Acknowledgment number (raw): ")
        .append(Integer.toUnsignedLong(s.ack))
        .append('\n');
    sb.append("    Header Length: ")
        .append(p.tcpHeaderLength())
        .append(" bytes (")
        .append(p.dataOffset())
        .append(")\n");
    sb.append(String.format("    Flags: 0x%03x %s%n", s.flags, TcpFlags.bracketed(s.flags)));
    sb.append("    Window: ").append(s.window).append('\n');
    long scaled = scaledWindow(s, c);
    if (scaled >= 0) {
      sb.append("    Calculated window size: ").append(scaled).append('\n');
    }
    sb.append(String.format("    Checksum: 0x%04x [unverified]%n", p.checksum()));
    sb.append("    Urgent Pointer: ").append(s.urgentPointer).append('\n');
    List<TcpOption> opts = TcpOptions.list(p);
    if (!opts.isEmpty()) {
      sb.append("    Options: (")
          .append(p.tcpHeaderLength() - 20)
          .append(" bytes)")
          .append(s.options.truncated ? " [cut by snaplen]" : "")
          .append('\n');
      for (TcpOption t : opts) {
        sb.append("        ").append(optionLine(t)).append('\n');
      }
    }
    sb.append("    TCP payload: ")
        .append(s.len)
        .append(" bytes (")
        .append(s.capturedLen)
        .append(" captured)\n");
    return sb.toString();
  }

  private static String optionLine(TcpOption t) {
    String head = t.kind() + " (kind " + t.code() + ")";
    if (t.error() != null) {
      return head + ": " + t.error();
    }
    String detail = TcpOptions.summary(List.of(t));
    if (t.kind().equals("unknown") || t.kind().equals("experimental")) {
      detail = "data " + (t.raw() == null ? "" : HexFormat.of().formatHex(t.raw()));
    }
    return detail.isEmpty() ? head : head + ": " + detail;
  }

  private static String ecnName(int ecn) {
    return switch (ecn) {
      case 1 -> "ECT(1)";
      case 2 -> "ECT(0)";
      case 3 -> "CE";
      default -> "Not-ECT";
    };
  }

  /**
   * The window scaled by its sender's shift (rules.md clarification 16), once both SYNs were seen;
   * -1 while the scale is unknown. A SYN's window is never scaled (RFC 7323 §2.2).
   */
  static long scaledWindow(Segment s, Conversation c) {
    int shift = s.syn() ? 0 : org.tcplint.flow.Tracker.scale(c, s.side);
    return shift < 0 ? -1 : Integer.toUnsignedLong(s.window) << shift;
  }
}
