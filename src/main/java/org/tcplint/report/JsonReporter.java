package org.tcplint.report;

import java.io.IOException;
import java.io.Writer;
import org.tcplint.check.FileResult;

/** {@code -f json}: the schema-version-1 document, streamed file by file. */
final class JsonReporter implements Reporter {
  private final Writer out;
  private final ReportOptions options;
  private JsonOut w;

  JsonReporter(Writer out, ReportOptions options) {
    this.out = out;
    this.options = options;
  }

  @Override
  public void start() throws IOException {
    w = new JsonOut(out, true);
    w.beginObject();
    w.name("schemaVersion").value(1);
    w.name("tool")
        .beginObject()
        .name("name")
        .value("tcplint")
        .name("version")
        .value(options.version())
        .endObject();
    w.name("files").beginArray();
  }

  @Override
  public void file(FileResult r) throws IOException {
    JsonReport.writeFile(w, r, options.encoders());
  }

  @Override
  public void end(RunSummary s) throws IOException {
    w.endArray();
    w.name("summary").beginObject();
    w.name("files").value(s.files());
    w.name("packets").value(s.packets());
    w.name("conversations").value(s.conversations());
    w.name("findings")
        .beginObject()
        .name("error")
        .value(s.errors())
        .name("warning")
        .value(s.warnings())
        .name("info")
        .value(s.infos())
        .endObject();
    if (s.suppressed() > 0) {
      w.name("suppressed").value(s.suppressed());
    }
    if (s.baselined() > 0) {
      w.name("baselined").value(s.baselined());
    }
    w.endObject();
    w.endObject();
    w.flush();
    out.write("\n");
    out.flush();
  }
}
