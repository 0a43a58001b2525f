package org.tcplint.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tcplint.rules.Severity;

/**
 * The arguments of {@link CheckJob}: inputs (paths, directories or globs on any Hadoop file
 * system), the output directory and the options the command line's {@code check} shares.
 *
 * @param inputs paths, directories (searched recursively for captures) or globs
 * @param output directory that receives {@code findings/}, {@code conversations/} and {@code
 *     files/}
 * @param failOn {@code --fail-on} as given ({@code error}, {@code warning}, {@code info} or {@code
 *     never}), null when not given: then the config's {@code failOn}, or {@code error}
 * @param rules {@code ID=LEVEL} rule overrides, in order (the last one wins), applied after the
 *     config's rule levels
 * @param config the {@code --config} file (on any Hadoop file system), or null
 * @param baseline the {@code --baseline} file (on any Hadoop file system), or null: its findings
 *     are not reported, counted as {@code tcplint check --baseline} counts them
 * @param writeBaseline where {@code --write-baseline} writes the run's findings as a baseline (any
 *     Hadoop file system), or null
 * @param partitionBy {@code none}, {@code date} (every dataset) or {@code rule} (findings)
 * @param filesPerTask files checked by one task (1: a task per file); each file is read whole by
 *     one task either way
 * @param jsonl also write the findings as JSON lines under {@code findings-jsonl/}
 * @param overwrite replace datasets already in {@code output}
 * @param debug print the stack trace of an internal error
 */
public record JobOptions(
    List<String> inputs,
    String output,
    String failOn,
    List<String> rules,
    String config,
    String baseline,
    String writeBaseline,
    String partitionBy,
    int filesPerTask,
    boolean jsonl,
    boolean overwrite,
    boolean debug) {

  /** How to call the job, for usage errors. */
  public static final String USAGE =
      "usage: CheckJob -o OUTPUT [--fail-on error|warning|info|never] [--rule ID=LEVEL]... [--config FILE] [--baseline FILE] [--write-baseline FILE] [--partition-by none|date|rule] [--files-per-task N] [--jsonl] [--overwrite]"
          + " [--debug]"
          + " PATH...";

  /**
   * Parses the job's arguments.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static JobOptions parse(String... args) {
    List<String> inputs = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    String output = null;
    String failOn = null;
    String config = null;
    String baseline = null;
    String writeBaseline = null;
    String partitionBy = "none";
    int filesPerTask = 1;
    boolean jsonl = false;
    boolean overwrite = false;
    boolean debug = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-o", "--output" -> output = value(args, ++i, a);
        case "--fail-on" -> failOn = value(args, ++i, a);
        case "--rule" -> rules.add(value(args, ++i, a));
        case "--config" -> config = value(args, ++i, a);
        case "--baseline" -> baseline = value(args, ++i, a);
        case "--write-baseline" -> writeBaseline = value(args, ++i, a);
        case "--partition-by" -> partitionBy = value(args, ++i, a);
        case "--files-per-task" -> filesPerTask = count(value(args, ++i, a), a);
        case "--jsonl" -> jsonl = true;
        case "--overwrite" -> overwrite = true;
        case "--debug" -> debug = true;
        default -> {
          if (a.startsWith("-") && a.length() > 1) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          inputs.add(a);
        }
      }
    }
    if (output == null) {
      throw new IllegalArgumentException("no output directory (-o OUTPUT)");
    }
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no input path");
    }
    if (!List.of("none", "date", "rule").contains(partitionBy)) {
      throw new IllegalArgumentException("unknown --partition-by '" + partitionBy + "'");
    }
    if (failOn != null) {
      threshold(failOn, "--fail-on");
    }
    return new JobOptions(
        List.copyOf(inputs),
        output,
        failOn,
        List.copyOf(rules),
        config,
        baseline,
        writeBaseline,
        partitionBy,
        filesPerTask,
        jsonl,
        overwrite,
        debug);
  }

  /**
   * The lowest severity that makes the exit code 1 (null: {@code never}): {@code --fail-on}, else
   * {@code configFailOn} (the config's {@code failOn}, null when it has none), else {@code error}.
   *
   * @throws IllegalArgumentException for a config's level that is not one
   */
  public Severity threshold(String configFailOn) {
    if (failOn != null) {
      return threshold(failOn, "--fail-on");
    }
    return configFailOn == null ? Severity.ERROR : threshold(configFailOn, "failOn");
  }

  private static Severity threshold(String s, String option) {
    return s.equals("never") ? null : level(s, option);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int count(String s, String option) {
    try {
      int n = Integer.parseInt(s);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " needs a count of at least 1, got '" + s + "'");
  }

  private static Severity level(String s, String option) {
    Severity v = Severity.parse(s);
    if (v == null || v == Severity.OFF) {
      throw new IllegalArgumentException(
          "unknown " + option + " level '" + s.toLowerCase(Locale.ROOT) + "'");
    }
    return v;
  }
}
