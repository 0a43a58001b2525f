package org.tcplint.rules;

import java.util.Locale;

/** Finding severities, lowest first; {@code OFF} silences a rule. */
public enum Severity {
  OFF,
  INFO,
  WARNING,
  ERROR;

  private final String label = name().toLowerCase(Locale.ROOT);

  public String label() {
    return label;
  }

  /** Parses {@code off|info|warning|error} (case-insensitive); null when unknown. */
  public static Severity parse(String s) {
    for (Severity v : values()) {
      if (v.label().equalsIgnoreCase(s)) {
        return v;
      }
    }
    return null;
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
