package org.tcplint.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tcplint.api.Tcplint;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.check.LadderRow;
import org.tcplint.check.LadderTrace;
import org.tcplint.example.Examples;
import org.tcplint.example.Ladder;
import org.tcplint.example.LadderCapture;
import org.tcplint.report.TerminalLadder;
import org.tcplint.rules.Anchors;
import org.tcplint.rules.Anchors.Tool;
import org.tcplint.rules.Catalog;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleDescriptor;

/** {@code tcplint explain RULE_ID}: what, why, a wrong and a right ladder, how to silence it. */
final class ExplainCommand {
  private ExplainCommand() {}

  static int run(List<String> args, PrintStream out, boolean colour) throws UsageException {
    if (args.size() != 1) {
      throw new UsageException("explain takes one rule id (see 'tcplint rules')");
    }
    String id = args.get(0);
    if (!Catalog.contains(id)) {
      throw new UsageException("unknown rule id '" + id + "' (see 'tcplint rules')");
    }
    RuleDescriptor d = Catalog.get(id);
    out.println(d.id() + "  (" + d.severity().label() + ", " + d.tier() + " tier)");
    out.println();
    out.println("What it checks:");
    out.println("  " + d.condition());
    out.println();
    out.println("Why:");
    out.println("  " + (d.rfc().equals("—") ? "see the condition above" : "RFC " + d.rfc()));
    String note = Notes.note(id);
    if (note != null) {
      out.println("  " + note);
    }
    Examples.Example ex = Examples.get(id);
    if (ex != null) {
      try (Tcplint checker = Tcplint.builder().threads(1).build()) {
        out.println();
        out.print("Wrong ");
        FileResult r = example(ex.wrong(), id, checker, colour, out);
        for (Finding f : r.findings()) {
          if (f.rule().equals(id)) {
            out.println(
                "  -> frame "
                    + f.frame()
                    + ": "
                    + f.severity().label()
                    + " "
                    + id
                    + ": "
                    + f.message());
          }
        }
        out.println();
        out.print("Right ");
        example(ex.right(), id, checker, colour, out);
        out.println("  -> no " + id + " finding");
      }
    }
    out.println();
    out.println("How to silence it:");
    out.println(
        "  tcplint check --rule "
            + id
            + "=off ...      (or =info/=warning/=error to change its level)");
    out.println("  tcplint check --rule " + d.family() + ".*=off ...  (the whole family)");
    out.println();
    anchors(d.anchors(), out);
    String differs = Catalog.wiresharkNote(id);
    if (differs != null) {
      out.println();
      out.println("Where tcplint differs from Wireshark:");
      out.println("  " + differs);
    }
    return ExitCode.OK;
  }

  /**
   * Checks an example's capture and draws each of its conversations as a terminal ladder with the
   * findings of rule {@code id} marked, after a heading that gives the raw numbers the relative
   * ones start from (the ISNs when the SYNs are drawn).
   */
  private static FileResult example(
      Ladder ladder, String id, Tcplint checker, boolean colour, PrintStream out) {
    byte[] capture = LadderCapture.pcapng(ladder);
    FileResult r = checker.check(capture, "example");
    List<LadderTrace> traces;
    try {
      java.util.Set<Integer> streams = new java.util.TreeSet<>();
      for (ConversationSummary c : r.conversations()) {
        streams.add(c.stream());
      }
      traces =
          new ArrayList<>(
              LadderTrace.of(
                      LadderTrace.bytes(capture),
                      r,
                      streams,
                      new LadderTrace.Selection(1, Long.MAX_VALUE, f -> f.rule().equals(id)),
                      Integer.MAX_VALUE)
                  .values());
    } catch (IOException e) {
      throw new UncheckedIOException("an example capture held in memory", e);
    }
    out.println(
        traces.size() == 1
            ? "(seq and ack relative to " + bases(traces.get(0)) + "):"
            : "(" + traces.size() + " conversations; seq and ack relative to each side's first):");
    TerminalLadder drawing = new TerminalLadder(colour, false);
    StringBuilder sb = new StringBuilder();
    try {
      for (LadderTrace t : traces) {
        if (traces.size() > 1) {
          sb.append('\n');
          drawing.title(t, sb);
        }
        drawing.ladder(t, sb);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
    out.print(sb);
    return r;
  }

  /** {@code client 500, server 9000}: where the relative numbers of each side start. */
  private static String bases(LadderTrace t) {
    Long client = null;
    Long server = null;
    for (LadderRow row : t.rows()) {
      long isn = (row.rawSeq() - row.seq()) & 0xFFFF_FFFFL;
      if (row.fromClient() && client == null) {
        client = isn;
      } else if (!row.fromClient() && server == null) {
        server = isn;
      }
    }
    return "client "
        + (client == null ? "-" : client)
        + ", server "
        + (server == null ? "-" : server);
  }

  /**
   * The tools that check the same thing, those whose handling does not count as a check (silent,
   * partial, or a remark), and Snort 3 / packetdrill.
   */
  private static void anchors(Anchors a, PrintStream out) {
    List<Tool> checking = a.checkedBy();
    if (checking.isEmpty()) {
      out.println("Checked by none of Wireshark, Suricata and Zeek.");
    } else {
      out.println("Also checked by:");
      checking.forEach(t -> out.println("  " + t.label() + ": " + a.cell(t)));
    }
    List<Tool> others =
        Arrays.stream(Tool.values())
            .filter(t -> !checking.contains(t) && !a.cell(t).equals(Anchors.NONE))
            .toList();
    if (!others.isEmpty()) {
      out.println("Not counted as checking it:");
      others.forEach(t -> out.println("  " + t.label() + ": " + a.cell(t)));
    }
    if (!a.other().equals(Anchors.NONE)) {
      out.println("Other anchors:");
      out.println("  " + a.other());
    }
  }
}
