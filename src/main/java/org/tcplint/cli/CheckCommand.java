package org.tcplint.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.tcplint.check.Baseline;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.check.Suppression;
import org.tcplint.report.ReportOptions;
import org.tcplint.report.Reporter;
import org.tcplint.report.Reporters;
import org.tcplint.report.RunSummary;
import org.tcplint.rules.Finding;
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
            .desc("files checked in parallel (default: number of cores)")
            .get());
    o.addOption(Option.builder().longOpt("progress").desc("progress on standard error").get());
    o.addOption(Option.builder().longOpt("no-progress").desc("no progress output").get());
    o.addOption(Option.builder("q").longOpt("quiet").desc("only the summary line").get());
    o.addOption(Option.builder("h").longOpt("help").desc("this help").get());
    return o;
  }

  static int run(CommandLine cl, PrintStream out, PrintStream err) throws UsageException {
    Config config =
        cl.hasOption("config") ? Config.read(Path.of(cl.getOptionValue("config"))) : Config.empty();
    RuleLevels levels = new RuleLevels();
    for (Map.Entry<String, Severity> e : config.rules().entrySet()) {
      try {
        levels.set(e.getKey(), e.getValue());
      } catch (IllegalArgumentException ex) {
        throw new UsageException(
            "config "
                + cl.getOptionValue("config")
                + ": rules."
                + e.getKey()
                + ": "
                + ex.getMessage());
      }
    }
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
        throw new UsageException(e.getMessage() + " in --rule " + r);
      }
    }
    String failOn =
        cl.getOptionValue("fail-on", config.failOn() != null ? config.failOn() : "error");
    Severity threshold = failOn.equals("never") ? null : Severity.parse(failOn);
    if ((threshold == null && !failOn.equals("never")) || threshold == Severity.OFF) {
      throw new UsageException("unknown --fail-on level '" + failOn + "'");
    }
    String[] formats =
        cl.getOptionValues("f") == null ? new String[] {"text"} : cl.getOptionValues("f");
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
    if (cl.hasOption("j")) {
      try {
        jobs = Integer.parseInt(cl.getOptionValue("j"));
      } catch (NumberFormatException e) {
        jobs = 0;
      }
      if (jobs < 1) {
        throw new UsageException(
            "--jobs needs a positive number, got '" + cl.getOptionValue("j") + "'");
      }
    }
    if (cl.getArgList().isEmpty()) {
      throw new UsageException("check needs at least one capture file or directory");
    }
    Baseline baseline = null;
    if (cl.hasOption("baseline")) {
      try {
        baseline = Baseline.read(Path.of(cl.getOptionValue("baseline")));
      } catch (IOException | RuntimeException e) {
        throw new UsageException(
            "cannot read baseline " + cl.getOptionValue("baseline") + ": " + e.getMessage());
      }
    }
    List<Path> inputs = Inputs.expand(cl.getArgList(), w -> err.println("tcplint: " + w));
    boolean progress =
        cl.hasOption("progress") || (!cl.hasOption("no-progress") && System.console() != null);
    Progress bar = progress ? Progress.start(inputs, err) : null;
    long started = System.nanoTime();
    List<FileResult> checked = checkAll(inputs, new Checker(levels, config.settings()), jobs, bar);
    if (bar != null) {
      bar.close();
      Progress.summary(checked, System.nanoTime() - started, err);
    }

    long suppressed = 0;
    List<FileResult> results = new ArrayList<>();
    for (FileResult r : checked) {
      List<Finding> keep = new ArrayList<>();
      for (Finding f : r.findings()) {
        if (suppressed(config.suppressions(), r.path(), f)) {
          suppressed++;
        } else {
          keep.add(f);
        }
      }
      results.add(r.withFindings(keep));
    }
    if (cl.hasOption("write-baseline")) {
      try {
        Baseline.of(results).write(Path.of(cl.getOptionValue("write-baseline")));
      } catch (IOException e) {
        err.println("tcplint: cannot write baseline: " + e.getMessage());
        return ExitCode.BAD_INPUT;
      }
    }
    long baselined = 0;
    if (baseline != null) {
      List<FileResult> kept = new ArrayList<>();
      baselined = baseline.filter(results, kept);
      results = kept;
    }
    RunSummary summary = RunSummary.of(results, suppressed, baselined);
    boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
    for (int i = 0; i < formats.length; i++) {
      boolean toFile = i < outputs.length;
      ReportOptions options =
          new ReportOptions(Version.get(), threshold, !toFile && colour, cl.hasOption("q"));
      try {
        if (toFile) {
          try (Writer w = Files.newBufferedWriter(Path.of(outputs[i]), StandardCharsets.UTF_8)) {
            report(Reporters.create(formats[i], w, options), results, summary);
          }
        } else {
          Writer w =
              new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
          report(Reporters.create(formats[i], w, options), results, summary);
          w.flush();
        }
      } catch (IOException e) {
        err.println(
            "tcplint: cannot write "
                + (toFile ? outputs[i] : "the report")
                + ": "
                + e.getMessage());
        return ExitCode.BAD_INPUT;
      }
    }
    out.flush();
    for (FileResult r : results) {
      if (r.error() != null) {
        err.println("tcplint: " + r.path() + ": " + r.error());
      }
    }
    if (results.stream().anyMatch(r -> r.error() != null)) {
      return ExitCode.BAD_INPUT;
    }
    if (threshold != null) {
      for (FileResult r : results) {
        for (Finding x : r.findings()) {
          if (x.severity().atLeast(threshold)) {
            return ExitCode.FINDINGS;
          }
        }
      }
    }
    return ExitCode.OK;
  }

  private static String[] values(CommandLine cl, String opt) {
    String[] v = cl.getOptionValues(opt);
    return v == null ? new String[0] : v;
  }

  private static boolean suppressed(List<Suppression> list, String path, Finding f) {
    for (Suppression s : list) {
      if (s.matches(path, f)) {
        return true;
      }
    }
    return false;
  }

  private static void report(Reporter r, List<FileResult> results, RunSummary summary)
      throws IOException {
    r.start();
    for (FileResult f : results) {
      r.file(f);
    }
    r.end(summary);
  }

  private static FileResult checkOne(Checker checker, Path p, Progress bar) {
    long t0 = System.nanoTime();
    FileResult r = checker.check(p, p.toString(), bar == null ? n -> {} : bar::bytes);
    if (bar != null) {
      bar.fileDone(p, System.nanoTime() - t0);
    }
    return r;
  }

  /** Checks every input, {@code jobs} at a time; results in input order whatever finishes first. */
  static List<FileResult> checkAll(List<Path> inputs, Checker checker, int jobs, Progress bar) {
    if (jobs == 1 || inputs.size() <= 1) {
      List<FileResult> out = new ArrayList<>();
      for (Path p : inputs) {
        out.add(checkOne(checker, p, bar));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, inputs.size()));
    try {
      List<Future<FileResult>> futures = new ArrayList<>();
      for (Path p : inputs) {
        futures.add(pool.submit(() -> checkOne(checker, p, bar)));
      }
      List<FileResult> out = new ArrayList<>();
      for (Future<FileResult> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
