package org.tcplint.report;

import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Report formats by name. */
public final class Reporters {
  private static final Map<String, BiFunction<Writer, ReportOptions, Reporter>> FORMATS =
      Map.of(
          "text", TextReporter::new,
          "json", JsonReporter::new,
          "jsonl", JsonlReporter::new,
          "junit", JunitReporter::new,
          "sarif", SarifReporter::new,
          "github", GithubReporter::new,
          "html", HtmlReporter::new,
          "wireshark", WiresharkReporter::new);

  private Reporters() {}

  public static List<String> names() {
    return List.of("text", "json", "jsonl", "junit", "sarif", "wireshark", "github", "html");
  }

  public static boolean known(String name) {
    return FORMATS.containsKey(name);
  }

  public static Reporter create(String name, Writer out, ReportOptions options) {
    return FORMATS.get(name).apply(out, options);
  }
}
