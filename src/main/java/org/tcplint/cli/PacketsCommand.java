package org.tcplint.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.tcplint.capture.CaptureFormatException;
import org.tcplint.capture.Captures;
import org.tcplint.capture.Frame;
import org.tcplint.decode.Packet;
import org.tcplint.decode.PacketDecoder;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.FlowTable;
import org.tcplint.flow.Segment;
import org.tcplint.report.Printable;
import org.tcplint.rules.Finding;

/**
 * {@code tcplint packets}: one line (or JSON object, or field tree) per TCP segment; with {@code
 * --stream}, {@code --frame}, {@code --rule-only} only the segments of that stream, in that range,
 * with a finding of that rule.
 */
final class PacketsCommand {
  private PacketsCommand() {}

  static Options options() {
    Options o = new Options();
    o.addOption(
        Option.builder("f").longOpt("format").hasArg().argName("FMT").desc("text or json").get());
    o.addOption(Option.builder("V").longOpt("verbose").desc("full field tree per frame").get());
    Filters.addTo(o);
    o.addOption(Option.builder("h").longOpt("help").desc("this help").get());
    return o;
  }

  static int run(CommandLine cl, PrintStream out, PrintStream err) throws UsageException {
    String format = cl.getOptionValue("f", "text");
    if (!format.equals("text") && !format.equals("json")) {
      throw new UsageException("unknown format for packets: " + format + " (text or json)");
    }
    if (cl.getArgList().size() != 1) {
      throw new UsageException("packets takes exactly one capture file");
    }
    Filters filters = Filters.of(cl);
    boolean verbose = cl.hasOption("V");
    String name = cl.getArgList().get(0);
    Path path = input(name, err);
    if (path == null) {
      return ExitCode.BAD_INPUT;
    }
    Map<Long, List<Finding>> findings = new HashMap<>();
    for (Finding x :
        org.tcplint.api.Tcplint.builder().threads(1).build().check(path, name).findings()) {
      if (!filters.finding(x)) {
        continue;
      }
      findings.computeIfAbsent(x.frame(), k -> new ArrayList<>()).add(x);
    }
    Gson gson = new GsonBuilder().disableHtmlEscaping().create();
    Frame f = new Frame();
    Packet p = new Packet();
    Segment s = new Segment();
    PacketDecoder decoder = new PacketDecoder();
    FlowTable table = new FlowTable(c -> {});
    double firstTime = Double.NaN;
    try (Captures.Opened opened = Captures.open(path)) {
      while (opened.reader().next(f)) {
        if (f.number > filters.lastFrame()) {
          break;
        }
        decoder.decode(f, p);
        if (Double.isNaN(firstTime) && f.hasTimestamp) {
          firstTime = f.tsSeconds + f.tsNanos / 1e9;
        }
        if (p.status() == Packet.Status.MALFORMED || p.status() == Packet.Status.TCP_HEADER_CUT) {
          if (!filters.frame(f.number, -1)
              || (!filters.rules().isEmpty() && !findings.containsKey(f.number))) {
            continue;
          }
          if (format.equals("json")) {
            if (p.hasTcpPorts()) {
              out.println(gson.toJson(PacketView.brokenJson(f, p)));
            }
          } else {
            out.printf(
                "%6d  [%s]%n",
                f.number,
                p.problem() != null
                    ? "malformed: " + p.problem()
                    : "TCP header cut by the snaplen");
          }
          continue;
        }
        if (!p.isTcp()) {
          continue;
        }
        s.fill(f, p);
        Conversation c = table.lookup(s);
        org.tcplint.flow.Tracker.roles(c, s);
        org.tcplint.flow.Tracker.apply(c, s);
        c.account(s);
        List<Finding> mine = findings.getOrDefault(f.number, List.of());
        if (!filters.frame(f.number, c.stream())
            || (!filters.rules().isEmpty() && mine.isEmpty())) {
          continue;
        }
        if (format.equals("json")) {
          out.println(gson.toJson(PacketView.withFindings(PacketView.json(f, p, s, c), mine)));
        } else if (verbose) {
          out.print(PacketView.tree(f, p, s, c));
          out.println(PacketView.findingsTree(mine));
        } else {
          double t =
              f.hasTimestamp && !Double.isNaN(firstTime)
                  ? f.tsSeconds + f.tsNanos / 1e9 - firstTime
                  : 0;
          out.println(PacketView.line(f, p, s, c, t) + PacketView.findingsSuffix(mine));
        }
      }
    } catch (CaptureFormatException e) {
      out.flush();
      err.println("tcplint: " + Printable.escape(name + ": " + describe(e)));
      return ExitCode.BAD_INPUT;
    } catch (IOException e) {
      out.flush();
      err.println("tcplint: " + Printable.escape(name + ": cannot read: " + e.getMessage()));
      return ExitCode.BAD_INPUT;
    }
    out.flush();
    return ExitCode.OK;
  }

  /**
   * The file a command reads {@code name} from: standard input ({@code -}) copied to a temporary
   * file, so that it can be read twice; null, with a message on {@code err}, when it cannot be.
   */
  static Path input(String name, PrintStream err) {
    try {
      return name.equals("-") ? spool() : org.tcplint.capture.FileNames.path(name);
    } catch (IOException e) {
      err.println(
          e.getMessage().equals(org.tcplint.capture.StandardInput.NOT_OPEN)
              ? "tcplint: -: " + e.getMessage()
              : "tcplint: cannot read standard input: " + e.getMessage());
      return null;
    }
  }

  /** Copies standard input to a temporary file, so that it can be read twice. */
  static Path spool() throws IOException {
    java.io.InputStream in = org.tcplint.capture.StandardInput.open();
    Path tmp = java.nio.file.Files.createTempFile("tcplint-stdin", ".cap");
    tmp.toFile().deleteOnExit();
    try (java.io.OutputStream o = java.nio.file.Files.newOutputStream(tmp)) {
      in.transferTo(o);
    }
    return tmp;
  }

  /** One-line description of a capture fault with its byte offset. */
  static String describe(CaptureFormatException e) {
    return (e.truncated() ? "truncated" : "malformed")
        + " at byte offset "
        + e.offset()
        + ": "
        + e.reason();
  }
}
