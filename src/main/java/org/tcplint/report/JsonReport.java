package org.tcplint.report;

import java.util.List;
import org.tcplint.capture.FileNames;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;

/** The JSON report, schema version 1 (cli.md), and its JSON-lines variant. */
public final class JsonReport {

  private JsonReport() {}

  static void writeFile(JsonOut w, FileResult f) throws java.io.IOException {
    writeFile(w, f, null);
  }

  /** Elements of a big file's arrays encoded per block on {@code encoders}' threads. */
  static final int BLOCK = 1024;

  /** A writer of one array element. */
  interface Element<T> {
    void write(JsonOut w, T value) throws java.io.IOException;
  }

  /**
   * Writes {@code values} as the elements of the array open in {@code w}. A big file's results read
   * back on its check's pool ({@link org.tcplint.check.EncodedElements}) are encoded there, by the
   * threads that read them, and this one merges the partitions and copies each element's bytes;
   * others, with {@code encoders}, are encoded there in blocks while this one reads them and
   * appends the blocks in order (at most a few blocks in flight).
   */
  static <T> void writeAll(
      JsonOut w, List<T> values, Element<T> element, java.util.concurrent.ExecutorService encoders)
      throws java.io.IOException {
    if (values instanceof org.tcplint.check.EncodedElements<?> ahead && ahead.encodedAhead()) {
      // A big file's partitions' results, read back on its check's pool: encoded there, by the
      // thread that read them, and copied here in order (with or without a pool of the report's).
      @SuppressWarnings("unchecked")
      org.tcplint.check.EncodedElements<T> encoded = (org.tcplint.check.EncodedElements<T>) ahead;
      int depth = w.depth();
      boolean pretty = w.pretty();
      encoded.forEachEncoded(
          (block, n, ends, spare) -> {
            JsonOut f = JsonOut.fragment(pretty, depth, false, spare);
            for (int i = 0; i < n; i++) {
              f.firstAgain();
              @SuppressWarnings("unchecked")
              T v = (T) block[i];
              element.write(f, v);
              ends[i] = f.size();
            }
            return f.buffer();
          },
          w::appendElement);
      return;
    }
    if (!Ahead.inBlocks(encoders, values.size())) {
      for (T v : values) {
        element.write(w, v);
      }
      return;
    }
    JsonOut.Spares spare = new JsonOut.Spares(Ahead.BLOCKS_AHEAD + 2); // as many as are in flight
    int depth = w.depth();
    boolean pretty = w.pretty();
    boolean after = w.hasElement();
    Ahead.blocks(
        encoders,
        values.iterator(),
        (block, first) -> {
          JsonOut f = JsonOut.fragment(pretty, depth, after || !first, spare.take());
          for (T v : block) {
            element.write(f, v);
          }
          return f;
        },
        done -> {
          w.append(done);
          spare.keep(done);
        });
  }

  static void writeFile(JsonOut w, FileResult f, java.util.concurrent.ExecutorService encoders)
      throws java.io.IOException {
    w.beginObject();
    w.name("path").value(FileNames.printable(f.path()));
    if (f.format() != null) {
      w.name("format").value(f.format());
    }
    if (f.compression() != null && !f.compression().isEmpty()) {
      w.name("compression").value(f.compression());
    }
    w.name("packets").value(f.packets());
    w.name("tcpSegments").value(f.tcpSegments());
    if (f.error() != null) {
      w.name("error").value(f.error());
    }
    w.name("conversations").beginArray();
    writeAll(w, f.conversations(), JsonReport::writeConversation, encoders);
    w.endArray();
    w.name("findings").beginArray();
    writeAll(w, f.findings(), (out, x) -> writeFinding(out, x, null), encoders);
    w.endArray();
    w.endObject();
  }

