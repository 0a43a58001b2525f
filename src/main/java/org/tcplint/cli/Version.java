package org.tcplint.cli;

/** The tool's version, from the jar manifest (or the build's default when run from classes). */
public final class Version {
  private Version() {}

  public static String get() {
    return org.tcplint.api.Tcplint.version();
  }
}
