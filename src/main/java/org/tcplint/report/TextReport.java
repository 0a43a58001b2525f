package org.tcplint.report;

import java.io.IOException;
import java.util.function.Consumer;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.check.SpillList;
import org.tcplint.rules.Finding;
import org.tcplint.rules.Severity;

/**
 * The report for people: grouped by file then conversation, one finding per line as {@code
 * path:frame: severity rule: message} (those of severity {@code --show} or higher), then the expert
 * summary ({@link ExpertSummary}) and a one-line summary. Colour only when asked (a terminal where
 * {@code NO_COLOR} is unset or empty).
 */
public final class TextReport {
  private TextReport() {}

  /** The one-line summary. */
  public static String summaryLine(RunSummary s) {
    return summaryLine(s, "");
  }

  /**
   * The one-line summary, with {@code notShown} (what {@code --show} left out, by rule) in
   * parentheses after the counts when not empty.
   */
  public static String summaryLine(RunSummary s, String notShown) {
    return String.format(
        "%d file%s, %d packets, %d conversations: %d error%s, %d warning%s, %d info%s%s%s%n",
        s.files(),
        s.files() == 1 ? "" : "s",
        s.packets(),
        s.conversations(),
        s.errors(),
        s.errors() == 1 ? "" : "s",
        s.warnings(),
        s.warnings() == 1 ? "" : "s",
        s.infos(),
        notShown.isEmpty() ? "" : " (" + notShown + ")",
        s.suppressed() > 0 ? " (" + s.suppressed() + " suppressed)" : "",
        s.baselined() > 0 ? " (" + s.baselined() + " in the baseline, not shown)" : "");
  }

  /**
   * Writes one file's findings: those of the capture itself first, then each conversation's under a
   * header line, in stream order. Nothing is held beyond what the result holds (findings are
   * regrouped by stream in a list that spills to temporary files).
   */
  public static void body(FileResult f, boolean colour, Appendable out) throws IOException {
    body(f, colour, Severity.INFO, x -> {}, out);
  }

  /**
   * Writes one file's findings of severity {@code show} or higher, as {@link #body(FileResult,
   * boolean, Appendable)}; {@code each} sees every finding of the file, those not shown too.
   */
  public static void body(
      FileResult f, boolean colour, Severity show, Consumer<Finding> each, Appendable out)
      throws IOException {
    for (Finding x : f.findings()) {
      each.accept(x);
      if (x.stream() < 0 && x.severity().atLeast(show)) {
        line(out, f, x, colour);
      }
    }
    try (SpillList<Finding> byStream = f.findingsByStream(x -> x.severity().atLeast(show))) {
      for (ConversationFindings it = new ConversationFindings(f, byStream);
          it.findingsLeft() && it.hasNext(); ) {
        ConversationFindings.Group g = it.next();
        if (g.findings().isEmpty()) {
          continue;
        }
        ConversationSummary c = g.conversation();
        out.append("# ")
            .append(Printable.escape(f.path()))
            .append(" stream ")
            .append(Integer.toString(c.stream()))
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
        for (Finding x : g.findings()) {
          line(out, f, x, colour);
        }
      }
    }
  }

  /** The terminal colour of a severity: red, yellow, cyan. */
  static String colourCode(Severity s) {
    return switch (s) {
      case ERROR -> "31";
      case WARNING -> "33";
      default -> "36";
    };
  }

  private static void line(Appendable sb, FileResult f, Finding x, boolean colour)
      throws IOException {
    String sev = x.severity().label();
    if (colour) {
      sev = "\u001b[" + colourCode(x.severity()) + "m" + sev + "\u001b[0m";
    }
    sb.append(Printable.escape(f.path()))
        .append(':')
        .append(Long.toString(x.frame()))
        .append(": ")
        .append(sev)
        .append(' ')
        .append(x.rule())
        .append(": ")
        .append(Printable.escape(x.message()));
    if (x.offset() != null) {
      sb.append(" [byte offset ").append(Long.toString(x.offset())).append(']');
    }
    sb.append('\n');
  }
}
