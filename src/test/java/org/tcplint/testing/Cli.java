package org.tcplint.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.tcplint.cli.Main;

/** Runs the command line in-process and returns what it printed on standard output. */
public final class Cli {
  private Cli() {}

  /** Exit code, standard output and standard error of one command line. */
  public record Result(int code, String out, String err) {}

  /** Runs a command line in-process and returns its exit code and both outputs. */
  public static Result result(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  public static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
