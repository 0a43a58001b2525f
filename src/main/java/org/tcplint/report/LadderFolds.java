package org.tcplint.report;

import java.util.ArrayList;
import java.util.List;
import org.tcplint.check.LadderRow;

/**
 * Folds the quiet middle of a long data phase: a run of more than {@link #FOLD_OVER} consecutive
 * data segments without a finding keeps its first and last {@link #KEEP} segments and replaces
 * those between with one {@link Fold}. The handshake, the close and every segment with a finding
 * stay.
 */
final class LadderFolds {
  static final int FOLD_OVER = 8;
  static final int KEEP = 3;

  private LadderFolds() {}

  /** A line of the drawing: a segment or a fold. */
  sealed interface Item permits Row, Fold {}

  /** One segment. */
  record Row(LadderRow row) implements Item {}

  /** Segments left out: how many, and their payload bytes. */
  record Fold(long segments, long bytes) implements Item {}

  /** The rows as drawn: all of them, or with quiet data runs folded when {@code fold}. */
  static List<Item> items(List<LadderRow> rows, boolean fold) {
    List<Item> items = new ArrayList<>(Math.min(rows.size(), 1024));
    int i = 0;
    while (i < rows.size()) {
      int end = i;
      while (fold && end < rows.size() && quiet(rows.get(end))) {
        end++;
      }
      if (end - i > FOLD_OVER) {
        long bytes = 0;
        for (int k = i + KEEP; k < end - KEEP; k++) {
          bytes += rows.get(k).len();
        }
        add(items, rows, i, i + KEEP);
        items.add(new Fold(end - i - 2L * KEEP, bytes));
        add(items, rows, end - KEEP, end);
        i = end;
      } else {
        add(items, rows, i, Math.max(end, i + 1));
        i = Math.max(end, i + 1);
      }
    }
    return items;
  }

  private static boolean quiet(LadderRow r) {
    return r.phase() == LadderRow.Phase.DATA && r.marks().isEmpty();
  }

  private static void add(List<Item> items, List<LadderRow> rows, int from, int to) {
    for (int k = from; k < to; k++) {
      items.add(new Row(rows.get(k)));
    }
  }
}
