package org.tcplint.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.tcplint.api.Tcplint;
import org.tcplint.check.FileResult;
import org.tcplint.check.LadderTrace;
import org.tcplint.report.Printable;
import org.tcplint.report.TerminalLadder;
import org.tcplint.report.Utf8Writer;
import org.tcplint.rules.Finding;

/**
 * {@code tcplint ladder CAPTURE --stream N}: one conversation drawn as a ladder, the client's
 * column and the server's with an arrow a segment, each finding on its segment.
 */
final class LadderCommand {
  private LadderCommand() {}

  static Options options() {
    Options o = new Options();
    Filters.addTo(
        o,
        "without --stream: the conversation of frame N (or A); A-B, or N with --stream: only the"
            + " frames A to B");
    o.addOption(
        Option.builder().longOpt("all").desc("every segment: no folding of quiet data").get());
    o.addOption(
        Option.builder()
            .longOpt("color")
            .hasArg()
            .argName("WHEN")
            .desc("auto (default: on a terminal, unless NO_COLOR is set), always, never")
            .get());
    return Main.withHelp(o);
  }

  /**
   * Draws the conversation chosen by {@code cl}; {@code terminal} tells whether standard output is
   * a terminal and {@code noColor} is the value of {@code NO_COLOR} (null when unset).
   */
  static int run(CommandLine cl, PrintStream out, PrintStream err, boolean terminal, String noColor)
      throws UsageException {
    if (cl.getArgList().size() != 1) {
      throw new UsageException("ladder takes exactly one capture file");
    }
    String name = cl.getArgList().get(0);
    Filters filters = Filters.of(cl);
    Integer stream = filters.stream() >= 0 ? filters.stream() : null;
    long[] frames =
        cl.hasOption("frame") ? new long[] {filters.firstFrame(), filters.lastFrame()} : null;
    boolean colour = colour(cl.getOptionValue("color", "auto"), terminal, noColor);
    Path path = PacketsCommand.input(name, err);
    if (path == null) {
      return ExitCode.BAD_INPUT;
    }
    FileResult r;
    try (Tcplint checker = Tcplint.builder().threads(1).build()) {
      r = checker.check(path, name);
    }
    try {
      if (r.conversations().isEmpty() && r.error() != null) {
        err.println("tcplint: " + Printable.escape(name + ": " + r.error()));
        return ExitCode.BAD_INPUT;
      }
      LadderTrace.Source source = LadderTrace.file(path);
      int chosen = choose(r, source, name, stream, frames);
      boolean limit = frames != null && (stream != null || frames[0] != frames[1]);
      Predicate<Finding> keep = f -> filters.rule(f.rule());
      LadderTrace.Selection selection =
          new LadderTrace.Selection(
              limit ? frames[0] : 1, limit ? frames[1] : Long.MAX_VALUE, keep);
      LadderTrace trace =
          LadderTrace.of(source, r, chosen, selection).orElseThrow(() -> noStream(r, name, chosen));
      Utf8Writer w = new Utf8Writer(Output.standard(out));
      TerminalLadder drawing = new TerminalLadder(colour, !cl.hasOption("all"));
      drawing.title(trace, w);
      w.append('\n');
      drawing.ladder(trace, w);
      w.append('\n');
      drawing.findings(trace, w);
      w.flush();
      String error = r.error() != null ? r.error() : trace.error();
      if (error != null) {
        err.println("tcplint: " + Printable.escape(name + ": " + error));
        return ExitCode.BAD_INPUT;
      }
      return ExitCode.OK;
    } catch (IOException e) {
      err.println("tcplint: " + Printable.escape(name + ": " + e.getMessage()));
      return ExitCode.BAD_INPUT;
    } finally {
      r.release();
    }
  }

  /** The stream asked for, that of the frame asked for, or the capture's only one. */
  private static int choose(
      FileResult r, LadderTrace.Source source, String name, Integer stream, long[] frames)
      throws UsageException, IOException {
    if (stream != null) {
      return stream;
    }
    if (frames != null) {
      OptionalInt s = LadderTrace.streamOf(source, r, frames[0]);
      if (s.isEmpty()) {
        throw new UsageException(
            "frame " + frames[0] + " of " + name + " is not a segment of a TCP conversation");
      }
      return s.getAsInt();
    }
    if (r.conversations().size() == 1) {
      return r.conversations().get(0).stream();
    }
    throw new UsageException(
        "ladder needs --stream N or --frame N: "
            + name
            + " has "
            + r.conversations().size()
            + " conversations (see 'tcplint conversations')");
  }

  private static UsageException noStream(FileResult r, String name, int stream) {
    int n = r.conversations().size();
    return new UsageException(
        "no stream "
            + stream
            + " in "
            + name
            + (n == 0 ? ": it has no TCP conversation" : " (streams 0 to " + (n - 1) + ")")
            + "; see 'tcplint conversations'");
  }

  /**
   * Colour for {@code --color WHEN}: {@code auto} on a terminal unless {@code NO_COLOR} is set to
   * something (no-color.org); the option wins over the variable.
   */
  static boolean colour(String when, boolean terminal, String noColor) throws UsageException {
    return switch (when) {
      case "always" -> true;
      case "never" -> false;
      case "auto" -> Output.colourByDefault(terminal, noColor);
      default ->
          throw new UsageException("--color takes auto, always or never, not '" + when + "'");
    };
  }
}
