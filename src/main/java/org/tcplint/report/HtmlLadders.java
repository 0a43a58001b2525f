package org.tcplint.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tcplint.capture.FileNames;
import org.tcplint.check.FileResult;
import org.tcplint.check.LadderRow;
import org.tcplint.check.LadderTrace;

/**
 * The ladders the HTML report embeds: for every conversation with a finding shown, its rows as
 * {@link LadderTrace} gives them (the capture read again once after its check, the same rows and
 * numbers as {@code tcplint ladder}), quiet data runs folded as in the terminal ({@link
 * LadderFolds}), at most {@link #MAX_ROWS} rows kept before only the rows with a finding are.
 * Standard input, read once, gets no ladders.
 */
class HtmlLadders {
  /** Rows kept of one conversation before only those with a finding are. */
  static final int MAX_ROWS = 400;

  /** The streams whose ladders are wanted. */
  static final class Wanted {
    private final Set<Integer> streams = new TreeSet<>();

    void add(int stream) {
      streams.add(stream);
    }
  }

  /**
   * The ladders by stream (none when the file cannot be read again); a big capture's records
   * decoded on {@code pool} when not null.
   */
  Map<Integer, LadderTrace> ladders(
      FileResult r, Wanted wanted, java.util.concurrent.Executor pool) {
    if (wanted.streams.isEmpty() || r.path().equals("-")) {
      return Map.of();
    }
    Path path = FileNames.path(r.path());
    if (!Files.isRegularFile(path)) {
      return Map.of();
    }
    try {
      return LadderTrace.of(
          LadderTrace.file(path), r, wanted.streams, LadderTrace.Selection.all(), MAX_ROWS, pool);
    } catch (IOException e) {
      return Map.of(); // gone or unreadable since its check: the page says it has no ladder
    }
  }

  /**
   * One ladder as the page's script reads it: an array of rows {@code [frame, microseconds since
   * the first segment, 1 from the client or 0, flags ("SYN-ACK"), seq, ack (null without ACK), len,
   * window, SYN options (or null), 0]}, and fold rows {@code [frame, 0, 1, "", 0, null, payload
   * bytes, 0, null, segments]}.
   */
  static void write(JsonOut w, LadderTrace t) throws IOException {
    w.beginArray();
    java.util.Iterator<LadderTrace.Omission> left = t.omissions().iterator();
    LadderTrace.Omission next = left.hasNext() ? left.next() : null;
    for (LadderFolds.Item item : LadderFolds.items(t.rows(), true)) {
      if (item instanceof LadderFolds.Row row) {
        LadderRow r = row.row();
        if (next != null && next.beforeFrame() == r.frame()) {
          fold(w, next.segments(), next.bytes());
          next = left.hasNext() ? left.next() : null;
        }
        w.beginArray()
            .value(r.frame())
            .value(r.timeNanos() / 1000)
            .value(r.fromClient() ? 1 : 0)
            .value(r.flags().isEmpty() ? "none" : String.join("-", r.flags()))
            .value(r.seq())
            .value(r.hasAck() ? (Long) r.ack() : null)
            .value(r.len())
            .value(r.window())
            .value(r.options().isEmpty() ? null : r.options())
            .value(0)
            .endArray();
      } else {
        LadderFolds.Fold f = (LadderFolds.Fold) item;
        fold(w, f.segments(), f.bytes());
      }
    }
    if (next != null) {
      fold(w, next.segments(), next.bytes());
    }
    w.endArray();
  }

  private static void fold(JsonOut w, long segments, long bytes) throws IOException {
    w.beginArray()
        .value(0)
        .value(0)
        .value(1)
        .value("")
        .value(0)
        .value((Long) null)
        .value(bytes)
        .value(0)
        .value((String) null)
        .value(segments)
        .endArray();
  }
}
