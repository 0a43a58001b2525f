package org.tcplint.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.tcplint.capture.FileNames;
import org.tcplint.check.Baseline;
import org.tcplint.check.FileResult;
import org.tcplint.check.Suppression;
import org.tcplint.report.Printable;
import org.tcplint.report.ReportOptions;
import org.tcplint.report.Reporter;
import org.tcplint.report.Reporters;
import org.tcplint.report.RunSummary;
import org.tcplint.report.Utf8Writer;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.Severity;

/** {@code tcplint check}: validate captures and report findings. */
final class CheckCommand {
  private CheckCommand() {}

  static Options options() {
    Options o = new Options();
    o.addOption(
        Option.builder("f")
            .longOpt("format")
            .hasArg()
            .argName("FMT")
            .desc("text (default), json, jsonl, junit, sarif, wireshark, github; repeatable")
            .get());
    o.addOption(
        Option.builder("o")
            .longOpt("output")
            .hasArg()
            .argName("FILE")
            .desc("write the report of the matching -f to FILE")
            .get());
    o.addOption(
        Option.builder()
            .longOpt("fail-on")
            .hasArg()
            .argName("LEVEL")
            .desc("error (default), warning, info, never")
            .get());
    o.addOption(
        Option.builder()
            .longOpt("show")
            .hasArg()
            .argName("LEVEL")
            .desc(
                "lowest severity listed in text, github, junit, sarif: info, warning (default,"
                    + " or the --fail-on level when lower), error; json, jsonl, wireshark list"
                    + " all")
            .get());
    o.addOption(
        Option.builder()
            .longOpt("rule")
            .hasArg()
            .argName("ID=LEVEL")
            .desc("override a rule: off, info, warning, error; ID may end in *")
            .get());
    o.addOption(
        Option.builder()
            .longOpt("config")
            .hasArg()
            .argName("FILE")
            .desc("JSON config: rule levels, suppressions, defaults")
            .get());
    o.addOption(
        Option.builder()
            .longOpt("baseline")
            .hasArg()
            .argName("FILE")
            .desc("report only findings not in this baseline")
            .get());
    o.addOption(
        Option.builder()
            .longOpt("write-baseline")
            .hasArg()
            .argName("FILE")
            .desc("record today's findings as the baseline")
            .get());
    o.addOption(
        Option.builder("j")
            .longOpt("jobs")
            .hasArg()
            .argName("N")
            .desc(
                "threads (default: number of cores): several files at once, and a big file's"
                    + " chunks; the report is the same for any number")
            .get());
    o.addOption(
        Option.builder()
            .longOpt("shards")
            .hasArg()
            .argName("N")
            .desc("the same as --jobs (kept for scripts that use it)")
            .get());
    o.addOption(Option.builder().longOpt("progress").desc("progress on standard error").get());
    o.addOption(Option.builder().longOpt("no-progress").desc("no progress output").get());
    o.addOption(Option.builder("q").longOpt("quiet").desc("only the summary line").get());
    Filters.addTo(o);
    o.addOption(Option.builder("h").longOpt("help").desc("this help").get());
    return o;
  }

  /** The most threads {@code -j} accepts. */
  static final int MAX_JOBS = 256;

