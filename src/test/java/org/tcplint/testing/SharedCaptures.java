package org.tcplint.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared capture corpus ({@code ../shared/captures}, or {@code -Dtcplint.shared}). In a
 * fresh clone without it, tests that need it are skipped with a message; under {@code CI=true} a
 * missing corpus is a failure.
 */
public final class SharedCaptures {
  private SharedCaptures() {}

  public static Path root() {
    String prop = System.getProperty("tcplint.shared");
    Path shared = prop != null ? Path.of(prop) : Path.of("..", "shared");
    Path captures = shared.resolve("captures");
    if (!Files.isDirectory(captures)) {
      String msg = "shared capture corpus not found at " + captures.toAbsolutePath();
      if ("true".equals(System.getenv("CI"))) {
        fail(msg + " (required under CI=true)");
      }
      Assumptions.abort(msg + "; skipping tests that need it");
    }
    return captures;
  }

  /** Every capture file (*.pcap, *.pcapng) below the corpus, sorted. */
  public static List<Path> all() {
    return below(root());
  }

  /** Every capture file (*.pcap, *.pcapng) below a folder, sorted. */
  public static List<Path> below(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path of a capture relative to the corpus root, for test names. */
  public static String name(Path capture) {
    return root().relativize(capture).toString();
  }

  /** Rows of a tab-separated oracle file without its header line; empty when it has none. */
  public static List<String[]> tsv(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      if (lines.isEmpty()) {
        return List.of();
      }
      return lines.subList(1, lines.size()).stream()
          .filter(l -> !l.isEmpty())
          .map(l -> l.split("\t", -1))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
