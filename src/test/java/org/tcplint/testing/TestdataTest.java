package org.tcplint.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed {@code testdata/} captures equal what {@link Testdata} writes. */
class TestdataTest {
  @Test
  void committedCapturesMatchTheirSource() throws IOException {
    for (Map.Entry<String, byte[]> e : Testdata.all().entrySet()) {
      Path p = Testdata.path(e.getKey());
      assertTrue(Files.exists(p), p + " missing: run Testdata.main");
      assertArrayEquals(e.getValue(), Files.readAllBytes(p), p + " differs from Testdata");
    }
  }
}
