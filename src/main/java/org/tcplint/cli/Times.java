package org.tcplint.cli;

/** Formats capture timestamps as ISO-8601 UTC with nanoseconds. */
public final class Times {
  private Times() {}

  /**
   * The time as {@code 2026-12-04T15:16:40.123456789Z}; a time no calendar holds (a pcapng {@code
   * if_tsresol} or {@code if_tsoffset} can make the seconds reach ±2^63) is shown raw, as seconds
   * since the epoch, with a note.
   */
  public static String iso(long seconds, int nanos) {
    java.time.LocalDateTime t;
    try {
      t = java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return seconds + "." + String.format("%09d", nanos) + " s since 1970 (beyond the calendar)";
    }
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
