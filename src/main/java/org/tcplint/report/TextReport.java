package org.tcplint.report;

import java.util.List;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;
import org.tcplint.rules.Severity;

/**
 * The report for people: grouped by file then conversation, one finding per line as {@code
 * path:frame: severity rule: message}, then a one-line summary. Colour only when asked (a terminal
 * without {@code NO_COLOR}).
 */
public final class TextReport {
  private TextReport() {}

  public static String render(
      List<FileResult> files, Severity minimum, boolean colour, boolean quiet) {
    StringBuilder sb = new StringBuilder();
    long[] counts = new long[Severity.values().length];
    long conversations = 0;
    long packets = 0;
    for (FileResult f : files) {
      packets += f.packets();
      conversations += f.conversations().size();
      for (Finding x : f.findings()) {
        counts[x.severity().ordinal()]++;
      }
      if (quiet) {
        continue;
      }
      List<Finding> shown =
          f.findings().stream().filter(x -> x.severity().atLeast(minimum)).toList();
      for (Finding x : shown.stream().filter(x -> x.stream() < 0).toList()) {
        line(sb, f, x, colour);
      }
      for (ConversationSummary c : f.conversations()) {
        List<Finding> mine = shown.stream().filter(x -> x.stream() == c.stream()).toList();
        if (mine.isEmpty()) {
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
    sb.append(
        String.format(
            "%d file%s, %d packets, %d conversations: %d error%s, %d warning%s, %d info%n",
            files.size(),
            files.size() == 1 ? "" : "s",
            packets,
            conversations,
            counts[Severity.ERROR.ordinal()],
            counts[Severity.ERROR.ordinal()] == 1 ? "" : "s",
            counts[Severity.WARNING.ordinal()],
            counts[Severity.WARNING.ordinal()] == 1 ? "" : "s",
            counts[Severity.INFO.ordinal()]));
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
