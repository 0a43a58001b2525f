package org.tcplint.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;

/** The JSON report, schema version 1 (cli.md), and its JSON-lines variant. */
public final class JsonReport {
  private static final Gson GSON =
      new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();
  private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();

  private JsonReport() {}

  static void writeFile(com.google.gson.stream.JsonWriter w, FileResult f)
      throws java.io.IOException {
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
      GSON.toJson(conversation(c), w);
    }
    w.endArray();
    w.name("findings").beginArray();
    for (Finding x : f.findings()) {
      GSON.toJson(finding(x, null), w);
    }
    w.endArray();
    w.endObject();
  }

  /** One file's report object as pretty JSON (used for golden files). */
  public static String fileJson(FileResult f) {
    return GSON.toJson(file(f)) + "\n";
  }

  static JsonObject file(FileResult f) {
    JsonObject o = new JsonObject();
    o.addProperty("path", f.path());
    if (f.format() != null) {
      o.addProperty("format", f.format());
    }
    if (f.compression() != null && !f.compression().isEmpty()) {
      o.addProperty("compression", f.compression());
    }
    o.addProperty("packets", f.packets());
    o.addProperty("tcpSegments", f.tcpSegments());
    if (f.error() != null) {
      o.addProperty("error", f.error());
    }
    JsonArray convs = new JsonArray();
    for (ConversationSummary c : f.conversations()) {
      convs.add(conversation(c));
    }
    o.add("conversations", convs);
    JsonArray findings = new JsonArray();
    for (Finding x : f.findings()) {
      findings.add(finding(x, null));
    }
    o.add("findings", findings);
    return o;
  }

  static JsonObject conversation(ConversationSummary c) {
    JsonObject o = new JsonObject();
    o.addProperty("stream", c.stream());
    o.addProperty("client", c.client());
    o.addProperty("server", c.server());
    if (c.service() != null) {
      o.addProperty("service", c.service());
    }
    o.addProperty("firstFrame", c.firstFrame());
    o.addProperty("lastFrame", c.lastFrame());
    o.addProperty("packets", c.packets());
    o.addProperty("bytes", c.bytes());
    o.addProperty("open", c.open());
    o.addProperty("close", c.close());
    o.addProperty("completeness", c.completeness());
    o.addProperty("connState", c.connState());
    o.addProperty("history", c.history());
    if (c.windowScale() instanceof Map<?, ?> m) {
      JsonObject ws = new JsonObject();
      ws.addProperty("client", (Number) m.get("client"));
      ws.addProperty("server", (Number) m.get("server"));
      o.add("windowScale", ws);
    } else {
      o.addProperty("windowScale", String.valueOf(c.windowScale()));
    }
    return o;
  }

  static JsonObject finding(Finding x, String path) {
    JsonObject o = new JsonObject();
    if (path != null) {
      o.addProperty("path", path);
    }
    o.addProperty("rule", x.rule());
    o.addProperty("severity", x.severity().label());
    if (x.stream() >= 0) {
      o.addProperty("stream", x.stream());
    }
    o.addProperty("frame", x.frame());
    if (x.direction() != null) {
      o.addProperty("direction", x.direction());
    }
    o.addProperty("message", x.message());
    if (x.expected() != null) {
      o.addProperty("expected", x.expected());
    }
    if (x.actual() != null) {
      o.addProperty("actual", x.actual());
    }
    if (x.offset() != null) {
      o.addProperty("offset", x.offset());
    }
    return o;
  }

  /** JSON lines: one finding per line, with its path. */
  public static void writeLines(java.io.Writer out, List<FileResult> files)
      throws java.io.IOException {
    for (FileResult f : files) {
      for (Finding x : f.findings()) {
        out.write(COMPACT.toJson(finding(x, f.path())));
        out.write('\n');
      }
    }
    out.flush();
  }
}
