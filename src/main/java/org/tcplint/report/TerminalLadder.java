package org.tcplint.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.LadderRow;
import org.tcplint.check.LadderTrace;
import org.tcplint.rules.Finding;

/**
 * Draws a {@link LadderTrace} for a terminal: the client's column on the left, the server's on the
 * right, one arrow a segment with its flags and relative numbers written along it, and each finding
 * marked {@code ✗} on its segment's line, e.g.
 *
 * <pre>
 *      2    0.001000  │◀── SYN-ACK seq=0 ack=4501 len=0 win=1000 MSS=100 ─│  ✗ expected ack=1, raw 501 (handshake.synack-wrong-ack, error)
 * </pre>
 *
 * A finding that compares no sequence or acknowledgment number is marked with its rule and severity
 * ({@code ✗ close.abort (info)}); {@link #findings} lists every message in full. ANSI colours only
 * when {@code colour}; the quiet middle of a long data phase folded into one line when {@code fold}
 * (more than 8 quiet data segments in a row; see {@code LadderFolds}).
 */
public final class TerminalLadder {
  private static final String RESET = "\u001b[0m";
  private static final String TO_SERVER = "\u001b[32m";
  private static final String TO_CLIENT = "\u001b[34m";
  private static final String DIM = "\u001b[2m";
  private static final String BOLD = "\u001b[1m";
  private static final int MIN_WIDTH = 30;

  private final boolean colour;
  private final boolean fold;

  /** A drawing with ANSI colours when {@code colour}, quiet data runs folded when {@code fold}. */
  public TerminalLadder(boolean colour, boolean fold) {
    this.colour = colour;
    this.fold = fold;
  }

  /** {@code stream 0: 192.0.2.1:50000 → 198.51.100.7:80 (http), open three-way, close none}. */
  public void title(LadderTrace t, Appendable out) throws IOException {
    ConversationSummary c = t.conversation();
    String text =
        "stream "
            + c.stream()
            + ": "
            + c.client()
            + " \u2192 "
            + c.server()
            + (c.service() == null ? "" : " (" + c.service() + ")")
            + ", open "
            + c.open()
            + ", close "
            + c.close()
            + ", "
            + c.packets()
            + (c.packets() == 1 ? " segment" : " segments");
    out.append(paint(BOLD, Printable.escape(text))).append('\n');
  }

  /** The column heads and one line per segment (or fold). */
  public void ladder(LadderTrace t, Appendable out) throws IOException {
    List<LadderFolds.Item> items = LadderFolds.items(t.rows(), fold);
    int width = MIN_WIDTH;
    for (LadderFolds.Item item : items) {
      width =
          Math.max(
              width,
              item instanceof LadderFolds.Row r
                  ? label(r.row()).length() + 6
                  : foldText((LadderFolds.Fold) item).length() + 4);
    }
    String pad = " ".repeat(19);
    String client = "client " + t.conversation().client();
    String server = "server " + t.conversation().server();
    int gap = Math.max(2, width + 2 - client.length() - server.length());
    out.append(String.format("%6s  %9s  ", "frame", "time"))
        .append(Printable.escape(client))
        .append(" ".repeat(gap))
        .append(Printable.escape(server))
        .append('\n');
    out.append(pad).append('│').append(" ".repeat(width)).append("│\n");
    for (LadderFolds.Item item : items) {
      if (item instanceof LadderFolds.Row r) {
        row(r.row(), width, out);
      } else {
        String text = foldText((LadderFolds.Fold) item);
        int left = (width - text.length()) / 2;
        out.append(pad)
            .append('│')
            .append(paint(DIM, " ".repeat(left) + text + " ".repeat(width - left - text.length())))
            .append("│\n");
      }
    }
    if (t.rows().isEmpty()) {
      out.append(pad).append("│ (no segments selected)").append('\n');
    }
  }

  /** Every finding drawn, one a line, with its full message, in frame order. */
  public void findings(LadderTrace t, Appendable out) throws IOException {
    List<Finding> all = new ArrayList<>();
    for (LadderRow r : t.rows()) {
      r.marks().forEach(m -> all.add(m.finding()));
    }
    all.addAll(t.others());
    all.sort(Comparator.comparingLong(Finding::frame));
    if (all.isEmpty()) {
      out.append("no findings\n");
      return;
    }
    out.append("findings:\n");
    for (Finding f : all) {
      out.append("  frame ")
          .append(Long.toString(f.frame()))
          .append(": ")
          .append(paint(severityColour(f), f.severity().label()))
          .append(' ')
          .append(f.rule())
          .append(": ")
          .append(Printable.escape(f.message()))
          .append('\n');
    }
  }

  private void row(LadderRow r, int width, Appendable out) throws IOException {
    String label = label(r);
    String dashes = "─".repeat(width - label.length() - 4);
    String arrow =
        r.fromClient() ? "─ " + label + " " + dashes + "▶" : "◀" + dashes + " " + label + " ─";
    out.append(String.format(Locale.ROOT, "%6d  %9.6f  ", r.frame(), r.timeNanos() / 1e9))
        .append('│')
        .append(paint(r.fromClient() ? TO_SERVER : TO_CLIENT, arrow))
        .append('│');
    String pad = " ".repeat(19) + "│" + " ".repeat(width) + "│";
    boolean first = true;
    for (LadderRow.Mark m : r.marks()) {
      if (!first) {
        out.append('\n').append(pad);
      }
      out.append("  ").append(paint(severityColour(m.finding()), mark(m)));
      first = false;
    }
    out.append('\n');
  }

  /** {@code SYN-ACK seq=0 ack=4501 len=0 win=1000 MSS=100}. */
  static String label(LadderRow r) {
    StringBuilder sb = new StringBuilder(64);
    sb.append(r.flags().isEmpty() ? "<none>" : String.join("-", r.flags()));
    sb.append(" seq=").append(r.seq());
    if (r.hasAck()) {
      sb.append(" ack=").append(r.ack());
    }
    sb.append(" len=").append(r.len()).append(" win=").append(r.window());
    if (!r.options().isEmpty()) {
      sb.append(' ').append(r.options());
    }
    return sb.toString();
  }

  /** {@code ✗ expected ack=1, raw 501 (handshake.synack-wrong-ack, error)}. */
  static String mark(LadderRow.Mark m) {
    Finding f = m.finding();
    String what = f.rule() + ", " + f.severity().label();
    if (m.field() == null) {
      return "✗ " + f.rule() + " (" + f.severity().label() + ")";
    }
    return "✗ expected "
        + m.field()
        + "="
        + m.expected()
        + ", raw "
        + f.expected()
        + " ("
        + what
        + ")";
  }

  /** {@code … 1,200 segments, 1.4 MB, no findings …}. */
  static String foldText(LadderFolds.Fold f) {
    return String.format(
        Locale.ROOT, "… %,d segments, %s, no findings …", f.segments(), bytes(f.bytes()));
  }

  /** Payload size in SI units: {@code 512 bytes}, {@code 1.4 MB}. */
  static String bytes(long n) {
    if (n < 1000) {
      return n + (n == 1 ? " byte" : " bytes");
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = n / 1000.0;
    int u = 0;
    while (v >= 999.95 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static String severityColour(Finding f) {
    return switch (f.severity()) {
      case ERROR -> "\u001b[31m";
      case WARNING -> "\u001b[33m";
      default -> "\u001b[36m";
    };
  }

  private String paint(String code, String text) {
    return colour ? code + text + RESET : text;
  }
}
