package org.tcplint.check;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.tcplint.capture.FileNames;
import org.tcplint.rules.Finding;

/**
 * Fingerprints of known findings, like a linter baseline. A fingerprint is rule + capture file name
 * + conversation endpoints + relative seq (or {@code end} for a finding made at the end of a
 * conversation): stable when the capture is re-recorded with other timestamps, other frame numbers
 * or extra unrelated packets. Counted, so that a baseline with one retransmission does not hide a
 * second one.
 */
public final class Baseline {
  private final Map<String, Integer> counts;

  private Baseline(Map<String, Integer> counts) {
    this.counts = counts;
  }

  public static String fingerprint(String path, Finding f) {
    String shown = FileNames.printable(path); // a byte that is not UTF-8 as \xff
    int cut = Math.max(shown.lastIndexOf('/'), shown.lastIndexOf(java.io.File.separatorChar));
    String name = cut < 0 || cut == shown.length() - 1 ? shown : shown.substring(cut + 1);
    return f.rule()
        + "|"
        + name
        + "|"
        + (f.endpoints() == null ? "-" : f.endpoints())
        + "|"
        + (f.relSeq() == null ? "end" : f.relSeq().toString())
        + (f.stream() < 0 && f.endpoints() == null ? "|" + f.message() : "");
  }

  /** An empty baseline to record findings into ({@link #add}). */
  public static Baseline empty() {
    return new Baseline(new TreeMap<>());
  }

  /** Records the findings of one file. */
  public void add(FileResult r) {
    for (Finding f : r.findings()) {
      counts.merge(fingerprint(r.path(), f), 1, Integer::sum);
    }
  }

  /**
   * Reads a baseline written by {@link #write}.
   *
   * @throws IOException when the file cannot be read or is not a baseline; the message says why in
   *     words (no parser class names) and never echoes more than a little of the file
   */
  public static Baseline read(Path file) throws IOException {
    return parse(Files.readAllBytes(file));
  }

  /**
   * Parses the bytes of a baseline written by {@link #write}.
   *
   * @throws IOException when they are not a baseline, saying why as {@link #read} does
   */
  public static Baseline parse(byte[] bytes) throws IOException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException("not UTF-8 text, so not a tcplint baseline");
    }
    JsonElement root;
    try {
      root = JsonParser.parseString(text);
    } catch (JsonParseException e) {
      Throwable t = e;
      while (t.getCause() != null) {
        t = t.getCause();
      }
      String m = t.getMessage() == null ? "unexpected content" : t.getMessage();
      int see = m.indexOf("\nSee ");
      throw new IOException("not valid JSON: " + cut(see >= 0 ? m.substring(0, see) : m));
    }
    if (!root.isJsonObject()) {
      throw new IOException(NOT_A_BASELINE);
    }
    JsonObject o = root.getAsJsonObject();
    JsonElement version = o.get("version");
    if (version == null
        || !version.isJsonPrimitive()
        || !version.getAsJsonPrimitive().isNumber()
        || !version.getAsString().equals("1")
        || !o.has("fingerprints")
        || !o.get("fingerprints").isJsonObject()) {
      throw new IOException(NOT_A_BASELINE);
    }
    Map<String, Integer> m = new TreeMap<>();
    for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("fingerprints").entrySet()) {
      JsonElement v = e.getValue();
      int n = -1;
      if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
        try {
          n = new java.math.BigDecimal(v.getAsString()).intValueExact();
        } catch (ArithmeticException | NumberFormatException ex) {
          n = -1;
        }
      }
      if (n < 0) {
        throw new IOException(
            "fingerprint '"
                + cut(e.getKey())
                + "' must have a count from 0 to "
                + Integer.MAX_VALUE
                + ", got "
                + cut(v.toString()));
      }
      m.put(e.getKey(), n);
    }
    return new Baseline(m);
  }

  private static final String NOT_A_BASELINE =
      "not a tcplint baseline (a JSON object with \"version\": 1 and \"fingerprints\")";

  private static String cut(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "... (" + s.length() + " characters)";
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, json(), StandardCharsets.UTF_8);
  }

  /** The baseline as {@link #write} writes it. */
  public String json() {
    JsonObject o = new JsonObject();
    o.addProperty("version", 1);
    JsonObject fp = new JsonObject();
    counts.forEach(fp::addProperty);
    o.add("fingerprints", fp);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
  }

  /** A baseline with these counts by fingerprint (as {@link #add} counts them). */
  public static Baseline of(Map<String, Integer> counts) {
    return new Baseline(new TreeMap<>(counts));
  }

  /** The count of each fingerprint, by fingerprint. */
  public Map<String, Integer> counts() {
    return java.util.Collections.unmodifiableMap(counts);
  }

  /** Removes known findings file by file; each fingerprint hides as many findings as counted. */
  public final class Filter {
    private final Map<String, Integer> left = new TreeMap<>(counts);
    private long removed;

    public FileResult apply(FileResult r) {
      return r.filterFindings(
          f -> {
            String k = fingerprint(r.path(), f);
            Integer n = left.get(k);
            if (n != null && n > 0) {
              left.put(k, n - 1);
              removed++;
              return false;
            }
            return true;
          });
    }

    public long removed() {
      return removed;
    }
  }

  public Filter filter() {
    return new Filter();
  }
}
