package org.tcplint.rules;

/**
 * What a rule is: stable dotted id, default severity, tier (core/full), the RFC anchor and the
 * precise condition, as in the catalog.
 */
public record RuleDescriptor(
    String id, Severity severity, String tier, String rfc, String condition) {

  /** One-line summary: the condition's first sentence. */
  public String summary() {
    return condition;
  }

  /** Family: the part of the id before the dot. */
  public String family() {
    return id.substring(0, id.indexOf('.'));
  }
}
