package org.tcplint.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule catalog (ids, default severities, anchors), loaded once from {@code catalog.tsv}, and
 * the notes on where tcplint differs from Wireshark, from {@code wireshark-notes.tsv}.
 */
public final class Catalog {
  private static final Map<String, RuleDescriptor> RULES = load();

  private Catalog() {}

  private static Map<String, RuleDescriptor> load() {
    Map<String, RuleDescriptor> m = new LinkedHashMap<>();
    for (String[] c : rows("catalog.tsv", 9, false)) {
      m.put(
          c[0],
          new RuleDescriptor(
              c[0], Severity.parse(c[1]), c[2], c[3], c[4], new Anchors(c[5], c[6], c[7], c[8])));
    }
    return Collections.unmodifiableMap(m);
  }

  /** Loaded on first use, by {@code explain}: a run of {@code check} never reads it. */
  private static final class WiresharkNotes {
    static final Map<String, String> NOTES = load();

    private static Map<String, String> load() {
      Map<String, String> m = new LinkedHashMap<>();
      for (String[] c : rows("wireshark-notes.tsv", 2, true)) {
        m.put(c[0], c[1]);
      }
      return Collections.unmodifiableMap(m);
    }
  }

  /**
   * The rows of a resource table after its header line, each with exactly {@code columns} cells;
   * none when an optional resource is absent.
   */
  private static List<String[]> rows(String name, int columns, boolean optional) {
    List<String[]> rows = new ArrayList<>();
    InputStream in = Catalog.class.getResourceAsStream(name);
    if (in == null) {
      if (optional) {
        return rows;
      }
      throw new IllegalStateException("resource " + name + " is missing");
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] c = line.split("\t", -1);
        if (c.length != columns) {
          throw new IllegalStateException(
              name + ": " + c.length + " columns instead of " + columns + " in: " + line);
        }
        rows.add(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  public static RuleDescriptor get(String id) {
    RuleDescriptor d = RULES.get(id);
    if (d == null) {
      throw new IllegalArgumentException("unknown rule id " + id);
    }
    return d;
  }

  /** The ids that start with {@code prefix} (a family such as {@code "ts."}), in catalog order. */
  public static java.util.List<String> idsStartingWith(String prefix) {
    return RULES.keySet().stream().filter(id -> id.startsWith(prefix)).toList();
  }

  public static boolean contains(String id) {
    return RULES.containsKey(id);
  }

  public static Collection<RuleDescriptor> all() {
    return RULES.values();
  }

  /** Where tcplint differs from Wireshark on this rule, or null when no note says so. */
  public static String wiresharkNote(String id) {
    return WiresharkNotes.NOTES.get(id);
  }

  /** The rule ids the Wireshark notes are about (a test checks each is in the catalog). */
  public static Collection<String> wiresharkNoteIds() {
    return WiresharkNotes.NOTES.keySet();
  }
}
