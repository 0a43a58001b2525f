package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/rules.md (the SARIF helpUri target) is the catalog as {@code tcplint rules} prints it. */
class DocsTest {
  @Test
  void rulesDocumentMatchesTheCatalog() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(
        new String[] {"rules", "--format", "markdown"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);
    assertEquals(
        Files.readString(Path.of("docs/rules.md")),
        out.toString(StandardCharsets.UTF_8),
        "regenerate with: ./tcplint rules --format markdown > docs/rules.md");
  }
}
