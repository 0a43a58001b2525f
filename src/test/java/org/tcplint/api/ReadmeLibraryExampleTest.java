package org.tcplint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.cli.Main;

/**
 * The README's library example compiles against this build, prints what the README shows, and
 * writes the JSON report {@code tcplint check -f json} writes.
 */
class ReadmeLibraryExampleTest {
  @TempDir Path dir;

  @Test
  void theReadmeExampleRunsAsShown() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int at = readme.indexOf("\n## As a library\n");
    assertTrue(at >= 0, "README has no library section");
    String section = readme.substring(at, readme.indexOf("\n## ", at + 1));
    Matcher java = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(section);
    assertTrue(java.find(), "no Java example");
    Matcher shell = Pattern.compile("```\n(\\$ javac.*?)```", Pattern.DOTALL).matcher(section);
    assertTrue(shell.find(), "no shell session");

    Path report = dir.resolve("report.json");
    String source = java.group(1);
    String original = "Path.of(\"report.json\")";
    assertTrue(source.contains(original), source);
    source =
        source.replace(original, "Path.of(\"" + report.toString().replace("\\", "\\\\") + "\")");
    Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
    assertTrue(name.find());
    Path file = dir.resolve(name.group(1) + ".java");
    Files.writeString(file, source);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "a JDK is needed to compile the example");
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc =
        javac.run(
            null,
            diagnostics,
            diagnostics,
            "-cp",
            System.getProperty("java.class.path"),
            "-d",
            dir.toString(),
            file.toString());
    assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8));

    // The session: "$ java -cp target/tcplint.jar:. CLASS ARGS", then the lines it prints.
    String[] lines = shell.group(1).split("\n");
    String run = lines[1];
    assertTrue(run.startsWith("$ java -cp target/tcplint.jar:. " + name.group(1) + " "), run);
    String[] args =
        run.substring(run.indexOf(name.group(1)) + name.group(1).length() + 1).split(" ");
    List<String> shown = new ArrayList<>(List.of(lines).subList(2, lines.length));
    // RFC 9293: a SYN occupies one sequence number, so ISN 500 is acknowledged with 501.
    assertEquals(
        List.of(
            "testdata/seed-wrong-synack-ack.pcapng:2 handshake.synack-wrong-ack"
                + " expected 501, actual 5001"),
        shown);

    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass(name.group(1)).getMethod("main", String[].class);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) args);
    } finally {
      System.setOut(stdout);
    }
    assertEquals(shown, List.of(printed.toString(StandardCharsets.UTF_8).split("\n")));

    ByteArrayOutputStream cli = new ByteArrayOutputStream();
    List<String> check = new ArrayList<>(List.of("check", "--no-progress", "-f", "json"));
    check.addAll(List.of(args));
    Main.run(
        check.toArray(new String[0]),
        new PrintStream(cli, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(cli.toString(StandardCharsets.UTF_8), Files.readString(report));
  }
}
