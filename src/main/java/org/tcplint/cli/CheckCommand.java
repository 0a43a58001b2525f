package org.tcplint.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.report.JsonReport;
import org.tcplint.report.TextReport;
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
            .desc("text (default), json, jsonl")
            .get());
    o.addOption(
        Option.builder("o")
            .longOpt("output")
            .hasArg()
            .argName("FILE")
            .desc("write the report to FILE (pairs with the -f before it)")
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
    o.addOption(Option.builder("q").longOpt("quiet").desc("only the summary line").get());
    o.addOption(Option.builder("h").longOpt("help").desc("this help").get());
    return o;
  }

  static int run(CommandLine cl, PrintStream out, PrintStream err) throws UsageException {
    RuleLevels levels = new RuleLevels();
    for (String r :
        cl.getOptionValues("rule") == null ? new String[0] : cl.getOptionValues("rule")) {
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
    String failOn = cl.getOptionValue("fail-on", "error");
    Severity threshold = failOn.equals("never") ? null : Severity.parse(failOn);
    if (threshold == null && !failOn.equals("never") || threshold == Severity.OFF) {
      throw new UsageException("unknown --fail-on level '" + failOn + "'");
    }
    String[] formats =
        cl.getOptionValues("f") == null ? new String[] {"text"} : cl.getOptionValues("f");
    String[] outputs = cl.getOptionValues("o") == null ? new String[0] : cl.getOptionValues("o");
    for (String f : formats) {
      if (!List.of("text", "json", "jsonl").contains(f)) {
        throw new UsageException("unknown format '" + f + "' (text, json, jsonl)");
      }
    }
    if (outputs.length > formats.length) {
      throw new UsageException("more -o than -f options");
    }
    if (cl.getArgList().isEmpty()) {
      throw new UsageException("check needs at least one capture file or directory");
    }
    List<Path> inputs = Inputs.expand(cl.getArgList());
    Checker checker = new Checker(levels);
    List<FileResult> results = new ArrayList<>();
    for (Path p : inputs) {
      results.add(checker.check(p, p.toString()));
    }
    boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
    for (int i = 0; i < formats.length; i++) {
      boolean toFile = i < outputs.length;
      try {
        if (toFile) {
          try (java.io.Writer w =
              Files.newBufferedWriter(Path.of(outputs[i]), StandardCharsets.UTF_8)) {
            render(w, formats[i], results, cl.hasOption("q"), false);
          }
        } else {
          java.io.Writer w =
              new java.io.BufferedWriter(
                  new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
          render(w, formats[i], results, cl.hasOption("q"), colour);
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

  private static void render(
      java.io.Writer w, String format, List<FileResult> results, boolean quiet, boolean colour)
      throws IOException {
    switch (format) {
      case "json" -> JsonReport.write(w, results, Version.get());
      case "jsonl" -> JsonReport.writeLines(w, results);
      default -> w.write(TextReport.render(results, Severity.INFO, colour, quiet));
    }
  }
}
