package org.tcplint.cli;

/** Process exit codes (cli.md). */
public final class ExitCode {
  public static final int OK = 0;
  public static final int FINDINGS = 1;
  public static final int USAGE = 2;
  public static final int BAD_INPUT = 3;
  public static final int INTERNAL = 4;

  private ExitCode() {}
}