  static int run(CommandLine cl, PrintStream out, PrintStream err) throws UsageException {
    Config config =
        cl.hasOption("config")
            ? Config.read(FileNames.path(cl.getOptionValue("config")))
            : Config.empty();
    RuleLevels levels = new RuleLevels();
    config.applyRules(levels, cl.getOptionValue("config", ""));
    for (String r : values(cl, "rule")) {
      int eq = r.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--rule takes ID=LEVEL, got '" + r + "'");
      }
      Severity s = Severity.parse(r.substring(eq + 1));
      if (s == null) {
        throw new UsageException("unknown level '" + r.substring(eq + 1) + "' in --rule " + r);
      }
      try {
        levels.set(r.substring(0, eq), s);
      } catch (IllegalArgumentException e) {
        throw new UsageException(Config.cut(e.getMessage()) + " in --rule " + Config.cut(r));
      }
    }
    String failOn =
        cl.getOptionValue("fail-on", config.failOn() != null ? config.failOn() : "error");
    Severity threshold = failOn.equals("never") ? null : Severity.parse(failOn);
    if ((threshold == null && !failOn.equals("never")) || threshold == Severity.OFF) {
      throw new UsageException("unknown --fail-on level '" + failOn + "'");
    }
    Severity show = show(cl, threshold);
    Filters filters = Filters.of(cl);
    String[] formats = formats(cl);
    String[] outputs = values(cl, "o");
    for (String f : formats) {
      if (!Reporters.known(f)) {
        throw new UsageException(
            "unknown format '" + f + "' (" + String.join(", ", Reporters.names()) + ")");
      }
    }
    if (outputs.length > formats.length) {
      throw new UsageException("more -o than -f options");
    }
    int jobs = Runtime.getRuntime().availableProcessors();
    for (String opt : new String[] {"shards", "j"}) {
      if (cl.hasOption(opt)) {
        try {
          jobs = Integer.parseInt(cl.getOptionValue(opt));
        } catch (NumberFormatException e) {
          jobs = 0;
        }
        if (jobs < 1 || jobs > MAX_JOBS) {
          throw new UsageException(
              (opt.equals("j") ? "--jobs" : "--shards")
                  + " needs a number from 1 to "
                  + MAX_JOBS
                  + ", got '"
                  + cl.getOptionValue(opt)
                  + "'");
        }
      }
    }
    // More threads than twice the cores only adds threads, chunks in flight and their memory.
    jobs = Math.min(jobs, 2 * Runtime.getRuntime().availableProcessors());
    if (cl.getArgList().isEmpty()) {
      throw new UsageException("check needs at least one capture file or directory");
    }
    if (cl.getArgList().stream().filter(a -> a.equals("-")).count() > 1) {
      throw new UsageException("standard input (-) can be read only once; name it once");
    }
    Baseline baseline = null;
    if (cl.hasOption("baseline")) {
      try {
        baseline = Baseline.read(FileNames.path(cl.getOptionValue("baseline")));
      } catch (IOException e) {
        throw new UsageException(
            "cannot read baseline "
                + Config.cut(cl.getOptionValue("baseline"))
                + ": "
                + org.tcplint.capture.FileNames.reason(e));
      }
    }
    org.tcplint.check.SpillList.tellTo(m -> err.println("tcplint: " + Printable.escape(m)));
    boolean[] unreadable = {false};
    List<Path> inputs =
        Inputs.expand(
            cl.getArgList(),
            w -> err.println("tcplint: " + Printable.escape(w)),
            e -> {
              err.println("tcplint: " + Printable.escape(e));
              unreadable[0] = true;
            });
    if (inputs.isEmpty() && unreadable[0]) {
      return ExitCode.BAD_INPUT;
    }
    if (inputs.isEmpty()) {
      throw new UsageException(
          "no capture files found in "
              + String.join(" ", cl.getArgList())
              + " (looked for "
              + Inputs.LOOKED_FOR
              + ")");
    }
    sameFiles(outputs, cl.getOptionValue("write-baseline"), inputs);
    boolean progress =
        cl.hasOption("progress") || (!cl.hasOption("no-progress") && System.console() != null);
    boolean colour = Output.colourByDefault(System.console() != null, System.getenv("NO_COLOR"));
    List<Writer> writers = new ArrayList<>();
    List<Reporter> reporters = new ArrayList<>();
    Baseline.Filter known = baseline == null ? null : baseline.filter();
    Baseline recorded = cl.hasOption("write-baseline") ? Baseline.empty() : null;
    RunSummary.Totals totals = new RunSummary.Totals();
    RunSummary.Totals all = new RunSummary.Totals();
    List<String> errors = new ArrayList<>();
    boolean failed = false;
    Suppression.Filter suppressions = Suppression.filter(config.suppressions());
    boolean[] writeFailed = {false};
    org.tcplint.api.Tcplint tcplint =
        org.tcplint.api.Tcplint.builder()
            .levels(levels)
            .settings(config.settings())
            .threads(jobs)
            .summaries(keepsSummaries(formats, cl.hasOption("q"), filters))
            .build();
    try {
      for (int i = 0; i < formats.length; i++) {
        boolean toFile = i < outputs.length;
        Writer w =
            toFile ? new Utf8Writer(Output.open(outputs[i])) : new Utf8Writer(Output.standard(out));
        writers.add(w);
        Reporter r =
            Reporters.create(
                formats[i],
                w,
                new ReportOptions(
                    Version.get(),
                    threshold,
                    !toFile && colour,
                    cl.hasOption("q"),
                    tcplint.executor(),
                    Reporters.shown(formats[i], show)));
        r.start();
        reporters.add(r);
      }
      Progress bar = progress ? Progress.start(inputs, err) : null;
      long started = System.nanoTime();
      Iterable<FileResult> results =
          tcplint.checkAll(
              inputs,
              bar == null ? n -> {} : bar::bytes,
              (p, nanos) -> {
                if (bar != null) {
                  bar.fileDone(p, nanos);
                }
              });
      for (FileResult read : results) {
        all.add(read);
        FileResult checked = filters.apply(read);
        if (checked != read) {
          read.release();
        }
        FileResult r = suppressions.apply(checked);
        if (recorded != null) {
          recorded.add(r);
        }
        if (known != null) {
          FileResult filtered = known.apply(r);
          if (r != checked) {
            r.release();
          }
          r = filtered;
        }
        totals.add(r);
        for (Reporter rep : reporters) {
          rep.file(r);
        }
        if (r.error() != null) {
          errors.add("tcplint: " + Printable.escape(r.path() + ": " + r.error()));
        }
        if (threshold != null && reaches(r.severityCounts(), threshold)) {
          failed = true;
        }
        if (bar != null) {
          bar.fileLine(r);
        }
        checked.release();
        r.release();
      }
      RunSummary summary =
          totals.summary(suppressions.removed(), known == null ? 0 : known.removed());
      if (bar != null) {
        bar.close(); // before the reports' summary lines, which may go to the same terminal
      }
      for (Reporter rep : reporters) {
        rep.end(summary);
      }
      if (bar != null) {
        bar.total(all, System.nanoTime() - started, err);
      }
      if (recorded != null) {
        String b = cl.getOptionValue("write-baseline");
        try {
          recorded.write(FileNames.path(b));
        } catch (IOException e) {
          err.println(
              "tcplint: cannot write the baseline "
                  + Printable.escape(b)
                  + ": "
                  + org.tcplint.capture.FileNames.reason(e));
          writeFailed[0] = true;
        }
      }
    } catch (IOException e) {
      err.println("tcplint: cannot write the report: " + Printable.escape(e.getMessage()));
      writeFailed[0] = true;
    } finally {
      for (int i = 0; i < writers.size(); i++) {
        try {
          if (i < outputs.length) {
            writers.get(i).close();
          } else {
            writers.get(i).flush();
          }
        } catch (IOException e) {
          if (!writeFailed[0]) {
            err.println("tcplint: cannot write the report: " + Printable.escape(e.getMessage()));
          }
          writeFailed[0] = true;
        }
      }
    }
    if (writeFailed[0]) {
      return ExitCode.BAD_INPUT;
    }
    out.flush();
    errors.forEach(err::println);
    if (!errors.isEmpty() || unreadable[0]) {
      return ExitCode.BAD_INPUT;
    }
    return failed ? ExitCode.FINDINGS : ExitCode.OK;
  }

  /**
   * Refuses, before anything is written, an output that is also an input (the capture would be
   * overwritten before it is read) or two outputs to the same file (their reports would mix).
   */
  static void sameFiles(String[] outputs, String baselineOut, List<Path> inputs)
      throws UsageException {
    List<String> names = new ArrayList<>(List.of(outputs));
    List<String> options = new ArrayList<>();
    for (int i = 0; i < outputs.length; i++) {
      options.add("-o");
    }
    if (baselineOut != null) {
      names.add(baselineOut);
      options.add("--write-baseline");
    }
    List<Path> written = new ArrayList<>();
    for (String n : names) {
      try {
        written.add(FileNames.path(n));
      } catch (java.nio.file.InvalidPathException e) {
        throw new UsageException("cannot write to '" + n + "': " + e.getReason());
      }
    }
    for (int i = 0; i < written.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (same(written.get(i), written.get(j))) {
          throw new UsageException(
              options.get(j)
                  + " "
                  + names.get(j)
                  + " and "
                  + options.get(i)
                  + " "
                  + names.get(i)
                  + " name the same file; give each report its own file");
        }
      }
      for (Path in : inputs) {
        if (!in.toString().equals("-") && same(written.get(i), in)) {
          throw new UsageException(
              options.get(i)
                  + " "
                  + names.get(i)
                  + " is also an input; writing the report there would destroy the capture");
        }
      }
    }
  }

  /** The report formats asked for ({@code -f}, repeatable), text when none. */
  static String[] formats(CommandLine cl) {
    return cl.getOptionValues("f") == null ? new String[] {"text"} : cl.getOptionValues("f");
  }

  /**
   * Whether the check keeps each conversation's summary: when a report lists conversations, or a
   * filter selects them; not when every report is jsonl, sarif, github or a quiet text report,
   * which print the count.
   */
  static boolean keepsSummaries(String[] formats, boolean quiet, Filters filters) {
    return !filters.none()
        || java.util.Arrays.stream(formats).anyMatch(f -> Reporters.listsConversations(f, quiet));
  }

  /** The same file: the same absolute path, or (both existing) the same file on disk. */
  private static boolean same(Path a, Path b) {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  private static String[] values(CommandLine cl, String opt) {
    String[] v = cl.getOptionValues(opt);
    return v == null ? new String[0] : v;
  }

  /**
   * The {@code --show} level: warning by default, or the {@code --fail-on} level when that is lower
   * (a finding that fails the run is shown).
   */
  private static Severity show(CommandLine cl, Severity failOn) throws UsageException {
    if (cl.hasOption("show")) {
      Severity s = Severity.parse(cl.getOptionValue("show"));
      if (s == null || s == Severity.OFF) {
        throw new UsageException(
            "unknown --show level '"
                + Config.cut(cl.getOptionValue("show"))
                + "' (info, warning, error)");
      }
      return s;
    }
    return failOn != null && !failOn.atLeast(Severity.WARNING) ? failOn : Severity.WARNING;
  }

  /** Some finding has {@code threshold}'s severity or a higher one. */
  private static boolean reaches(long[] severityCounts, Severity threshold) {
    for (Severity s : Severity.values()) {
      if (s.atLeast(threshold) && severityCounts[s.ordinal()] > 0) {
        return true;
      }
    }
    return false;
  }
}
