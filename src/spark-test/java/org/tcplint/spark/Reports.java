package org.tcplint.spark;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.tcplint.cli.Main;

/**
 * The rows of a run in one comparable form: the command line's JSON report (schema v1) flattened to
 * one JSON object per finding, conversation and file with its {@code path}, and the job's Parquet
 * datasets read back into the same shape. Paths are absolute file names; objects are printed with
 * sorted keys, one per line, in file then report order.
 */
record Reports(List<String> findings, List<String> conversations, List<String> files, int code) {

  /** Runs {@code tcplint check -f json ARGS} in-process. */
  static Reports cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] all = new String[args.length + 3];
    all[0] = "check";
    all[1] = "-f";
    all[2] = "json";
    System.arraycopy(args, 0, all, 3, args.length);
    int code =
        Main.run(
            all,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    JsonObject report =
        JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    List<Keyed> findings = new ArrayList<>();
    List<Keyed> conversations = new ArrayList<>();
    List<Keyed> files = new ArrayList<>();
    for (JsonElement e : report.getAsJsonArray("files")) {
      JsonObject f = e.getAsJsonObject();
      String path = absolute(f.get("path").getAsString());
      int i = 0;
      Map<String, Integer> bySeverity = new TreeMap<>(Map.of("error", 0, "warning", 0, "info", 0));
      for (JsonElement x : f.getAsJsonArray("findings")) {
        findings.add(new Keyed(path, i++, with(path, x.getAsJsonObject())));
        bySeverity.merge(x.getAsJsonObject().get("severity").getAsString(), 1, Integer::sum);
      }
      for (JsonElement x : f.getAsJsonArray("conversations")) {
        JsonObject c = x.getAsJsonObject();
        conversations.add(new Keyed(path, c.get("stream").getAsInt(), with(path, c)));
      }
      JsonObject file = new JsonObject();
      for (String k : List.of("path", "format", "compression", "packets", "tcpSegments", "error")) {
        if (f.has(k)) {
          file.add(k, f.get(k));
        }
      }
      file.addProperty("path", path);
      file.addProperty("conversations", f.getAsJsonArray("conversations").size());
      file.addProperty("errors", bySeverity.get("error"));
      file.addProperty("warnings", bySeverity.get("warning"));
      file.addProperty("infos", bySeverity.get("info"));
      files.add(new Keyed(path, 0, file));
    }
    return new Reports(lines(findings), lines(conversations), lines(files), code);
  }

  /** The job's datasets below {@code output}, in the same shape. */
  static Reports job(SparkSession spark, Path output, int code) {
    List<Keyed> findings = new ArrayList<>();
    for (JsonObject f : read(spark, output.resolve("findings"))) {
      String path = absolute(f.remove("path").getAsString());
      int index = f.remove("index").getAsInt();
      f.remove("date");
      findings.add(new Keyed(path, index, with(path, f)));
    }
    List<Keyed> conversations = new ArrayList<>();
    for (JsonObject c : read(spark, output.resolve("conversations"))) {
      String path = absolute(c.remove("path").getAsString());
      c.remove("date");
      JsonElement client = c.remove("windowScaleClient");
      JsonElement server = c.remove("windowScaleServer");
      if (c.get("windowScale").getAsString().equals("scaled")) {
        JsonObject scales = new JsonObject();
        scales.add("client", client);
        scales.add("server", server);
        c.add("windowScale", scales);
      }
      conversations.add(new Keyed(path, c.get("stream").getAsInt(), with(path, c)));
    }
    List<Keyed> files = new ArrayList<>();
    for (JsonObject f : read(spark, output.resolve("files"))) {
      String path = absolute(f.get("path").getAsString());
      JsonObject file = new JsonObject();
      for (String k : List.of("format", "compression", "packets", "tcpSegments", "error")) {
        if (f.has(k)) {
          file.add(k, f.get(k));
        }
      }
      file.addProperty("path", path);
      for (String k : List.of("conversations", "errors", "warnings", "infos")) {
        file.add(k, f.get(k));
      }
      files.add(new Keyed(path, 0, file));
    }
    return new Reports(lines(findings), lines(conversations), lines(files), code);
  }

  private static List<JsonObject> read(SparkSession spark, Path dir) {
    List<JsonObject> rows = new ArrayList<>();
    for (String json : spark.read().parquet(dir.toString()).toJSON().collectAsList()) {
      rows.add(JsonParser.parseString(json).getAsJsonObject());
    }
    return rows;
  }

  /** A local file name as the job writes it ({@code file:/…}) or the command line prints it. */
  static String absolute(String path) {
    String p = path.startsWith("file:") ? path.substring("file:".length()) : path;
    return Path.of(p).toAbsolutePath().normalize().toString();
  }

  private static JsonObject with(String path, JsonObject o) {
    o.addProperty("path", path);
    return o;
  }

  private record Keyed(String path, int position, JsonObject value) {}

  private static List<String> lines(List<Keyed> rows) {
    return rows.stream()
        .sorted(Comparator.comparing(Keyed::path).thenComparingInt(Keyed::position))
        .map(k -> canonical(k.value()).toString())
        .toList();
  }

  /** The element with object keys sorted and numbers in one notation. */
  private static JsonElement canonical(JsonElement e) {
    if (e.isJsonObject()) {
      Map<String, JsonElement> sorted = new TreeMap<>(e.getAsJsonObject().asMap());
      JsonObject o = new JsonObject();
      sorted.forEach((k, v) -> o.add(k, canonical(v)));
      return o;
    }
    if (e.isJsonArray()) {
      JsonArray a = new JsonArray();
      e.getAsJsonArray().forEach(v -> a.add(canonical(v)));
      return a;
    }
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      return new com.google.gson.JsonPrimitive(
          new java.math.BigDecimal(e.getAsString()).stripTrailingZeros().toPlainString());
    }
    return e;
  }

  /** Both runs have the same rows and exit code; a difference shows its first differing row. */
  void assertSame(Reports actual) {
    org.junit.jupiter.api.Assertions.assertAll(
        () -> same("files", files, actual.files),
        () -> same("conversations", conversations, actual.conversations),
        () -> same("findings", findings, actual.findings),
        () -> org.junit.jupiter.api.Assertions.assertEquals(code, actual.code, "exit code"));
  }

  private static void same(String what, List<String> expected, List<String> actual) {
    int n = Math.min(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      org.junit.jupiter.api.Assertions.assertEquals(
          expected.get(i), actual.get(i), what + " row " + i);
    }
    org.junit.jupiter.api.Assertions.assertEquals(
        expected.size(),
        actual.size(),
        what
            + ": row count; first extra row: "
            + (expected.size() > n ? expected.get(n) : actual.size() > n ? actual.get(n) : ""));
  }
}
