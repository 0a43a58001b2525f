package org.tcplint.spark;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.tcplint.api.Tcplint;
import org.tcplint.rules.Severity;

/**
 * What every task needs to check its file, sent with the task: the rule overrides. Each executor
 * JVM keeps one {@link Tcplint} per settings and thread count.
 *
 * @param rules {@code ID=LEVEL} overrides, in order
 */
public record CheckSettings(List<String> rules) implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final ConcurrentHashMap<String, Tcplint> ENGINES = new ConcurrentHashMap<>();

  /**
   * A checker with these rule levels on {@code threads} threads, shared by the tasks of this JVM.
   *
   * @throws IllegalArgumentException for an override that names no rule or level
   */
  public Tcplint engine(int threads) {
    return ENGINES.computeIfAbsent(rules + "/" + threads, k -> build(threads));
  }

  private Tcplint build(int threads) {
    Tcplint.Builder b = Tcplint.builder().threads(threads);
    for (String r : rules) {
      int eq = r.indexOf('=');
      Severity level = eq < 0 ? null : Severity.parse(r.substring(eq + 1));
      if (level == null) {
        throw new IllegalArgumentException("--rule needs ID=LEVEL (off|info|warning|error): " + r);
      }
      b.rule(r.substring(0, eq), level);
    }
    return b.build();
  }
}
