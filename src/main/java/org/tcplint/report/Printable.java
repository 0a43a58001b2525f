package org.tcplint.report;

import org.tcplint.capture.FileNames;

/**
 * Names and messages made safe for a terminal or a CI log: control characters (newline, carriage
 * return, tab, ESC, C1 controls) and the invisible Unicode controls that reorder or break lines are
 * written as escapes ({@code \n}, {@code \x1b}, {@code \u202e}), so that a file name can neither
 * start a line of its own (a GitHub {@code ::error} workflow command, a fake finding) nor move the
 * cursor or colour the output. A byte of a file name that is not UTF-8 (see {@link FileNames}) is
 * written {@code \xff}.
 */
public final class Printable {
  private Printable() {}

  /** {@code s} with every character that controls the output written as an escape. */
  public static String escape(String s) {
    if (s == null) {
      return null;
    }
    int i = 0;
    while (i < s.length() && !controls(s.charAt(i)) && !Character.isSurrogate(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (FileNames.escaped(s, i)) {
        sb.append(String.format("\\x%02x", c - 0xDC00));
      } else if (!controls(c)) {
        sb.append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x100) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  private static boolean controls(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == 0x2028 // line separator
        || c == 0x2029 // paragraph separator
        || (c >= 0x200e && c <= 0x200f) // direction marks
        || (c >= 0x202a && c <= 0x202e) // bidirectional embeddings and overrides
        || (c >= 0x2066 && c <= 0x2069); // bidirectional isolates
  }
}
