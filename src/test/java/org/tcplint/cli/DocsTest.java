package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md (the SARIF helpUri target) is the catalog as {@code tcplint rules} prints it, the
 * README's option table lists every option of {@code tcplint check}, and its config example is one
 * that tcplint accepts.
 */
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

  @Test
  void readmeListsEveryCheckOption() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(
        new String[] {"check", "--help"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String help = out.toString(StandardCharsets.UTF_8);
    String readme = Files.readString(Path.of("README.md"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("--([a-z][a-z-]+)").matcher(help);
    int options = 0;
    while (m.find()) {
      options++;
      if (!m.group(1).equals("help")) {
        String row = "(?m)^\\| `[^|]*--" + m.group(1) + "(?![a-z-])";
        assertTrue(
            java.util.regex.Pattern.compile(row).matcher(readme).find(),
            "README's option table lacks --" + m.group(1));
      }
    }
    assertTrue(options > 10, help);
  }

  @Test
  void readmeConfigExampleIsAValidConfig(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int at = readme.indexOf("```json", readme.indexOf("Config file (unknown keys"));
    assertTrue(at > 0, "README has the config example");
    int start = at + "```json".length();
    Path file = dir.resolve("tcplint.json");
    Files.writeString(file, readme.substring(start, readme.indexOf("```", start)));
    Config c = Config.read(file); // a usage error (exit 2) would throw
    assertEquals("warning", c.failOn());
    assertEquals(2, c.suppressions().size());
    assertEquals(org.tcplint.rules.Severity.WARNING, c.rules().get("seq.gap"));
  }
}
