package org.tcplint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** SARIF artifact URIs name the file faithfully (issue: a backslash in a POSIX name). */
class SarifUriTest {
  @Test
  void aBackslashInAPosixNameIsEncodedNotTurnedIntoASlash() {
    assertEquals("dir/a%5Cb.pcapng", SarifReporter.uri("dir/a\\b.pcapng", '/'));
  }

  @Test
  void theWindowsSeparatorBecomesASlash() {
    assertEquals("dir/a.pcapng", SarifReporter.uri("dir\\a.pcapng", '\\'));
  }

  @Test
  void nonAsciiAndSpacesArePercentEncodedAsUtf8() {
    assertEquals("caf%C3%A9%20x.pcapng", SarifReporter.uri("café x.pcapng", '/'));
  }
}
