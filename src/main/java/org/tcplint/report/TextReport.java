package org.tcplint.report;

import java.util.List;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;

/**
 * The report for people: grouped by file then conversation, one finding per line as {@code
 * path:frame: severity rule: message}, then a one-line summary. Colour only when asked (a terminal
 * without {@code NO_COLOR}).
 */
public final class TextReport {
  private TextReport() {}

  /** The one-line summary. */
  public static String summaryLine(RunSummary s) {
    return String.format(
        "%d file%s, %d packets, %d conversations: %d error%s, %d warning%s, %d info%s%s%n",
        s.files(),
        s.files() == 1 ? "" : "s",
        s.packets(),
        s.conversations(),
        s.errors(),
        s.errors() == 1 ? "" : "s",
        s.warnings(),
        s.warnings() == 1 ? "" : "s",
        s.infos(),
        s.suppressed() > 0 ? " (" + s.suppressed() + " suppressed)" : "",
        s.baselined() > 0 ? " (" + s.baselined() + " in the baseline, not shown)" : "");
  }

  /** The findings, grouped by file then conversation. */
  public static String body(List<FileResult> files, boolean colour) {
    StringBuilder sb = new StringBuilder();
    for (FileResult f : files) {
      List<Finding> shown = f.findings();
      for (Finding x : shown.stream().filter(x -> x.stream() < 0).toList()) {
        line(sb, f, x, colour);
      }
      java.util.Map<Integer, List<Finding>> byStream = new java.util.HashMap<>();
      for (Finding x : shown) {
        if (x.stream() >= 0) {
          byStream.computeIfAbsent(x.stream(), k -> new java.util.ArrayList<>()).add(x);
        }
      }
      for (ConversationSummary c : f.conversations()) {
        List<Finding> mine = byStream.get(c.stream());
        if (mine == null) {
          continue;
        }
        sb.append("# ")
            .append(f.path())
            .append(" stream ")
            .append(c.stream())
            .append(": ")
            .append(c.client())
            .append(" -> ")
            .append(c.server())
            .append(c.service() != null ? " (" + c.service() + ")" : "")
            .append(", open ")
            .append(c.open())
            .append(", close ")
            .append(c.close())
            .append('\n');
        for (Finding x : mine) {
          line(sb, f, x, colour);
        }
      }
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, FileResult f, Finding x, boolean colour) {
    String sev = x.severity().label();
    if (colour) {
      String code =
          switch (x.severity()) {
            case ERROR -> "31";
            case WARNING -> "33";
            default -> "36";
          };
      sev = "\u001b[" + code + "m" + sev + "\u001b[0m";
    }
    sb.append(f.path())
        .append(':')
        .append(x.frame())
        .append(": ")
        .append(sev)
        .append(' ')
        .append(x.rule())
        .append(": ")
        .append(x.message());
    if (x.offset() != null) {
      sb.append(" [byte offset ").append(x.offset()).append(']');
    }
    sb.append('\n');
  }
}
