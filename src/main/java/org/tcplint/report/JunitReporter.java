package org.tcplint.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;

/**
 * {@code -f junit}: one {@code <testsuite>} per capture, one {@code <testcase>} per conversation
 * (plus one named {@code capture} for file-level findings), each finding at or above {@code
 * --fail-on} as {@code <failure type="RULE_ID">}; an unreadable or malformed capture adds an {@code
 * <error>}. Written with the JDK's {@link XMLStreamWriter}; characters XML 1.0 forbids are replaced
 * by a visible {@code \\uXXXX} escape.
 */
final class JunitReporter implements Reporter {
  private final Writer out;
  private final ReportOptions options;
  private XMLStreamWriter x;

  JunitReporter(Writer out, ReportOptions options) {
    this.out = out;
    this.options = options;
  }

  @Override
  public void start() throws IOException {
    try {
      x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      x.writeAttribute("name", "tcplint");
      x.writeCharacters("\n");
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  private boolean counts(Finding f) {
    return options.failOn() != null && f.severity().atLeast(options.failOn());
  }

  @Override
  public void file(FileResult r) throws IOException {
    Map<Integer, List<Finding>> byStream = new LinkedHashMap<>();
    List<Finding> fileLevel = new ArrayList<>();
    for (Finding f : r.findings()) {
      if (!counts(f)) {
        continue;
      }
      if (f.stream() >= 0) {
        byStream.computeIfAbsent(f.stream(), k -> new ArrayList<>()).add(f);
      } else {
        fileLevel.add(f);
      }
    }
    boolean error = r.error() != null;
    int tests = r.conversations().size() + 1;
    int failures = 0;
    for (ConversationSummary c : r.conversations()) {
      if (byStream.containsKey(c.stream())) {
        failures++;
      }
    }
    boolean captureFails = !fileLevel.isEmpty() && !error;
    if (captureFails) {
      failures++;
    }
    try {
      x.writeCharacters("  ");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", clean(r.path()));
      x.writeAttribute("tests", Integer.toString(tests));
      x.writeAttribute("failures", Integer.toString(failures));
      x.writeAttribute("errors", error ? "1" : "0");
      x.writeAttribute("skipped", "0");
      x.writeCharacters("\n");
      testcase(r, "capture", fileLevel, error ? r.error() : null);
      for (ConversationSummary c : r.conversations()) {
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
        testcase(r, name, byStream.getOrDefault(c.stream(), List.of()), null);
      }
      x.writeCharacters("  ");
      x.writeEndElement();
      x.writeCharacters("\n");
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  private void testcase(FileResult r, String name, List<Finding> failures, String error)
      throws XMLStreamException {
    x.writeCharacters("    ");
    x.writeStartElement("testcase");
    x.writeAttribute("name", clean(name));
    x.writeAttribute("classname", clean(r.path()));
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
      x.writeAttribute("message", clean(error));
      x.writeCharacters(clean(r.path() + ": " + error));
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
