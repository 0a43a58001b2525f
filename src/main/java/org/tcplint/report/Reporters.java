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

  /** The formats for machines, which list every finding whatever {@code --show} says. */
  private static final java.util.Set<String> EVERY_FINDING =
      java.util.Set.of("json", "jsonl", "wireshark");

  /**
   * The lowest severity the format lists: every finding in the formats for machines (json, jsonl,
   * wireshark), {@code show} in those for people (text, github, junit, sarif and any other).
   */
  public static org.tcplint.rules.Severity shown(String name, org.tcplint.rules.Severity show) {
    return EVERY_FINDING.contains(name) ? org.tcplint.rules.Severity.INFO : show;
  }

  /** The formats that print conversations' count alone, never a conversation. */
  private static final java.util.Set<String> COUNT_ONLY =
      java.util.Set.of("jsonl", "sarif", "github");

  /**
   * Whether the format prints conversations (not only their number), {@code quiet} or not ({@code
   * -q}): false for jsonl, sarif and github, and for a quiet text report (its summary line alone),
   * whose checks need not keep the conversations' summaries.
   */
  public static boolean listsConversations(String name, boolean quiet) {
    return !COUNT_ONLY.contains(name) && !(quiet && name.equals("text"));
  }

  public static boolean known(String name) {
    return FORMATS.containsKey(name);
  }

  public static Reporter create(String name, Writer out, ReportOptions options) {
    return FORMATS.get(name).apply(out, options);
  }
}
