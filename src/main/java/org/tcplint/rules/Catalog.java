package org.tcplint.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The rule catalog (ids, default severities, anchors), loaded once from {@code catalog.tsv}. */
public final class Catalog {
  private static final Map<String, RuleDescriptor> RULES = load();

  private Catalog() {}

  private static Map<String, RuleDescriptor> load() {
    Map<String, RuleDescriptor> m = new LinkedHashMap<>();
    try (InputStream in = Catalog.class.getResourceAsStream("catalog.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        String[] c = line.split("\t", -1);
        m.put(c[0], new RuleDescriptor(c[0], Severity.parse(c[1]), c[2], c[3], c[4]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Collections.unmodifiableMap(m);
  }

  public static RuleDescriptor get(String id) {
    RuleDescriptor d = RULES.get(id);
    if (d == null) {
      throw new IllegalArgumentException("unknown rule id " + id);
    }
    return d;
  }

  public static boolean contains(String id) {
    return RULES.containsKey(id);
  }

  public static Collection<RuleDescriptor> all() {
    return RULES.values();
  }
}
