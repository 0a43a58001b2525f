package org.tcplint.report;

import java.io.IOException;
import java.io.Writer;
import org.tcplint.check.FileResult;

/**
 * {@code -f json}: the schema-version-1 document, streamed file by file. With {@link
 * ReportOptions#encoders()}, small files are encoded on its threads, a few at a time, and appended
 * in order by the calling thread, so that an archive of small files is not encoded by one thread; a
 * big file's arrays are encoded in blocks ({@link JsonReport#writeFile}).
 */
final class JsonReporter implements Reporter {
  private final Writer out;
  private final ReportOptions options;
  private JsonOut w;
  private Ahead<JsonOut> ahead;
  private final JsonOut.Spares spare = new JsonOut.Spares(4);

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
    ahead = Ahead.files(options.encoders(), this::append);
  }

  private void append(JsonOut done) throws IOException {
    w.append(done);
    spare.keep(done);
  }

  @Override
  public void file(FileResult r) throws IOException {
    if (!ahead.takes(r)) {
      JsonReport.writeFile(w, r, options.encoders());
      return;
    }
    boolean pretty = w.pretty();
    int depth = w.depth();
    boolean after = w.hasElement() || ahead.pending();
    ahead.add(
        r,
        held -> {
          JsonOut f = JsonOut.fragment(pretty, depth, after, spare.take());
          JsonReport.writeFile(f, held, null);
          return f;
        });
  }

  @Override
  public void end(RunSummary s) throws IOException {
    ahead.drain();
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
