package org.tcplint.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.check.SpillList;
import org.tcplint.rules.Finding;

/**
 * {@code -f junit}: one {@code <testsuite>} per capture, one {@code <testcase>} per conversation
 * (plus one named {@code capture} for file-level findings), each finding at or above {@code
 * --fail-on} (and shown: at or above {@code --show}) as {@code <failure type="RULE_ID">}; an
 * unreadable or malformed capture adds an {@code <error>}. Written with the JDK's {@link
 * XMLStreamWriter}; characters XML 1.0 forbids are replaced by a visible {@code \\uXXXX} escape.
 * With {@link ReportOptions#encoders()}, small files' testsuites are written on its threads, a few
 * files ahead, and copied in order.
 */
final class JunitReporter implements Reporter {
  private final Writer out;
  private final ReportOptions options;
  private XMLStreamWriter x;
  private Ahead<String> ahead;

  JunitReporter(Writer out, ReportOptions options) {
    this.out = out;
    this.options = options;
  }

  @Override
  public void start() throws IOException {
    try {
      x = xml().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "tcplint");
      x.writeCharacters("\n");
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
    ahead = Ahead.files(options.encoders(), this::write);
  }

  /**
   * The JDK's own XML writers, whatever other implementation the class path brings (Hadoop's, in
   * the Spark build): the report is the same everywhere, and a block of testcases, several
   * top-level elements, can be written on its own.
   */
  private static XMLOutputFactory xml() {
    return XMLOutputFactory.newDefaultFactory();
  }

  /** A failure: a finding at or above {@code --fail-on} that the report shows ({@code --show}). */
  private boolean counts(Finding f) {
    return options.failOn() != null && f.severity().atLeast(options.failOn()) && options.shows(f);
  }

  @Override
  public void file(FileResult r) throws IOException {
    if (!ahead.takes(r)) {
      suite(x, r);
      return;
    }
    ahead.add(r, held -> xmlText(one -> suite(one, held)));
  }

  /** Writes XML with a writer of its own. */
  private interface XmlBody {
    void write(XMLStreamWriter x) throws IOException, XMLStreamException;
  }

