package org.tcplint.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.tcplint.cli.Main;

/** Runs the command line in-process and returns what it printed on standard output. */
public final class Cli {
  private Cli() {}

  public static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
