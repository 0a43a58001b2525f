package org.tcplint.cli;

/** Formats capture timestamps as ISO-8601 UTC with nanoseconds. */
public final class Times {
  private Times() {}

  public static String iso(long seconds, int nanos) {
    java.time.LocalDateTime t =
        java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC);
    return String.format(
        "%04d-%02d-%02dT%02d:%02d:%02d.%09dZ",
        t.getYear(),
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour(),
        t.getMinute(),
        t.getSecond(),
        nanos);
  }
}
