package org.tcplint.rules;

/**
 * What a rule is: stable dotted id, default severity, tier (core/full), the RFC anchor, the precise
 * condition and what Wireshark, Suricata and Zeek do about it, as in the catalog.
 */
public record RuleDescriptor(
    String id, Severity severity, String tier, String rfc, String condition, Anchors anchors) {

  /** One-line summary: the condition's first sentence. */
  public String summary() {
    return condition;
  }

  /** Family: the part of the id before the dot. */
  public String family() {
    return id.substring(0, id.indexOf('.'));
  }
}
