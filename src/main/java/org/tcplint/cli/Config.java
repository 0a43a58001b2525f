package org.tcplint.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tcplint.check.Suppression;
import org.tcplint.rules.Settings;
import org.tcplint.rules.Severity;

/**
 * The {@code --config} file (JSON): rule levels (ids or {@code family.*} patterns, applied in file
 * order), {@code failOn}, suppressions with a required reason, and defaults for captures that lack
 * the handshake. Unknown keys, unknown rule ids and bad values are usage errors that name the key.
 * Command-line flags override the file.
 *
 * <pre>
 * {"rules": {"close.*": "off", "seq.gap": "warning"},
 *  "failOn": "warning",
 *  "suppressions": [{"rule": "seq.gap", "file": "lossy-*.pcapng", "reason": "known span-port loss"}],
 *  "defaults": {"windowScale": 7, "mslSeconds": 60, "lingerSeconds": 5, "idleSeconds": 300,
 *               "maxConversations": 100000}}
 * </pre>
 */
record Config(
    Map<String, Severity> rules, String failOn, List<Suppression> suppressions, Settings settings) {

  private static final Set<String> TOP = Set.of("rules", "failOn", "suppressions", "defaults");
  private static final Set<String> SUPPRESSION =
      Set.of("rule", "file", "stream", "frame", "address", "reason");
  private static final Set<String> DEFAULTS =
      Set.of("windowScale", "mslSeconds", "lingerSeconds", "idleSeconds", "maxConversations");

  static Config empty() {
    return new Config(Map.of(), null, List.of(), Settings.DEFAULTS);
  }

  static Config read(Path file) throws UsageException {
    String name = file.toString();
    JsonObject o;
    try {
      JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
      if (!e.isJsonObject()) {
        throw new UsageException("config " + name + ": the top level must be a JSON object");
      }
      o = e.getAsJsonObject();
    } catch (IOException e) {
      throw new UsageException("cannot read config " + name + ": " + e.getMessage());
    } catch (JsonParseException e) {
      throw new UsageException("config " + name + " is not valid JSON: " + e.getMessage());
    }
    known(name, "", o, TOP);
    Map<String, Severity> rules = new LinkedHashMap<>();
    if (o.has("rules")) {
      JsonObject r = object(name, "rules", o.get("rules"));
      for (Map.Entry<String, JsonElement> e : r.entrySet()) {
        Severity s = Severity.parse(string(name, "rules." + e.getKey(), e.getValue()));
        if (s == null) {
          throw new UsageException(
              "config " + name + ": rules." + e.getKey() + " must be off, info, warning or error");
        }
        rules.put(e.getKey(), s);
      }
    }
    String failOn = o.has("failOn") ? string(name, "failOn", o.get("failOn")) : null;
    List<Suppression> suppressions = new ArrayList<>();
    if (o.has("suppressions")) {
      if (!o.get("suppressions").isJsonArray()) {
        throw new UsageException("config " + name + ": suppressions must be a list");
      }
      JsonArray a = o.getAsJsonArray("suppressions");
      for (int i = 0; i < a.size(); i++) {
        String where = "suppressions[" + i + "]";
        JsonObject s = object(name, where, a.get(i));
        known(name, where + ".", s, SUPPRESSION);
        if (!s.has("rule")) {
          throw new UsageException("config " + name + ": " + where + ".rule is required");
        }
        if (!s.has("reason") || string(name, where + ".reason", s.get("reason")).isBlank()) {
          throw new UsageException(
              "config " + name + ": " + where + ".reason is required (say why it is silenced)");
        }
        suppressions.add(
            new Suppression(
                string(name, where + ".rule", s.get("rule")),
                s.has("file") ? string(name, where + ".file", s.get("file")) : null,
                s.has("stream") ? (int) number(name, where + ".stream", s.get("stream")) : null,
                s.has("frame") ? number(name, where + ".frame", s.get("frame")) : null,
                s.has("address") ? string(name, where + ".address", s.get("address")) : null,
                string(name, where + ".reason", s.get("reason"))));
      }
    }
    Settings settings = Settings.DEFAULTS;
    if (o.has("defaults")) {
      JsonObject d = object(name, "defaults", o.get("defaults"));
      known(name, "defaults.", d, DEFAULTS);
      int ws =
          d.has("windowScale")
              ? (int) number(name, "defaults.windowScale", d.get("windowScale"))
              : settings.assumedWindowScale();
      if (ws < -1 || ws > 14) {
        throw new UsageException("config " + name + ": defaults.windowScale must be -1..14");
      }
      long msl =
          d.has("mslSeconds")
              ? number(name, "defaults.mslSeconds", d.get("mslSeconds")) * 1_000_000_000L
              : settings.mslNanos();
      long linger =
          d.has("lingerSeconds")
              ? number(name, "defaults.lingerSeconds", d.get("lingerSeconds")) * 1_000_000_000L
              : settings.lingerNanos();
      long idle =
          d.has("idleSeconds")
              ? number(name, "defaults.idleSeconds", d.get("idleSeconds")) * 1_000_000_000L
              : settings.idleNanos();
      long max =
          d.has("maxConversations")
              ? number(name, "defaults.maxConversations", d.get("maxConversations"))
              : settings.maxConversations();
      if (max < 1 || max > 100_000_000) {
        throw new UsageException(
            "config " + name + ": defaults.maxConversations must be 1..100000000");
      }
      settings = new Settings(ws, msl, linger, idle, (int) max);
    }
    return new Config(rules, failOn, suppressions, settings);
  }

  private static void known(String file, String prefix, JsonObject o, Set<String> keys)
      throws UsageException {
    for (String k : o.keySet()) {
      if (!keys.contains(k)) {
        throw new UsageException("config " + file + ": unknown key '" + prefix + k + "'");
      }
    }
  }

  private static JsonObject object(String file, String key, JsonElement e) throws UsageException {
    if (!e.isJsonObject()) {
      throw new UsageException("config " + file + ": " + key + " must be an object");
    }
    return e.getAsJsonObject();
  }

  private static String string(String file, String key, JsonElement e) throws UsageException {
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new UsageException("config " + file + ": " + key + " must be a string");
    }
    return e.getAsString();
  }

  private static long number(String file, String key, JsonElement e) throws UsageException {
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new UsageException("config " + file + ": " + key + " must be a number");
    }
    return e.getAsLong();
  }
}
