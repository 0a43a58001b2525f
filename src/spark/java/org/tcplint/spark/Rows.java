package org.tcplint.spark;

import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.tcplint.capture.FileNames;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;
import org.tcplint.rules.Severity;

/**
 * Maps a file's result to rows of {@link Schemas}, field for field as the JSON report writes them
 * (absent fields are nulls).
 */
final class Rows {
  private Rows() {}

  /** The UTC day of the file's first packet ({@code yyyy-MM-dd}), or null without one. */
  static String date(FileResult r) {
    String t = r.firstTime();
    if (t == null || t.isEmpty()) {
      return null;
    }
    int dot = t.indexOf('.');
    try {
      long seconds = Long.parseLong(dot < 0 ? t : t.substring(0, dot));
      return Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return null;
    }
  }

  static Row finding(String path, String date, int index, Finding f) {
    return RowFactory.create(
        path,
        f.rule(),
        f.severity().label(),
        f.stream() >= 0 ? f.stream() : null,
        f.frame(),
        f.direction(),
        f.message(),
        f.expected(),
        f.actual(),
        f.offset(),
        index,
        date);
  }

  static Row conversation(String path, String date, ConversationSummary c) {
    Integer scaleClient = null;
    Integer scaleServer = null;
    String windowScale;
    if (c.windowScale() instanceof ConversationSummary.Scales s) {
      windowScale = "scaled";
      scaleClient = s.client();
      scaleServer = s.server();
    } else {
      windowScale = String.valueOf(c.windowScale());
    }
    return RowFactory.create(
        path,
        c.stream(),
        c.client(),
        c.server(),
        c.service(),
        c.firstFrame(),
        c.lastFrame(),
        c.packets(),
        c.bytes(),
        c.open(),
        c.close(),
        c.completeness(),
        c.connState(),
        c.history(),
        windowScale,
        scaleClient,
        scaleServer,
        c.stats() == null ? null : stats(c.stats()),
        date);
  }

  private static Row stats(ConversationSummary.Stats s) {
    return RowFactory.create(
        s.irttNanos() > 0 ? java.math.BigDecimal.valueOf(s.irttNanos(), 6) : null,
        direction(s.client()),
        direction(s.server()));
  }

  private static Row direction(ConversationSummary.Direction d) {
    boolean windows = d.rawWindowMax() >= 0;
    return RowFactory.create(
        d.frames(),
        d.bytes(),
        d.retransmissions(),
        d.holeRetransmissions(),
        d.fastRetransmissions(),
        d.spuriousRetransmissions(),
        d.outOfOrder(),
        d.dupAcksSent(),
        d.gaps(),
        d.duplicates(),
        windows ? d.windowMax() : null,
        windows ? d.windowMin() : null,
        windows ? d.windowScaled() : null);
  }

  /** The file's row, with nothing hidden by a baseline yet ({@link Baselines} counts that). */
  static Row file(String path, String date, FileResult r, long suppressed) {
    long[] n = r.severityCounts();
    return RowFactory.create(
        path,
        r.format(),
        r.compression() == null || r.compression().isEmpty() ? null : r.compression(),
        r.packets(),
        r.tcpSegments(),
        r.bytesRead(),
        r.conversationCount(),
        n[Severity.ERROR.ordinal()],
        n[Severity.WARNING.ordinal()],
        n[Severity.INFO.ordinal()],
        r.error(),
        r.firstTime(),
        date,
        suppressed,
        0L);
  }

  /** The path as the reports print it. */
  static String printable(String path) {
    return FileNames.printable(path);
  }
}
