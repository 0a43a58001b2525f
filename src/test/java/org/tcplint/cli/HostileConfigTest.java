package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile config and baseline files: exit 2 with a message that names the key and the range. */
class HostileConfigTest {
  @TempDir Path dir;
  private String stderr;
  private Path good;

  @BeforeEach
  void goodCapture() throws Exception {
    good = dir.resolve("good.pcapng");
    Files.copy(Path.of("testdata/seed-wrong-synack-ack.pcapng"), good);
  }

  int run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    stderr = err.toString(StandardCharsets.UTF_8);
    return code;
  }

  int config(String json) throws Exception {
    return config(json.getBytes(StandardCharsets.UTF_8));
  }

  int config(byte[] bytes) throws Exception {
    Path p = dir.resolve("tcplint.json");
    Files.write(p, bytes);
    return run("check", "-q", "--config", p.toString(), good.toString());
  }

  void usageError(String json, String... expected) throws Exception {
    assertEquals(2, config(json), json);
    for (String e : expected) {
      assertTrue(stderr.contains(e), json + " -> " + stderr);
    }
    assertFalse(stderr.contains("internal error"), stderr);
    assertFalse(stderr.contains("Exception"), stderr);
  }

  static String suppression(String extra) {
    return "{\"suppressions\": [{\"rule\": \"handshake.synack-wrong-ack\", \"reason\": \"r\""
        + extra
        + "}]}";
  }

  // row 5
  @Test
  void anInvalidGlobInASuppressionIsAUsageError() throws Exception {
    usageError(
        suppression(", \"file\": \"[a-\""),
        "suppressions[0].file must be a file name or glob",
        "'[a-'");
  }

  @Test
  void numbersOutOfRangeOrNotWholeAreUsageErrorsNamingTheRange() throws Exception {
    usageError(
        "{\"defaults\": {\"windowScale\": 1e999999999}}",
        "defaults.windowScale must be a whole number from -1 to 14, got 1e999999999");
    usageError(
        "{\"defaults\": {\"windowScale\": 4294967303}}",
        "defaults.windowScale must be a whole number from -1 to 14, got 4294967303");
    usageError(
        "{\"defaults\": {\"windowScale\": 7.9}}",
        "defaults.windowScale must be a whole number from -1 to 14, got 7.9");
    usageError(
        "{\"defaults\": {\"windowScale\": \"7\"}}", "defaults.windowScale must be a whole number");
    usageError(
        "{\"defaults\": {\"lingerSeconds\": -5}}",
        "defaults.lingerSeconds must be a whole number from 0 to");
    usageError("{\"defaults\": {\"mslSeconds\": -1}}", "defaults.mslSeconds must be");
    usageError("{\"defaults\": {\"idleSeconds\": 0}}", "defaults.idleSeconds must be");
    usageError("{\"defaults\": {\"idleSeconds\": 1e300}}", "defaults.idleSeconds must be");
    usageError(
        "{\"defaults\": {\"maxConversations\": -3}}",
        "defaults.maxConversations must be a whole number from 1 to 100000000");
    usageError(
        "{\"defaults\": {\"maxExpansion\": 9}}",
        "defaults.maxExpansion must be a whole number from 10 to 1000000, got 9");
    usageError(
        "{\"defaults\": {\"maxFindingsPerFile\": 0}}",
        "defaults.maxFindingsPerFile must be a whole number from 1 to 100000000, got 0");
    usageError(
        suppression(", \"stream\": 4294967296"),
        "suppressions[0].stream must be a whole number from 0 to 2147483647, got 4294967296");
    usageError(suppression(", \"stream\": -1"), "suppressions[0].stream must be");
    usageError(suppression(", \"frame\": 0"), "suppressions[0].frame must be");
    // in range: accepted (7.0 is a whole number)
    assertEquals(1, config("{\"defaults\": {\"windowScale\": 7.0, \"lingerSeconds\": 0}}"));
    assertEquals(1, config("{\"defaults\": {\"maxExpansion\": 10, \"maxFindingsPerFile\": 1}}"));
  }

  @Test
  void aStreamBeyondThirtyTwoBitsNoLongerSuppressesStreamZero() throws Exception {
    assertEquals(2, config(suppression(", \"stream\": 4294967296")));
    assertEquals(0, config(suppression(", \"stream\": 0")));
  }

  @Test
  void unknownRuleIdsInSuppressionsAreUsageErrors() throws Exception {
    usageError(
        "{\"suppressions\": [{\"rule\": \"handshake.nope\", \"reason\": \"r\"}]}",
        "suppressions[0].rule: unknown rule id 'handshake.nope'");
    usageError(
        "{\"suppressions\": [{\"rule\": \"nofamily.*\", \"reason\": \"r\"}]}",
        "unknown rule id 'nofamily.*'");
    assertEquals(
        0, config("{\"suppressions\": [{\"rule\": \"handshake.*\", \"reason\": \"known\"}]}"));
  }

  @Test
  void aHugeValueIsCutInTheMessage() throws Exception {
    String huge = "x".repeat(10_000_000);
    usageError("{\"rules\": {\"" + huge + "\": \"off\"}}", "characters)");
    assertTrue(stderr.length() < 1000, "message of " + stderr.length() + " characters");
    usageError("{\"" + huge + "\": 1}", "unknown key", "(10000000 characters)");
    assertTrue(stderr.length() < 1000, "message of " + stderr.length() + " characters");
    usageError(suppression(", \"file\": \"[" + huge + "\""), "(10000001 characters)");
    assertTrue(stderr.length() < 1000, "message of " + stderr.length() + " characters");
  }

  @Test
  void invalidUtf8InAConfigNamesTheByte() throws Exception {
    byte[] bytes = "{\"failOn\": \"x\u00e9\"}".getBytes(StandardCharsets.UTF_8);
    bytes[13] = (byte) 0xff;
    assertEquals(2, config(bytes));
    assertTrue(stderr.contains("is not UTF-8 text: invalid byte 0xff at offset 13"), stderr);
    assertFalse(stderr.contains("Input length"), stderr);
  }

  @Test
  void baselineErrorsSayWhyWithoutParserClassNames() throws Exception {
    Path b = dir.resolve("baseline.json");
    String[][] cases = {
      {"{\"version\": 1, \"fingerprints\": {", "not valid JSON"},
      {"[1, 2]", "not a tcplint baseline"},
      {"{\"version\": \"one\", \"fingerprints\": {}}", "not a tcplint baseline"},
      {"{\"version\": 1, \"fingerprints\": []}", "not a tcplint baseline"},
      {"{\"version\": 1, \"fingerprints\": {\"a\": \"b\"}}", "fingerprint 'a' must have a count"},
      {"{\"version\": 1, \"fingerprints\": {\"a\": 1e99}}", "fingerprint 'a' must have a count"},
      {"\"" + "y".repeat(1_000_000) + "\"", "not a tcplint baseline"},
    };
    for (String[] c : cases) {
      Files.writeString(b, c[0]);
      assertEquals(2, run("check", "-q", "--baseline", b.toString(), good.toString()), c[0]);
      assertTrue(stderr.contains("cannot read baseline " + b + ": " + c[1]), stderr);
      assertFalse(stderr.contains("com.google"), stderr);
      assertFalse(stderr.contains("Exception"), stderr);
      assertTrue(stderr.length() < 1000, stderr);
    }
    Files.write(b, new byte[] {'{', (byte) 0xc3, '}'});
    assertEquals(2, run("check", "-q", "--baseline", b.toString(), good.toString()));
    assertTrue(stderr.contains("not UTF-8 text"), stderr);
  }
}
