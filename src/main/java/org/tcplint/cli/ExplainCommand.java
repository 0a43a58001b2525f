package org.tcplint.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.tcplint.check.FileResult;
import org.tcplint.example.Examples;
import org.tcplint.example.LadderCapture;
import org.tcplint.rules.Anchors;
import org.tcplint.rules.Anchors.Tool;
import org.tcplint.rules.Catalog;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleDescriptor;

/** {@code tcplint explain RULE_ID}: what, why, a wrong and a right ladder, how to silence it. */
final class ExplainCommand {
  private ExplainCommand() {}

  static int run(List<String> args, PrintStream out) throws UsageException {
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
      org.tcplint.api.Tcplint checker = org.tcplint.api.Tcplint.builder().threads(1).build();
      out.println();
      out.println("Wrong (client 192.0.2.1:50000, server 198.51.100.7:80; flags seq ack):");
      out.print(ex.wrong().draw());
      FileResult r = checker.check(LadderCapture.pcapng(ex.wrong()), "example");
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
      out.println("Right:");
      out.print(ex.right().draw());
      out.println("  -> no " + id + " finding");
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
