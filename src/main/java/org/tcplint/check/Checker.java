package org.tcplint.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tcplint.capture.CaptureFormatException;
import org.tcplint.capture.Captures;
import org.tcplint.capture.Frame;
import org.tcplint.decode.LinkType;
import org.tcplint.decode.Packet;
import org.tcplint.decode.PacketDecoder;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.FlowTable;
import org.tcplint.flow.Segment;
import org.tcplint.flow.Services;
import org.tcplint.flow.Tracker;
import org.tcplint.rules.CloseRules;
import org.tcplint.rules.Finding;
import org.tcplint.rules.HandshakeRules;
import org.tcplint.rules.LifecycleRules;
import org.tcplint.rules.OptionRules;
import org.tcplint.rules.PacketRules;
import org.tcplint.rules.ResetRules;
import org.tcplint.rules.Rule;
import org.tcplint.rules.RuleContext;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.SequenceRules;
import org.tcplint.rules.Settings;

/**
 * Checks one capture: bytes → frames → decoded packets → conversation facts → rules → findings. A
 * broken file structure ends reading with a {@code capture.*} finding; everything read before it is
 * still checked and reported.
 */
public final class Checker {
  private final RuleLevels levels;
  private final Settings settings;

  public Checker(RuleLevels levels) {
    this(levels, Settings.DEFAULTS);
  }

  public Checker(RuleLevels levels, Settings settings) {
    this.levels = levels;
    this.settings = settings;
  }

  /** Every rule family, in evaluation order. */
  static List<Rule> rules() {
    return List.of(
        new PacketRules(),
        new OptionRules(),
        new LifecycleRules(),
        new HandshakeRules(),
        new CloseRules(),
        new SequenceRules(),
        new ResetRules());
  }

  /** Checks a capture file ({@code -} is standard input). */
  public FileResult check(Path path, String displayName) {
    return check(() -> Captures.open(path), displayName);
  }

  /** As {@link #check(Path, String)}, telling {@code progress} about bytes read as it goes. */
  public FileResult check(Path path, String displayName, java.util.function.LongConsumer progress) {
    return check(() -> Captures.open(path), displayName, progress);
  }

  /** Checks a capture held in memory. */
  public FileResult check(byte[] capture, String displayName) {
    return check(() -> Captures.open(new java.io.ByteArrayInputStream(capture)), displayName);
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
    long reported = 0;
    List<Finding> findings = new ArrayList<>();
    List<ConversationSummary> conversations = new ArrayList<>();
    RuleContext ctx = new RuleContext(levels, settings, findings::add);
    List<Rule> rules = rules();
    Map<Conversation, History> histories = new IdentityHashMap<>();
    Map<Integer, ConversationSummary> byStream = new java.util.HashMap<>();
    FlowTable table =
        new FlowTable(
            c -> {
              History h = histories.remove(c);
              ConversationSummary sum = summary(c, h == null ? "" : h.toString());
              if (c.continuation) {
                ConversationSummary first = byStream.get(c.stream());
                if (first != null) {
                  byStream.put(c.stream(), merge(first, sum));
                  return;
                }
              } else {
                ctx.current(null, null); // end-of-conversation findings name no current segment
                for (Rule r : rules) {
                  r.onEnd(ctx, c);
                }
              }
              byStream.put(c.stream(), sum);
            },
            settings.lingerNanos(),
            settings.idleNanos(),
            settings.maxConversations());
    Frame f = new Frame();
    Packet p = new Packet();
    Segment s = new Segment();
    PacketDecoder decoder = new PacketDecoder();
    Set<Integer> unsupported = new HashSet<>();
    long packets = 0;
    long tcp = 0;
    String format = null;
    String compression = null;
    String error = null;
    String firstTime = null;
    long bytes = 0;
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
              tcp++;
              s.fill(f, p);
              if ((tcp & 1023) == 0) {
                table.expire(s.timeNanos());
                if ((tcp & 65535) == 0) {
                  table.expireIdle(s.timeNanos());
                }
              }
              Conversation c = table.lookup(p, s);
              if (c == null) {
                continue; // the table is full: counted, reported once at the end
              }
              Tracker.roles(c, s);
              ctx.current(c, s);
              histories.computeIfAbsent(c, k -> new History()).add(c, s);
              if (s.capturedLen < s.len && !c.endpoint(s.side).snaplenReported) {
                c.endpoint(s.side).snaplenReported = true;
                ctx.reportFile(
                    "capture.snaplen",
                    c.stream(),
                    s.frame,
                    "packet cut by the snaplen: "
                        + s.capturedLen
                        + " of "
                        + s.len
                        + " payload bytes captured (length taken from the IP header)",
                    null);
              }
              if (duplicate(c, s)) {
                if (!c.duplicateReported) {
                  c.duplicateReported = true;
                  ctx.reportFile(
                      "capture.duplicate",
                      c.stream(),
                      s.frame,
                      "the same segment as frame "
                          + c.lastSegFrame
                          + " was captured again"
                          + (s.interfaceId != c.lastInterface ? " on another interface" : "")
                          + "; duplicates are not analysed",
                      null);
                }
                c.account(s);
                continue;
              }
              for (Rule r : rules) {
                r.onSegment(ctx, c, s);
              }
              Tracker.apply(c, s);
              c.account(s);
              table.touched(c);
            }
            case MALFORMED ->
                ctx.reportFile(
                    "decode.malformed",
                    -1,
                    f.number,
                    p.problem() + " (byte " + (p.problemOffset() - f.offset) + " of the frame)",
                    f.fileOffset);
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
      }
      bytes = o.reader().position();
      progress.accept(bytes - reported);
    } catch (CaptureFormatException e) {
      error = e.getMessage();
      ctx.reportFile(
          e.truncated() ? "capture.truncated" : "capture.malformed", -1, 0, e.reason(), e.offset());
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
    table.finish();
    if (table.untrackedSegments() > 0) {
      ctx.current(null, null);
      ctx.reportFile(
          "capture.flow-table-full",
          -1,
          table.firstUntrackedFrame(),
          "the conversation table was full ("
              + table.capacity()
              + " conversations held at once): "
              + table.untrackedSegments()
              + " segments ("
              + table.untrackedSyns()
              + " SYNs) of further conversations were counted but not analysed; raise"
              + " defaults.maxConversations to analyse them",
          null);
    }
    conversations.addAll(byStream.values());
    conversations.sort(Comparator.comparingInt(ConversationSummary::stream));
    findings.sort(Comparator.comparingLong(Finding::frame).thenComparing(Finding::rule));
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
   * The same packet captured twice (e.g. on two interfaces): identical TCP header fields as the
   * previous segment of the conversation, and another interface, or the same non-zero IPv4 id less
   * than a millisecond later.
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
    // Same interface: a copy made by the capture (SPAN, bridge) arrives within microseconds and
    // carries the same IPv4 id; a retransmission comes an RTT or an RTO later.
    long dt = s.timeNanos() - c.lastTime;
    return s.ipVersion == 4 && s.ipId != 0 && c.lastIpId == s.ipId && dt >= 0 && dt < 1_000_000L;
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
        late.lastTimeNanos());
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
      windowScale = Map.of("client", ce.synWscale, "server", se.synWscale);
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
        c.lastTime);
  }
}
