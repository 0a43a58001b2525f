package org.tcplint.cli;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Catalog;
import org.tcplint.rules.Finding;

/**
 * {@code --stream N}, {@code --frame A-B} and {@code --rule-only ID}: the part of a capture a
 * command looks at, like a Wireshark display filter on {@code tcp.stream}, {@code frame.number} and
 * the finding's rule. Each one given narrows the others; none given keeps everything.
 *
 * @param stream the {@code tcp.stream} number, or -1 for every stream
 * @param firstFrame the first frame number kept (1 when not given)
 * @param lastFrame the last frame number kept ({@link Long#MAX_VALUE} when not given)
 * @param rules rule ids, each may end in {@code *}; empty for every rule
 */
record Filters(int stream, long firstFrame, long lastFrame, List<String> rules) {
  /** Keeps everything. */
  static final Filters NONE = new Filters(-1, 1, Long.MAX_VALUE, List.of());

  /** Adds the three options to a command's options. */
  static Options addTo(Options o) {
    return addTo(o, "only frames A to B (N: frame N; A-: A to the end; Wireshark's frame.number)");
  }

  /** Adds the three options, with {@code frameHelp} saying what {@code --frame} does here. */
  static Options addTo(Options o, String frameHelp) {
    o.addOption(
        Option.builder()
            .longOpt("stream")
            .hasArg()
            .argName("N")
            .desc("only conversation N (Wireshark's tcp.stream)")
            .get());
    o.addOption(Option.builder().longOpt("frame").hasArg().argName("A-B").desc(frameHelp).get());
    o.addOption(
        Option.builder()
            .longOpt("rule-only")
            .hasArg()
            .argName("ID")
            .desc("only findings of rule ID (and what they are about); ID may end in *; repeatable")
            .get());
    return o;
  }

  /**
   * The filters of a command line; a value that is no stream, frame range or rule is a usage error.
   */
  static Filters of(CommandLine cl) throws UsageException {
    int stream = -1;
    if (cl.hasOption("stream")) {
      String v = cl.getOptionValue("stream");
      stream = (int) number(v, Integer.MAX_VALUE);
      if (stream < 0) {
        throw new UsageException(
            "--stream needs a stream number (0 or more, as tcp.stream), got '"
                + Config.cut(v)
                + "'");
      }
    }
    long first = 1;
    long last = Long.MAX_VALUE;
    if (cl.hasOption("frame")) {
      String v = cl.getOptionValue("frame");
      int dash = v.indexOf('-');
      first = number(dash < 0 ? v : v.substring(0, dash), Long.MAX_VALUE);
      last =
          dash < 0
              ? first
              : dash == v.length() - 1
                  ? Long.MAX_VALUE
                  : number(v.substring(dash + 1), Long.MAX_VALUE);
      if (first < 1 || last < first) {
        throw new UsageException(
            "--frame needs a frame number N, a range A-B (1 <= A <= B) or A- (A to the end), got '"
                + Config.cut(v)
                + "'");
      }
    }
    List<String> rules = new ArrayList<>();
    String[] ids = cl.getOptionValues("rule-only");
    for (String id : ids == null ? new String[0] : ids) {
      if (!known(id)) {
        throw new UsageException(
            "--rule-only "
                + Config.cut(id)
                + ": unknown rule id (tcplint rules lists them; a family ends in *)");
      }
      rules.add(id);
    }
    return new Filters(stream, first, last, List.copyOf(rules));
  }

  /** A decimal number from 0 to {@code max}, or -1. */
  private static long number(String s, long max) {
    if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    try {
      long n = Long.parseLong(s);
      return n <= max ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean known(String pattern) {
    return pattern.endsWith("*")
        ? !Catalog.idsStartingWith(pattern.substring(0, pattern.length() - 1)).isEmpty()
        : Catalog.contains(pattern);
  }

  /** Whether no filter is set. */
  boolean none() {
    return stream < 0 && firstFrame == 1 && lastFrame == Long.MAX_VALUE && rules.isEmpty();
  }

  /** Whether the rule is one of {@code --rule-only} (any rule when none was given). */
  boolean rule(String id) {
    if (rules.isEmpty()) {
      return true;
    }
    for (String r : rules) {
      if (r.endsWith("*") ? id.startsWith(r.substring(0, r.length() - 1)) : id.equals(r)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a frame of stream {@code s} (-1: not TCP, or the file itself) is kept. */
  boolean frame(long frame, int s) {
    return (stream < 0 || s == stream) && frame >= firstFrame && frame <= lastFrame;
  }

  /** Whether the finding is kept: its stream, its frame and its rule. */
  boolean finding(Finding f) {
    return frame(f.frame(), f.stream()) && rule(f.rule());
  }

  /** Whether the conversation is kept: its stream, and frames that overlap the range. */
  boolean conversation(ConversationSummary c) {
    return (stream < 0 || c.stream() == stream)
        && c.lastFrame() >= firstFrame
        && c.firstFrame() <= lastFrame;
  }

  /**
   * The result with only the findings and conversations kept; with {@code --rule-only}, only the
   * conversations that have a finding kept. The same result when no filter is set.
   */
  FileResult apply(FileResult r) {
    if (none()) {
      return r;
    }
    FileResult found = r.filterFindings(this::finding);
    if (rules.isEmpty()) {
      return found.filterConversations(this::conversation);
    }
    BitSet streams = new BitSet();
    for (Finding f : found.findings()) {
      if (f.stream() >= 0) {
        streams.set(f.stream());
      }
    }
    return found.filterConversations(c -> conversation(c) && streams.get(c.stream()));
  }
}
