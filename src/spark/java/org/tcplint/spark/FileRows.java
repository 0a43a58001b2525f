package org.tcplint.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;

/**
 * One file's rows of {@link Schemas#ROWS}: its {@code files/} row, its conversations and its
 * findings (every severity, as in the JSON report).
 */
final class FileRows {
  private FileRows() {}

  /** The rows of {@code r}, read as {@code path}. */
  static List<Row> of(String path, FileResult r) {
    String date = Rows.date(r);
    List<Row> out = new ArrayList<>(1 + r.conversations().size() + r.findings().size());
    out.add(RowFactory.create(Rows.file(path, date, r), null, null));
    for (ConversationSummary c : r.conversations()) {
      out.add(RowFactory.create(null, Rows.conversation(path, date, c), null));
    }
    int index = 0;
    for (Finding f : r.findings()) {
      out.add(RowFactory.create(null, null, Rows.finding(path, date, index++, f)));
    }
    return out;
  }
}
