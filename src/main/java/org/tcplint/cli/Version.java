package org.tcplint.cli;

/** The tool's version, from the jar manifest (or the build's default when run from classes). */
public final class Version {
  private Version() {}

  public static String get() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0";
  }
}
