package org.tcplint.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tcplint.capture.FileNames;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.check.SegmentRows;

/**
 * The ladder rows the HTML report embeds: for every conversation with a finding shown, its first
 * {@link #HEAD} segments and those around its findings ({@link SegmentRows}), read again from the
 * capture file after its check. Standard input, read once, gets no ladders.
 */
class HtmlLadders {
  /** Segments shown from a conversation's start. */
  static final int HEAD = 40;

  /** The streams whose ladders are wanted, and the frames of their findings. */
  static final class Wanted {
    private final Map<Integer, Set<Long>> frames = new TreeMap<>();

    void add(int stream, long frame) {
      frames.computeIfAbsent(stream, k -> new HashSet<>()).add(frame);
    }

    boolean isEmpty() {
      return frames.isEmpty();
    }
  }

  /** The rows by stream (empty when the file cannot be read again). */
  Map<Integer, List<SegmentRows.Row>> rows(FileResult r, Wanted wanted) {
    if (wanted.isEmpty() || r.path().equals("-") || r.error() != null && r.packets() == 0) {
      return Map.of();
    }
    Path path = FileNames.path(r.path());
    if (!Files.isRegularFile(path)) {
      return Map.of();
    }
    List<ConversationSummary> chosen = new ArrayList<>();
    for (ConversationSummary c : r.conversations()) {
      if (wanted.frames.containsKey(c.stream())) {
        chosen.add(c);
      }
    }
    return SegmentRows.collect(path, chosen, wanted.frames, HEAD);
  }

  /** One row as the page's script reads it (report.js {@code ROW}). */
  static void write(JsonOut w, SegmentRows.Row row) throws IOException {
    w.beginArray()
        .value(row.frame())
        .value(row.micros())
        .value(row.fromClient() ? 1 : 0)
        .value(row.flagText())
        .value(row.seq())
        .value(row.ack())
        .value(row.len())
        .value(row.window())
        .value(row.options())
        .value(row.folded())
        .endArray();
  }
}
