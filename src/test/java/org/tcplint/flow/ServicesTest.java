package org.tcplint.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServicesTest {
  @Test
  void namesTheIanaServiceOfWellKnownPorts() {
    // IANA's service name registry: https://www.iana.org/assignments/service-names-port-numbers
    assertEquals("ftp-data", Services.name(20)); // the first of the table
    assertEquals("http", Services.name(80));
    assertEquals("https", Services.name(443));
    assertEquals("postgresql", Services.name(5432));
    assertEquals("mongodb", Services.name(27017)); // the last
    assertTrue(Services.known(22));
    assertTrue(Services.known(27017));
  }

  @Test
  void otherPortsHaveNoName() {
    for (int port : new int[] {0, 1, 19, 24, 81, 444, 8081, 27016, 27018, 49152, 65535}) {
      assertNull(Services.name(port), "port " + port);
      assertFalse(Services.known(port), "port " + port);
    }
  }

  @Test
  void everyPortAgreesBetweenNameAndKnown() {
    int named = 0;
    for (int port = 0; port <= 65535; port++) {
      boolean known = Services.known(port);
      assertEquals(known, Services.name(port) != null, "port " + port);
      named += known ? 1 : 0;
    }
    assertEquals(43, named);
  }
}
