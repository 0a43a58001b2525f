package org.tcplint.check;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
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
    String name =
        Path.of(path).getFileName() == null ? path : Path.of(path).getFileName().toString();
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

  public static Baseline read(Path file) throws IOException {
    JsonObject o =
        JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    if (!o.has("fingerprints") || o.get("version") == null || o.get("version").getAsInt() != 1) {
      throw new IOException("not a tcplint baseline (version 1): " + file);
    }
    Map<String, Integer> m = new TreeMap<>();
    for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("fingerprints").entrySet()) {
      m.put(e.getKey(), e.getValue().getAsInt());
    }
    return new Baseline(m);
  }

  public void write(Path file) throws IOException {
    JsonObject o = new JsonObject();
    o.addProperty("version", 1);
    JsonObject fp = new JsonObject();
    counts.forEach(fp::addProperty);
    o.add("fingerprints", fp);
    Files.writeString(
        file,
        new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n",
        StandardCharsets.UTF_8);
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
