package org.tcplint.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.check.LadderTrace;
import org.tcplint.rules.Finding;

/**
 * {@code -f html}: one self-contained page (no network, no external script, style or font; a
 * Content-Security-Policy forbids any fetch). Each capture's conversations and findings are written
 * as it is checked, as compact JSON in a {@code <script type="application/json">} block (every
 * {@code <} escaped, so no string from a capture can end the block), with the ladder rows of every
 * conversation that has a finding shown ({@link HtmlLadders}); the summary follows at the end, and
 * the page's script draws the summary, the paged tables and, on demand, a conversation's SVG ladder
 * from them. Strings are put into the page as text nodes only, never as markup.
 *
 * <p>Size: about 110 bytes per conversation, 150 per finding, and for each conversation with a
 * finding shown its ladder rows (quiet data runs folded; at most {@link HtmlLadders#MAX_ROWS}, then
 * only those with a finding) of about 60 bytes each.
 */
final class HtmlReporter implements Reporter {
  private final Writer out;
  private final ReportOptions options;
  private final HtmlLadders ladders;
  private final Map<String, long[]> hidden = new TreeMap<>();
  private Ahead<Encoded> ahead;

  HtmlReporter(Writer out, ReportOptions options) {
    this(out, options, new HtmlLadders());
  }

  HtmlReporter(Writer out, ReportOptions options, HtmlLadders ladders) {
    this.out = out;
    this.options = options;
    this.ladders = ladders;
  }

  @Override
  public void start() throws IOException {
    out.write(resource("report-head.html").replace("/*STYLE*/", resource("report.css")));
    ahead = Ahead.files(options.encoders(), this::write);
  }

  /** The most bytes read of a capture whose block is encoded ahead (a small file's, 4 MiB). */
  static final long SMALL_CAPTURE = 2L * org.tcplint.capture.Chunker.CHUNK;

  /** A small file's block, written on a pool thread, and the findings it left out by rule. */
  private record Encoded(String block, Map<String, long[]> hidden) {}

  @Override
  public void file(FileResult r) throws IOException {
    // Its ladders grow with the capture's segments: a file's block is held in memory to be
    // encoded ahead only when the capture is small too.
    if (!ahead.takes(Ahead.small(r) && r.bytesRead() <= SMALL_CAPTURE)) {
      block(out, r, hidden, options.encoders());
      return;
    }
    ahead.add(
        r,
        held -> {
          java.io.StringWriter text = new java.io.StringWriter();
          Map<String, long[]> left = new TreeMap<>();
          block(text, held, left, null);
          return new Encoded(text.toString(), left);
        });
  }

  /** Writes a block encoded ahead, in order, and counts what it left out. */
  private void write(Encoded e) throws IOException {
    out.write(e.block());
    addHidden(hidden, e.hidden());
  }

  /** Adds to {@code into} the findings a file or a block left out, by rule. */
  private static void addHidden(Map<String, long[]> into, Map<String, long[]> left) {
    left.forEach((rule, n) -> into.computeIfAbsent(rule, k -> new long[1])[0] += n[0]);
  }

  /**
   * Writes the data block of {@code r} (its ladders read from the capture again) to {@code to},
   * counting in {@code hidden} the findings below {@code --show} by rule; a big file's
   * conversations and findings encoded in blocks on {@code encoders} when not null.
   */
  private void block(
      Writer to,
      FileResult r,
      Map<String, long[]> hidden,
      java.util.concurrent.ExecutorService encoders)
      throws IOException {
    to.write("<script type=\"application/json\" class=\"tl-file\">");
    JsonOut w = new JsonOut(new ScriptSafeWriter(to), false);
    w.beginObject();
    w.name("path").value(Printable.escape(r.path()));
    w.name("format").value(r.format());
    w.name("compression").value(r.compression());
    w.name("packets").value(r.packets());
    w.name("error").value(Printable.escape(r.error()));
    w.name("c").beginArray();
    JsonReport.writeAll(w, r.conversations(), HtmlReporter::conversation, encoders);
    w.endArray();
    HtmlLadders.Wanted wanted = new HtmlLadders.Wanted();
    w.name("f").beginArray();
    if (!Ahead.inBlocks(encoders, r.findings().size())) {
      Shown shown = new Shown(w, hidden);
      for (Finding f : r.findings()) {
        shown.add(f);
      }
      shown.streams.forEach(wanted::add);
    } else {
      int depth = w.depth();
      Ahead.blocks(
          encoders,
          r.findings().iterator(),
          (block, first) -> {
            Shown shown = new Shown(JsonOut.fragment(false, depth, false), new TreeMap<>());
            for (Finding f : block) {
              shown.add(f);
            }
            return shown;
          },
          shown -> {
            w.appendFollowing(shown.out);
            addHidden(hidden, shown.hidden);
            shown.streams.forEach(wanted::add);
          });
    }
    w.endArray();
    w.name("l").beginObject();
    for (Map.Entry<Integer, LadderTrace> e : ladders.ladders(r, wanted, encoders).entrySet()) {
      w.name(Integer.toString(e.getKey()));
      HtmlLadders.write(w, e.getValue());
    }
    w.endObject();
    w.endObject();
    w.flush();
    to.write("</script>\n");
  }

