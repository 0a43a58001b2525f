package org.tcplint.fuzz;

/** Shared settings of the fuzz targets. */
final class Fuzzing {
  private Fuzzing() {}

  /**
   * How long one target fuzzes under {@code JAZZER_FUZZ=1} unless the command line says otherwise
   * (README, Fuzzing); ignored in regression mode, where the kept inputs are replayed once each.
   */
  static final String MAX_DURATION = "10m";
}
