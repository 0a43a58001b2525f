package org.tcplint.report;

import java.util.List;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;

/** The JSON report, schema version 1 (cli.md), and its JSON-lines variant. */
public final class JsonReport {

  private JsonReport() {}

  static void writeFile(JsonOut w, FileResult f) throws java.io.IOException {
    w.beginObject();
    w.name("path").value(f.path());
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
    for (ConversationSummary c : f.conversations()) {
      writeConversation(w, c);
    }
    w.endArray();
    w.name("findings").beginArray();
    for (Finding x : f.findings()) {
      writeFinding(w, x, null);
    }
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
    w.endObject();
  }

  static void writeFinding(JsonOut w, Finding x, String path) throws java.io.IOException {
    w.beginObject();
    if (path != null) {
      w.name(PATH).value(path);
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
      for (Finding x : f.findings()) {
        writeFinding(w, x, f.path());
        w.endLine();
      }
    }
    w.flush();
    out.flush();
  }
}