  /** One file's report object as pretty JSON (used for golden files). */
  public static String fileJson(FileResult f) {
    java.io.StringWriter out = new java.io.StringWriter();
    try {
      JsonOut w = new JsonOut(out, true);
      writeFile(w, f);
      w.flush();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out + "\n";
  }

  // The member names of every conversation and finding, encoded once.
  private static final JsonOut.Name STREAM = new JsonOut.Name("stream");
  private static final JsonOut.Name CLIENT = new JsonOut.Name("client");
  private static final JsonOut.Name SERVER = new JsonOut.Name("server");
  private static final JsonOut.Name SERVICE = new JsonOut.Name("service");
  private static final JsonOut.Name FIRST_FRAME = new JsonOut.Name("firstFrame");
  private static final JsonOut.Name LAST_FRAME = new JsonOut.Name("lastFrame");
  private static final JsonOut.Name PACKETS = new JsonOut.Name("packets");
  private static final JsonOut.Name BYTES = new JsonOut.Name("bytes");
  private static final JsonOut.Name OPEN = new JsonOut.Name("open");
  private static final JsonOut.Name CLOSE = new JsonOut.Name("close");
  private static final JsonOut.Name COMPLETENESS = new JsonOut.Name("completeness");
  private static final JsonOut.Name CONN_STATE = new JsonOut.Name("connState");
  private static final JsonOut.Name HISTORY = new JsonOut.Name("history");
  private static final JsonOut.Name WINDOW_SCALE = new JsonOut.Name("windowScale");
  private static final JsonOut.Name STATS = new JsonOut.Name("stats");
  private static final JsonOut.Name IRTT_MS = new JsonOut.Name("irttMs");
  private static final JsonOut.Name FRAMES = new JsonOut.Name("frames");
  private static final JsonOut.Name RETRANSMISSIONS = new JsonOut.Name("retransmissions");
  private static final JsonOut.Name HOLE_RETRANSMISSIONS = new JsonOut.Name("holeRetransmissions");
  private static final JsonOut.Name FAST_RETRANSMISSIONS = new JsonOut.Name("fastRetransmissions");
  private static final JsonOut.Name SPURIOUS_RETRANSMISSIONS =
      new JsonOut.Name("spuriousRetransmissions");
  private static final JsonOut.Name OUT_OF_ORDER = new JsonOut.Name("outOfOrder");
  private static final JsonOut.Name DUP_ACKS_SENT = new JsonOut.Name("dupAcksSent");
  private static final JsonOut.Name GAPS = new JsonOut.Name("gaps");
  private static final JsonOut.Name DUPLICATES = new JsonOut.Name("duplicates");
  private static final JsonOut.Name WINDOW_MAX = new JsonOut.Name("windowMax");
  private static final JsonOut.Name WINDOW_MIN = new JsonOut.Name("windowMin");
  private static final JsonOut.Name WINDOW_SCALED = new JsonOut.Name("windowScaled");
  private static final JsonOut.Name PATH = new JsonOut.Name("path");
  private static final JsonOut.Name RULE = new JsonOut.Name("rule");
  private static final JsonOut.Name SEVERITY = new JsonOut.Name("severity");
  private static final JsonOut.Name FRAME = new JsonOut.Name("frame");
  private static final JsonOut.Name DIRECTION = new JsonOut.Name("direction");
  private static final JsonOut.Name MESSAGE = new JsonOut.Name("message");
  private static final JsonOut.Name EXPECTED = new JsonOut.Name("expected");
  private static final JsonOut.Name ACTUAL = new JsonOut.Name("actual");
  private static final JsonOut.Name OFFSET = new JsonOut.Name("offset");

  /** Written field by field: no JSON tree per conversation. */
  static void writeConversation(JsonOut w, ConversationSummary c) throws java.io.IOException {
    w.beginObject();
    w.name(STREAM).value(c.stream());
    w.name(CLIENT).value(c.client());
    w.name(SERVER).value(c.server());
    if (c.service() != null) {
      w.name(SERVICE).value(c.service());
    }
    w.name(FIRST_FRAME).value(c.firstFrame());
    w.name(LAST_FRAME).value(c.lastFrame());
    w.name(PACKETS).value(c.packets());
    w.name(BYTES).value(c.bytes());
    w.name(OPEN).value(c.open());
    w.name(CLOSE).value(c.close());
    w.name(COMPLETENESS).value(c.completeness());
    w.name(CONN_STATE).value(c.connState());
    w.name(HISTORY).value(c.history());
    if (c.windowScale() instanceof ConversationSummary.Scales s) {
      w.name(WINDOW_SCALE).beginObject();
      w.name(CLIENT).value(s.client());
      w.name(SERVER).value(s.server());
      w.endObject();
    } else {
      w.name(WINDOW_SCALE).value(String.valueOf(c.windowScale()));
    }
    if (c.stats() != null) {
      writeStats(w, c.stats());
    }
    w.endObject();
  }

  /** {@code stats}: the handshake round trip when measured, then each direction's counts. */
  private static void writeStats(JsonOut w, ConversationSummary.Stats s)
      throws java.io.IOException {
    w.name(STATS).beginObject();
    if (s.irttNanos() > 0) {
      w.name(IRTT_MS).decimal(s.irttNanos(), 6); // milliseconds, exactly
    }
    writeDirection(w.name(CLIENT), s.client());
    writeDirection(w.name(SERVER), s.server());
    w.endObject();
  }

  private static void writeDirection(JsonOut w, ConversationSummary.Direction d)
      throws java.io.IOException {
    w.beginObject();
    w.name(FRAMES).value(d.frames());
    w.name(BYTES).value(d.bytes());
    w.name(RETRANSMISSIONS).value(d.retransmissions());
    w.name(HOLE_RETRANSMISSIONS).value(d.holeRetransmissions());
    w.name(FAST_RETRANSMISSIONS).value(d.fastRetransmissions());
    w.name(SPURIOUS_RETRANSMISSIONS).value(d.spuriousRetransmissions());
    w.name(OUT_OF_ORDER).value(d.outOfOrder());
    w.name(DUP_ACKS_SENT).value(d.dupAcksSent());
    w.name(GAPS).value(d.gaps());
    w.name(DUPLICATES).value(d.duplicates());
    if (d.rawWindowMax() >= 0) {
      w.name(WINDOW_MAX).value(d.windowMax());
      w.name(WINDOW_MIN).value(d.windowMin());
      w.name(WINDOW_SCALED).value(d.windowScaled());
    }
    w.endObject();
  }

  static void writeFinding(JsonOut w, Finding x, String path) throws java.io.IOException {
    w.beginObject();
    if (path != null) {
      w.name(PATH).value(FileNames.printable(path));
    }
    w.name(RULE).value(x.rule());
    w.name(SEVERITY).value(x.severity().label());
    if (x.stream() >= 0) {
      w.name(STREAM).value(x.stream());
    }
    w.name(FRAME).value(x.frame());
    if (x.direction() != null) {
      w.name(DIRECTION).value(x.direction());
    }
    w.name(MESSAGE).value(x.message());
    if (x.expected() != null) {
      w.name(EXPECTED).value(x.expected());
    }
    if (x.actual() != null) {
      w.name(ACTUAL).value(x.actual());
    }
    if (x.offset() != null) {
      w.name(OFFSET).value(x.offset());
    }
    w.endObject();
  }

  /** JSON lines: one finding per line, with its path. */
  public static void writeLines(java.io.Writer out, List<FileResult> files)
      throws java.io.IOException {
    JsonOut w = new JsonOut(out, false);
    for (FileResult f : files) {
      writeLines(w, f);
    }
    w.flush();
    out.flush();
  }

  /** The findings of {@code f} as JSON lines, each with its path. */
  static void writeLines(JsonOut w, FileResult f) throws java.io.IOException {
    for (Finding x : f.findings()) {
      writeFinding(w, x, f.path());
      w.endLine();
    }
  }
}
