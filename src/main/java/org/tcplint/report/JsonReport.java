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

  /** Written field by field: no JSON tree per conversation. */
  static void writeConversation(JsonOut w, ConversationSummary c) throws java.io.IOException {
    w.beginObject();
    w.name("stream").value(c.stream());
    w.name("client").value(c.client());
    w.name("server").value(c.server());
    if (c.service() != null) {
      w.name("service").value(c.service());
    }
    w.name("firstFrame").value(c.firstFrame());
    w.name("lastFrame").value(c.lastFrame());
    w.name("packets").value(c.packets());
    w.name("bytes").value(c.bytes());
    w.name("open").value(c.open());
    w.name("close").value(c.close());
    w.name("completeness").value(c.completeness());
    w.name("connState").value(c.connState());
    w.name("history").value(c.history());
    if (c.windowScale() instanceof ConversationSummary.Scales s) {
      w.name("windowScale").beginObject();
      w.name("client").value(s.client());
      w.name("server").value(s.server());
      w.endObject();
    } else {
      w.name("windowScale").value(String.valueOf(c.windowScale()));
    }
    w.endObject();
  }

  static void writeFinding(JsonOut w, Finding x, String path) throws java.io.IOException {
    w.beginObject();
    if (path != null) {
      w.name("path").value(path);
    }
    w.name("rule").value(x.rule());
    w.name("severity").value(x.severity().label());
    if (x.stream() >= 0) {
      w.name("stream").value(x.stream());
    }
    w.name("frame").value(x.frame());
    if (x.direction() != null) {
      w.name("direction").value(x.direction());
    }
    w.name("message").value(x.message());
    if (x.expected() != null) {
      w.name("expected").value(x.expected());
    }
    if (x.actual() != null) {
      w.name("actual").value(x.actual());
    }
    if (x.offset() != null) {
      w.name("offset").value(x.offset());
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
