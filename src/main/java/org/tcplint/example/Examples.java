package org.tcplint.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One wrong and one right ladder per rule, with the exact finding the wrong one must give. Used by
 * {@code tcplint explain}, by the tests, and to write {@code testdata/rules/}.
 */
public final class Examples {
  /** A rule's example: the finding expected on {@code wrong}; {@code right} gives none. */
  public record Example(
      String rule, long frame, Long expected, Long actual, Ladder wrong, Ladder right) {}

  private static final Map<String, Example> ALL = load();

  private Examples() {}

  private static Map<String, Example> load() {
    Map<String, Example> m = new LinkedHashMap<>();
    try (var in = Examples.class.getResourceAsStream("/org/tcplint/rules/examples.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        String[] c = line.split("\t", -1);
        m.put(
            c[0],
            new Example(
                c[0],
                Long.parseLong(c[1]),
                num(c[2]),
                num(c[3]),
                Ladder.parse(c[4]),
                Ladder.parse(c[5])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Collections.unmodifiableMap(m);
  }

  private static Long num(String s) {
    return s.equals("-") ? null : Long.valueOf(s);
  }

  public static Map<String, Example> all() {
    return ALL;
  }

  public static Example get(String rule) {
    return ALL.get(rule);
  }
}
