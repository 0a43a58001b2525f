package org.tcplint.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.tcplint.check.Baseline;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;

/**
 * One file's rows of {@link Schemas#ROWS}, made as they are read: its {@code files/} row, its
 * conversations, its findings (every severity, as in the JSON report). A big capture's results stay
 * where the library keeps them (in temporary files beyond a limit) until their rows are taken; the
 * result is released after the last row, or by {@link #release()} when the task ends first.
 */
final class FileRows implements Iterator<Row> {
  private final String path;
  private final String date;
  private final FileResult result;
  private final FileResult read;
  private final Iterator<ConversationSummary> conversations;
  private final Iterator<Finding> findings;
  private final int fileIndex;
  private final boolean fingerprints;
  private Row next;
  private int index;
  private boolean released;

  /**
   * The rows of {@code r}, read as {@code path}, the input number {@code fileIndex}: the file's
   * result {@code read} without the {@code suppressed} findings the config's suppressions removed
   * ({@code read} itself when none; both released with the rows); with their baseline fingerprints
   * when {@code fingerprints}.
   */
  FileRows(
      String path,
      int fileIndex,
      boolean fingerprints,
      FileResult read,
      FileResult r,
      long suppressed) {
    this.path = path;
    this.fileIndex = fileIndex;
    this.fingerprints = fingerprints;
    this.date = Rows.date(r);
    this.result = r;
    this.read = read;
    this.conversations = r.conversations().iterator();
    this.findings = r.findings().iterator();
    this.next =
        RowFactory.create(Rows.file(path, date, r, suppressed), null, null, fileIndex, null);
  }

  @Override
  public boolean hasNext() {
    if (next == null && !released) {
      if (conversations.hasNext()) {
        next =
            RowFactory.create(
                null, Rows.conversation(path, date, conversations.next()), null, fileIndex, null);
      } else if (findings.hasNext()) {
        Finding f = findings.next();
        next =
            RowFactory.create(
                null,
                null,
                Rows.finding(path, date, index++, f),
                fileIndex,
                fingerprints ? Baseline.fingerprint(result.path(), f) : null);
      } else {
        release();
      }
    }
    return next != null;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row r = next;
    next = null;
    return r;
  }

  /** Deletes the result's temporary files, if any; no rows after. */
  void release() {
    if (!released) {
      released = true;
      result.release();
      if (read != result) {
        read.release();
      }
    }
  }
}
