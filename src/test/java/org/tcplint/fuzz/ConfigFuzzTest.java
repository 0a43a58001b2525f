package org.tcplint.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.tcplint.check.Baseline;
import org.tcplint.cli.ConfigAccess;
import org.tcplint.cli.UsageException;

/**
 * Fuzz targets for the {@code --config} parser and the {@code --baseline} reader on arbitrary file
 * contents. A config is either read or a usage error (exit 2) whose message stays short; a baseline
 * is either read or an {@link IOException} saying in words why it is not one.
 */
class ConfigFuzzTest {
  private static Path dir;

  @BeforeAll
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("tcplint-fuzz");
  }

  @AfterAll
  static void deleteDirectory() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  private static Path write(String name, byte[] input) {
    try {
      return Files.write(dir.resolve(name), input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
  void config(byte[] input) {
    Path file = write("config.json", input);
    try {
      assertNotNull(ConfigAccess.read(file));
    } catch (UsageException e) {
      // documented: exit 2 naming the key; never the whole file echoed back
      assertNotNull(e.getMessage());
      assertTrue(e.getMessage().length() < 2000, "short message: " + e.getMessage().length());
    }
  }

  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
  void baseline(byte[] input) {
    Path file = write("baseline.json", input);
    try {
      Baseline b = Baseline.read(file);
      assertNotNull(b.filter());
    } catch (IOException e) {
      // documented: "not a tcplint baseline" and similar, in words, without parser class names
      assertNotNull(e.getMessage());
      // (a key of the file itself may be echoed, cut short, whatever it says)
      String text = new String(input, java.nio.charset.StandardCharsets.ISO_8859_1);
      for (String parser : new String[] {"com.google.gson", "Exception"}) {
        assertTrue(!e.getMessage().contains(parser) || text.contains(parser), e.getMessage());
      }
      assertTrue(e.getMessage().length() < 2000, "short message: " + e.getMessage().length());
    }
  }
}
