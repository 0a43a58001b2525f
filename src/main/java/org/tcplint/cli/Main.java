package org.tcplint.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.tcplint.report.Printable;

/** Entry point: {@code tcplint COMMAND [options] ARGS}. */
public final class Main {
  static final String USAGE =
      """
      usage: tcplint COMMAND [options] ARGS

      commands:
        check [options] PATH...        validate captures (files, directories, globs, - for stdin)
        conversations [options] PATH   one row per TCP conversation
        packets [options] PATH         one line per TCP segment (-V field tree, -f json)
        ladder [options] CAPTURE       one conversation as a ladder diagram (--stream N, --frame N)
        rules [--format text|json|markdown]   the rule catalog with its anchors (Wireshark, Suricata, Zeek)
        explain RULE_ID                what a rule checks, why, examples, how to silence it, anchors
        wireshark [--install] CAPTURE  open a capture in Wireshark with tcplint findings

      tcplint --version | --help;  tcplint COMMAND --help for a command's options
      """;

  private Main() {}

  public static void main(String[] args) {
    PrintStream out =
        new Output.Stdout(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code = run(Arguments.recover(args), out, err);
    out.flush();
    System.exit(code);
  }

  /** Runs a command line and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean debug = Arrays.asList(args).contains("--debug");
    String[] rest = Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
    try {
      int code = dispatch(rest, out, err);
      // a PrintStream keeps its write errors to itself (checkError flushes)
      if (out.checkError() && code < ExitCode.BAD_INPUT) {
        err.println(
            "tcplint: cannot write to standard output" + Output.why(out) + ": the output is lost");
        return Math.max(code, ExitCode.BAD_INPUT);
      }
      return code;
    } catch (UsageException e) {
      err.println("tcplint: " + Printable.escape(e.getMessage()));
      err.println("Try 'tcplint --help'.");
      return ExitCode.USAGE;
    } catch (RuntimeException | Error e) {
      org.tcplint.check.TemporaryFileException tmp =
          cause(e, org.tcplint.check.TemporaryFileException.class);
      if (tmp != null) {
        err.println(
            "tcplint: "
                + tmp.getMessage()
                + " (results of big captures go there; set TMPDIR to a writable directory"
                + " with free space)");
        return ExitCode.INTERNAL;
      }
      if (cause(e, OutOfMemoryError.class) != null) {
        err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
        if (debug) {
          e.printStackTrace(err);
        }
        return ExitCode.INTERNAL;
      }
      err.println("tcplint: internal error: " + Printable.escape(e.toString()));
      if (debug) {
        e.printStackTrace(err);
      } else {
        err.println("(run with --debug for the stack trace)");
      }
      return ExitCode.INTERNAL;
    }
  }

  /** The first of {@code e} and its causes that is a {@code type}, or null. */
  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** What a check that ran out of a heap of {@code maxBytes} says, and what to do about it. */
  static String outOfMemory(long maxBytes) {
    return "tcplint: out of memory: the Java heap (about "
        + (maxBytes >> 20)
        + " MiB) is too small for this check; give it more with TCPLINT_JAVA_OPTS=-Xmx<size>"
        + " (./tcplint gives 256 MiB plus 64 MiB per thread), or check with fewer threads (-j)";
  }

  private static int dispatch(String[] args, PrintStream out, PrintStream err)
      throws UsageException {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      out.print(USAGE);
      return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
    }
    if (args[0].equals("--version") || args[0].equals("-v")) {
      out.println("tcplint " + Version.get());
      return ExitCode.OK;
    }
    String command = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (command) {
      case "packets" -> {
        Options o = PacketsCommand.options();
        CommandLine cl = parse(o, rest);
        if (cl.hasOption("h")) {
          help(out, "packets [options] CAPTURE", o);
          yield ExitCode.OK;
        }
        yield PacketsCommand.run(cl, out, err);
      }
      case "ladder" -> {
        Options o = LadderCommand.options();
        CommandLine cl = parse(o, rest);
        if (cl.hasOption("h")) {
          help(out, "ladder [options] CAPTURE", o);
          yield ExitCode.OK;
        }
        yield LadderCommand.run(cl, out, err, System.console() != null, System.getenv("NO_COLOR"));
      }
      case "check" -> {
        Options o = CheckCommand.options();
        CommandLine cl = parse(o, rest);
        if (cl.hasOption("h")) {
          help(out, "check [options] PATH...", o);
          yield ExitCode.OK;
        }
        yield CheckCommand.run(cl, out, err);
      }
      case "rules" -> {
        Options o = withHelp(new Options());
        o.addOption(
            org.apache.commons.cli.Option.builder()
                .longOpt("format")
                .hasArg()
                .argName("FMT")
                .desc("text (default), json, markdown")
                .get());
        CommandLine cl = parse(o, rest);
        if (cl.hasOption("h")) {
          help(out, "rules [--format FMT]", o);
          yield ExitCode.OK;
        }
        yield CatalogCommands.rules(cl.getOptionValue("format", "text"), out);
      }
      case "wireshark" -> {
        Options o = WiresharkCommand.options();
        CommandLine cl = parse(o, rest);
        if (cl.hasOption("h")) {
          help(out, "wireshark [--install] [--tshark] CAPTURE", o);
          yield ExitCode.OK;
        }
        yield WiresharkCommand.run(cl, out, err);
      }
      case "explain" -> {
        Options o = withHelp(new Options());
        CommandLine cl = parse(o, rest);
        if (cl.hasOption("h")) {
          help(out, "explain RULE", o);
          yield ExitCode.OK;
        }
        yield ExplainCommand.run(
            cl.getArgList(),
            out,
            LadderCommand.colour("auto", System.console() != null, System.getenv("NO_COLOR")));
      }
      case "conversations" -> {
        Options o = CatalogCommands.conversationsOptions();
        CommandLine cl = parse(o, rest);
        if (cl.hasOption("h")) {
          help(out, "conversations [options] CAPTURE", o);
          yield ExitCode.OK;
        }
        yield CatalogCommands.conversations(cl, out, err);
      }
      default -> throw new UsageException("unknown command '" + command + "'");
    };
  }

  /** {@code o} with {@code -h, --help}. */
  static Options withHelp(Options o) {
    return o.addOption(
        org.apache.commons.cli.Option.builder("h").longOpt("help").desc("this help").get());
  }

  static CommandLine parse(Options o, String[] args) throws UsageException {
    try {
      return DefaultParser.builder().get().parse(o, args);
    } catch (ParseException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static void help(PrintStream out, String syntax, Options o) {
    PrintWriter w = new PrintWriter(out);
    new HelpFormatter().printHelp(w, 100, "tcplint " + syntax, "", o, 2, 4, "");
    w.flush();
  }
}
