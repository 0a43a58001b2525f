package org.tcplint.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the anchor tools do about a rule, copied from the anchor columns of the rule tables in
 * {@code spec/rules.md} §8: Wireshark's {@code tcp.analysis.*} flags and expert items, Suricata's
 * stream and decoder events, Zeek's weirds, history letters and conn_state, and in {@code other}
 * Snort 3 rules and packetdrill scripts. A cell is "—" when the tool does not check the rule, and
 * starts with "(" when the tool handles it only silently or in part; neither counts as a check.
 */
public record Anchors(String wireshark, String suricata, String zeek, String other) {
  /** The cell of a tool that does not check the rule. */
  public static final String NONE = "—";

  /** The tools whose checks the catalog lists, in the order the catalog shows them. */
  public enum Tool {
    WIRESHARK("Wireshark"),
    SURICATA("Suricata"),
    ZEEK("Zeek");

    private final String label;

    Tool(String label) {
      this.label = label;
    }

    /** The tool's name as people write it: {@code Wireshark}. */
    public String label() {
      return label;
    }

    /** The catalog column and JSON field: {@code wireshark}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The cell of one tool. */
  public String cell(Tool tool) {
    return switch (tool) {
      case WIRESHARK -> wireshark;
      case SURICATA -> suricata;
      case ZEEK -> zeek;
    };
  }

  /** The tools that check the rule: their cell names a flag, event or weird of their own. */
  public List<Tool> checkedBy() {
    List<Tool> tools = new ArrayList<>(3);
    for (Tool t : Tool.values()) {
      if (checks(cell(t))) {
        tools.add(t);
      }
    }
    return tools;
  }

  /** Whether a cell names a check: neither "—" (with or without a remark) nor in parentheses. */
  public static boolean checks(String cell) {
    return !cell.startsWith(NONE) && !cell.startsWith("(");
  }
}