  private static void conversation(JsonOut w, ConversationSummary c) throws IOException {
    w.beginArray()
        .value(c.stream())
        .value(c.client())
        .value(c.server())
        .value(c.service())
        .value(c.firstFrame())
        .value(c.lastFrame())
        .value(c.packets())
        .value(c.bytes())
        .value(c.open())
        .value(c.close())
        .value(c.connState())
        .endArray();
  }

  /**
   * Findings written as the page's rows when {@code --show} shows them, else counted by rule in
   * {@code hidden}; the streams of those shown, whose ladders the page gets.
   */
  private final class Shown {
    final JsonOut out;
    final Map<String, long[]> hidden;
    final List<Integer> streams = new ArrayList<>();

    Shown(JsonOut out, Map<String, long[]> hidden) {
      this.out = out;
      this.hidden = hidden;
    }

    void add(Finding f) throws IOException {
      if (!options.shows(f)) {
        hidden.computeIfAbsent(f.rule(), k -> new long[1])[0]++;
        return;
      }
      out.beginArray()
          .value(f.rule())
          .value(f.severity().label())
          .value(f.stream())
          .value(f.frame())
          .value(f.direction())
          .value(Printable.escape(f.message()))
          .value(f.expected())
          .value(f.actual())
          .value(f.offset())
          .endArray();
      if (f.stream() >= 0) {
        streams.add(f.stream());
      }
    }
  }

  @Override
  public void end(RunSummary s) throws IOException {
    ahead.drain();
    out.write("<script type=\"application/json\" id=\"tl-summary\">");
    JsonOut w = new JsonOut(new ScriptSafeWriter(out), false);
    w.beginObject();
    w.name("version").value(options.version());
    w.name("files").value(s.files());
    w.name("packets").value(s.packets());
    w.name("conversations").value(s.conversations());
    w.name("error").value(s.errors());
    w.name("warning").value(s.warnings());
    w.name("info").value(s.infos());
    w.name("suppressed").value(s.suppressed());
    w.name("baselined").value(s.baselined());
    w.name("show").value(options.show().label());
    w.name("hidden").beginObject();
    for (Map.Entry<String, long[]> e : hidden.entrySet()) {
      w.name(e.getKey()).value(e.getValue()[0]);
    }
    w.endObject();
    w.endObject();
    w.flush();
    out.write("</script>\n<script>");
    out.write(resource("report.js"));
    out.write("</script>\n</body>\n</html>\n");
    out.flush();
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReporter.class.getResourceAsStream("html/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource html/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes JSON into a {@code <script>} element: {@code <} becomes {@code \u003c}, which JSON reads
   * back as the same character (it can only occur inside a string), so neither {@code </script>}
   * nor {@code <!--} can appear.
   */
  static final class ScriptSafeWriter extends java.io.FilterWriter {
    ScriptSafeWriter(Writer out) {
      super(out);
    }

    @Override
    public void write(int c) throws IOException {
      if (c == '<') {
        out.write("\\u003c");
      } else {
        out.write(c);
      }
    }

    @Override
    public void write(char[] b, int off, int len) throws IOException {
      int start = off;
      for (int i = off; i < off + len; i++) {
        if (b[i] == '<') {
          out.write(b, start, i - start);
          out.write("\\u003c");
          start = i + 1;
        }
      }
      out.write(b, start, off + len - start);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      write(s.toCharArray(), off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