  /** What {@code body} writes, as text: a testsuite, or a block of testcases, to copy in order. */
  private static String xmlText(XmlBody body) throws IOException {
    java.io.StringWriter text = new java.io.StringWriter();
    try {
      XMLStreamWriter one = xml().createXMLStreamWriter(text);
      body.write(one);
      one.flush();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
    return text.toString();
  }

  /** Writes a testsuite encoded ahead, in order, after what the report's writer holds. */
  private void write(String suite) throws IOException {
    try {
      x.flush();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
    out.write(suite);
  }

  /** Writes the testsuite of {@code r} with {@code x}. */
  private void suite(XMLStreamWriter x, FileResult r) throws IOException {
    List<Finding> fileLevel = new ArrayList<>();
    for (Finding f : r.findings()) {
      if (f.stream() < 0 && counts(f)) {
        fileLevel.add(f);
      }
    }
    try (SpillList<Finding> byStream = r.findingsByStream(this::counts)) {
      boolean error = r.error() != null;
      int tests = r.conversations().size() + 1;
      int failures = failing(r, byStream);
      boolean captureFails = !fileLevel.isEmpty() && !error;
      if (captureFails) {
        failures++;
      }
      x.writeCharacters("  ");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", clean(Printable.escape(r.path())));
      x.writeAttribute("tests", Integer.toString(tests));
      x.writeAttribute("failures", Integer.toString(failures));
      x.writeAttribute("errors", error ? "1" : "0");
      x.writeAttribute("skipped", "0");
      x.writeCharacters("\n");
      testcase(x, r, "capture", fileLevel, error ? r.error() : null);
      ConversationFindings it = new ConversationFindings(r, byStream);
      if (x == this.x && Ahead.inBlocks(options.encoders(), r.conversations().size())) {
        testcasesInBlocks(it, r);
      } else {
        while (it.hasNext()) {
          testcase(x, r, it.next());
        }
      }
      x.writeCharacters("  ");
      x.writeEndElement();
      x.writeCharacters("\n");
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  /**
   * A big file's testcases, encoded on {@link ReportOptions#encoders()} in blocks of {@link
   * JsonReport#BLOCK} conversations a few blocks ahead and written in order after what the report's
   * writer holds: the calling thread only groups the findings by conversation and copies text.
   */
  private void testcasesInBlocks(ConversationFindings it, FileResult r)
      throws IOException, XMLStreamException {
    x.flush();
    Ahead.blocks(
        options.encoders(),
        it,
        (block, first) ->
            xmlText(
                one -> {
                  for (ConversationFindings.Group g : block) {
                    testcase(one, r, g);
                  }
                }),
        out::write);
  }

  /** A conversation's testcase, with its findings as failures. */
  private void testcase(XMLStreamWriter x, FileResult r, ConversationFindings.Group g)
      throws XMLStreamException {
    ConversationSummary c = g.conversation();
    String name =
        "stream "
            + c.stream()
            + ": "
            + c.client()
            + " -> "
            + c.server()
            + " (open "
            + c.open()
            + ", close "
            + c.close()
            + ")";
    testcase(x, r, name, g.findings(), null);
  }

  /** How many conversations have a finding in {@code byStream} (sorted by stream). */
  private static int failing(FileResult r, SpillList<Finding> byStream) {
    int n = 0;
    for (ConversationFindings it = new ConversationFindings(r, byStream);
        it.findingsLeft() && it.hasNext(); ) {
      if (!it.next().findings().isEmpty()) {
        n++;
      }
    }
    return n;
  }

  private void testcase(
      XMLStreamWriter x, FileResult r, String name, List<Finding> failures, String error)
      throws XMLStreamException {
    x.writeCharacters("    ");
    x.writeStartElement("testcase");
    x.writeAttribute("name", clean(name));
    x.writeAttribute("classname", clean(Printable.escape(r.path())));
    for (Finding f : failures) {
      x.writeCharacters("\n      ");
      x.writeStartElement("failure");
      x.writeAttribute("type", f.rule());
      x.writeAttribute("message", clean(f.message()));
      x.writeCharacters(
          clean(
              f.severity().label()
                  + " "
                  + f.rule()
                  + " at frame "
                  + f.frame()
                  + (f.offset() != null ? " (byte offset " + f.offset() + ")" : "")
                  + ": "
                  + f.message()));
      x.writeEndElement();
    }
    if (error != null) {
      x.writeCharacters("\n      ");
      x.writeStartElement("error");
      x.writeAttribute("type", "capture");
      x.writeAttribute("message", clean(Printable.escape(error)));
      x.writeCharacters(clean(Printable.escape(r.path() + ": " + error)));
      x.writeEndElement();
    }
    if (!failures.isEmpty() || error != null) {
      x.writeCharacters("\n    ");
    }
    x.writeEndElement();
    x.writeCharacters("\n");
  }

  @Override
  public void end(RunSummary s) throws IOException {
    ahead.drain();
    try {
      x.writeEndElement();
      x.writeEndDocument();
      x.flush();
      out.write("\n");
      out.flush();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  /** Replaces characters XML 1.0 cannot carry (controls, lone surrogates, U+FFFE/F). */
  static String clean(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(ch)) {
        ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        if (ok) {
          if (sb != null) {
            sb.append(ch).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else if (Character.isLowSurrogate(ch)) {
        ok = false;
      } else {
        ok = ch == 0x9 || ch == 0xA || ch == 0xD || (ch >= 0x20 && ch <= 0xFFFD);
      }
      if (!ok && sb == null) {
        sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (sb != null) {
        if (ok) {
          sb.append(ch);
        } else {
          sb.append(String.format("\\u%04x", (int) ch));
        }
      }
    }
    return sb == null ? s : sb.toString();
  }
}
