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
  /**
   * Small files encoded or queued at once, beyond the one being appended: enough for the encoding
   * (about a fifth of a check) to keep up with the cores, each file's JSON under a few MB.
   */
  static final int IN_FLIGHT =
      Math.min(32, Math.max(8, 2 * Runtime.getRuntime().availableProcessors()));

  private final Writer out;
  private final ReportOptions options;
  private JsonOut w;
  private final java.util.ArrayDeque<java.util.concurrent.FutureTask<JsonOut>> inFlight =
      new java.util.ArrayDeque<>();
  // Buffers of appended files, for the next ones: at most a few, each grown once.
  private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> spare =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

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
    java.util.concurrent.ExecutorService encoders = options.encoders();
    if (encoders == null || JsonReport.big(r)) {
      drain();
      JsonReport.writeFile(w, r, encoders);
      return;
    }
    // The caller releases r when this returns: the encoder gets a copy of its (small) lists.
    FileResult copy =
        new FileResult(
            r.path(),
            r.format(),
            r.compression(),
            r.packets(),
            r.tcpSegments(),
            r.bytesRead(),
            java.util.List.copyOf(r.conversations()),
            java.util.List.copyOf(r.findings()),
            r.error(),
            r.firstTime());
    boolean pretty = w.pretty();
    int depth = w.depth();
    boolean after = w.hasElement() || !inFlight.isEmpty();
    java.util.concurrent.FutureTask<JsonOut> task =
        new java.util.concurrent.FutureTask<>(
            () -> {
              JsonOut f = JsonOut.fragment(pretty, depth, after, spare.poll());
              JsonReport.writeFile(f, copy, null);
              return f;
            });
    try {
      encoders.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException shutDown) {
      // encoded by this thread when its turn comes
    }
    inFlight.add(task);
    if (inFlight.size() > IN_FLIGHT) {
      appendOldest();
    }
  }

  /** Appends the oldest file in flight, encoding it here if no pool thread has started it. */
  private void appendOldest() throws IOException {
    JsonOut done = JsonReport.take(inFlight.poll());
    w.append(done);
    if (spare.size() < 4) {
      spare.add(done.buffer());
    }
  }

  /** Appends every file in flight, in order. */
  private void drain() throws IOException {
    while (!inFlight.isEmpty()) {
      appendOldest();
    }
  }

  @Override
  public void end(RunSummary s) throws IOException {
    drain();
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
