package org.tcplint.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-rule severity overrides ({@code --rule ID=LEVEL}, config files): exact ids or patterns ending
 * in {@code *}; the last matching override wins.
 */
public final class RuleLevels {
  private record Override(String pattern, Severity level) {
    boolean matches(String id) {
      return pattern.endsWith("*")
          ? id.startsWith(pattern.substring(0, pattern.length() - 1))
          : id.equals(pattern);
    }
  }

  private final List<Override> overrides = new ArrayList<>();
  // Effective levels looked up so far (one look-up per finding; rules are few): shared by threads.
  private final Map<String, Severity> effective = new ConcurrentHashMap<>();

  /**
   * Adds an override.
   *
   * @throws IllegalArgumentException when the id (or pattern) matches no rule
   */
  public RuleLevels set(String pattern, Severity level) {
    Override o = new Override(pattern, level);
    if (Catalog.all().stream().noneMatch(d -> o.matches(d.id()))) {
      throw new IllegalArgumentException("unknown rule id '" + pattern + "'");
    }
    overrides.add(o);
    effective.clear();
    return this;
  }

  /** The effective severity of a rule. */
  /** Whether {@code id} is reported at all (not {@code off}). */
  public boolean enabled(String id) {
    return level(id) != Severity.OFF;
  }

  public Severity level(String id) {
    Severity s = effective.get(id);
    if (s == null) {
      s = compute(id);
      effective.put(id, s);
    }
    return s;
  }

  private Severity compute(String id) {
    Severity s = Catalog.get(id).severity();
    for (Override o : overrides) {
      if (o.matches(id)) {
        s = o.level();
      }
    }
    return s;
  }
}
