package org.tcplint.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;

/**
 * One file's rows: its {@code files/} row, its conversations, its findings (every severity, as in
 * the JSON report), and its tally for the run summary.
 */
record FileRows(Row file, List<Row> conversations, List<Row> findings, Tally tally)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The rows of {@code r}, read as {@code path}. */
  static FileRows of(String path, FileResult r) {
    String date = Rows.date(r);
    List<Row> conversations = new ArrayList<>(r.conversations().size());
    for (ConversationSummary c : r.conversations()) {
      conversations.add(Rows.conversation(path, date, c));
    }
    List<Row> findings = new ArrayList<>();
    Tally tally = Tally.of(path, r);
    int index = 0;
    for (Finding f : r.findings()) {
      tally.count(f);
      findings.add(Rows.finding(path, date, index++, f));
    }
    return new FileRows(Rows.file(path, date, r), conversations, findings, tally);
  }
}
