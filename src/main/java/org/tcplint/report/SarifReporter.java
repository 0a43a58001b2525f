package org.tcplint.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tcplint.capture.FileNames;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Catalog;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleDescriptor;
import org.tcplint.rules.Severity;

/**
 * {@code -f sarif}: SARIF 2.1.0, one run; {@code tool.driver.rules} is the whole catalog; one
 * result per finding of severity {@code --show} or higher, located in the capture file with the
 * frame's byte offset in its region and the frame number in the region's properties. Our own small
 * model, serialized with Gson.
 *
 * <p>Written as it goes: results stream out file by file, and the run's artifacts (one per file)
 * wait in a temporary file until the end ({@link SpooledLines}), so an archive's report needs no
 * more memory than one file's.
 */
final class SarifReporter implements Reporter {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String HELP = "https://github.com/tcplint/tcplint/blob/main/docs/rules.md#";
  private static final Gson GSON =
      new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

  record Text(String text) {}

  record Config(String level) {}

  record Rule(
      String id,
      String name,
      Text shortDescription,
      Text fullDescription,
      Text help,
      String helpUri,
      Config defaultConfiguration,
      Map<String, Object> properties) {}

  record Driver(String name, String version, String informationUri, List<Rule> rules) {}

  record Tool(Driver driver) {}

  record ArtifactLocation(String uri) {}

  record Region(Long byteOffset, Map<String, Object> properties) {}

  record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {}

  record Location(PhysicalLocation physicalLocation) {}

  record Result(
      String ruleId,
      int ruleIndex,
      String level,
      Text message,
      List<Location> locations,
      Map<String, Object> properties) {}

  record Artifact(ArtifactLocation location, Map<String, Object> properties) {}

  private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();
  private final Writer out;
  private final ReportOptions options;
  private final Map<String, Integer> index = new LinkedHashMap<>();
  private JsonWriter w;
  private SpooledLines artifacts; // one artifact per line, compact JSON
  private Ahead<Encoded> ahead;
  private final List<Rule> rules = new ArrayList<>();

  SarifReporter(Writer out, ReportOptions options) {
    this.out = out;
    this.options = options;
    for (RuleDescriptor d : Catalog.all()) {
      index.put(d.id(), rules.size());
      rules.add(
          new Rule(
              d.id(),
              d.id(),
              new Text(d.summary()),
              new Text(d.summary() + (d.rfc().equals("—") ? "" : " (RFC " + d.rfc() + ")")),
              new Text(
                  "Run 'tcplint explain "
                      + d.id()
                      + "' for the check, the RFC text behind it, a"
                      + " wrong and a right example and how to silence it."),
              HELP + d.id(),
              new Config(level(d.severity())),
              properties(d)));
    }
  }

  /**
   * A rule's properties, in a fixed order (a {@code Map.of} iterates in an order that changes from
   * one JVM to the next, and so did the report).
   */
  private static Map<String, Object> properties(RuleDescriptor d) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("tier", d.tier());
    p.put("family", d.family());
    return p;
  }

  static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
      case OFF -> "none";
    };
  }

  @Override
  public void start() throws IOException {
    artifacts = new SpooledLines("tcplint-", ".sarif-artifacts", 1 << 16);
    w = new JsonWriter(out);
    w.setIndent("  ");
    w.beginObject();
    w.name("$schema").value(SCHEMA);
    w.name("version").value("2.1.0");
    w.name("runs").beginArray().beginObject();
    w.name("tool");
    GSON.toJson(
        new Tool(
            new Driver(
                "tcplint", options.version(), HELP.substring(0, HELP.indexOf("/blob")), rules)),
        Tool.class,
        w);
    w.name("results").beginArray();
    ahead = Ahead.files(options.encoders(), this::write);
  }

  /** Where one file's results go: the report itself, or a file's text encoded ahead. */
  private interface Results {
    void add(Result r) throws IOException;
  }

  /** A small file's part of the report, encoded on a pool thread. */
  private record Encoded(String artifact, List<String> results) {}

  /**
   * A result as the report's writer indents it, where results sit: four levels deep (the report,
   * {@code runs}, the run, {@code results}).
   */
  private static final String RESULT_INDENT = "        ";

  @Override
  public void file(FileResult r) throws IOException {
    if (!ahead.takes(r)) {
      artifacts.add(artifact(r));
      results(r, x -> GSON.toJson(x, Result.class, w));
      return;
    }
    ahead.add(
        r,
        held -> {
          List<String> texts = new ArrayList<>();
          java.io.StringWriter text = new java.io.StringWriter();
          results(
              held,
              x -> {
                text.getBuffer().setLength(0);
                JsonWriter one = new JsonWriter(text);
                one.setIndent("  ");
                GSON.toJson(x, Result.class, one);
                texts.add(text.toString().replace("\n", "\n" + RESULT_INDENT));
              });
          return new Encoded(artifact(held), texts);
        });
  }

  /** Appends a file encoded ahead, in order. */
  private void write(Encoded e) throws IOException {
    artifacts.add(e.artifact());
    for (String result : e.results()) {
      w.jsonValue(result);
    }
  }

  private static String artifact(FileResult r) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("packets", r.packets());
    props.put("conversations", r.conversationCount());
    if (r.format() != null) {
      props.put("format", r.format());
    }
    return COMPACT.toJson(new Artifact(new ArtifactLocation(uri(r.path())), props));
  }

  /** The results of {@code r}'s findings that are shown, in order. */
  private void results(FileResult r, Results each) throws IOException {
    for (Finding f : r.findings()) {
      if (!options.shows(f)) {
        continue;
      }
      Map<String, Object> where = new LinkedHashMap<>();
      where.put("frame", f.frame());
      if (f.stream() >= 0) {
        where.put("stream", f.stream());
      }
      Long byteOffset = f.offset() != null ? f.offset() : f.frameOffset();
      Map<String, Object> rp = new LinkedHashMap<>();
      rp.put("frame", f.frame());
      if (f.stream() >= 0) {
        rp.put("stream", f.stream());
      }
      if (f.direction() != null) {
        rp.put("direction", f.direction());
      }
      if (f.expected() != null) {
        rp.put("expected", f.expected());
      }
      if (f.actual() != null) {
        rp.put("actual", f.actual());
      }
      each.add(
          new Result(
              f.rule(),
              index.get(f.rule()),
              level(f.severity()),
              new Text("frame " + f.frame() + ": " + f.message()),
              List.of(
                  new Location(
                      new PhysicalLocation(
                          new ArtifactLocation(uri(r.path())), new Region(byteOffset, where)))),
              rp));
    }
  }

  /**
   * A relative URI reference for the path: the platform's separator becomes '/', every other byte
   * outside the unreserved set is percent-encoded (a backslash in a POSIX name stays a backslash,
   * as {@code %5C}); a byte of the name that is not UTF-8 is itself ({@code %FF}, see {@link
   * FileNames}).
   */
  static String uri(String path) {
    return uri(path, java.io.File.separatorChar);
  }

  static String uri(String path, char separator) {
    StringBuilder sb = new StringBuilder();
    for (byte b : FileNames.bytes(path.replace(separator, '/'))) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~/".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    return sb.toString();
  }

  @Override
  public void end(RunSummary s) throws IOException {
    ahead.drain();
    w.endArray();
    w.name("artifacts").beginArray();
    artifacts.forEach(line -> GSON.toJson(JsonParser.parseString(line), w));
    w.endArray();
    w.endObject().endArray().endObject();
    w.flush();
    out.write("\n");
    out.flush();
  }
}
