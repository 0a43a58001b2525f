package org.tcplint.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import org.tcplint.check.Suppression;
import org.tcplint.rules.Catalog;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.Settings;
import org.tcplint.rules.Severity;

/**
 * The {@code --config} file (JSON): rule levels (ids or {@code family.*} patterns, applied in file
 * order), {@code failOn}, suppressions with a required reason, and defaults for captures that lack
 * the handshake. Unknown keys, unknown rule ids and bad values are usage errors that name the key.
 * Command-line flags override the file. Read by {@code tcplint check} and by the Spark job, whose
 * driver reads the file from its Hadoop file system ({@link #parse}).
 *
 * <pre>
 * {"rules": {"close.*": "off", "seq.gap": "warning"},
 *  "failOn": "warning",
 *  "suppressions": [{"rule": "seq.gap", "file": "lossy-*.pcapng", "reason": "known span-port loss"}],
 *  "defaults": {"windowScale": 7, "mslSeconds": 60, "lingerSeconds": 5, "idleSeconds": 300,
 *               "maxConversations": 100000, "maxExpansion": 1000, "maxFindingsPerFile": 1000000}}
 * </pre>
 */
public record Config(
    Map<String, Severity> rules, String failOn, List<Suppression> suppressions, Settings settings) {

  private static final Set<String> TOP = Set.of("rules", "failOn", "suppressions", "defaults");
  private static final Set<String> SUPPRESSION =
      Set.of("rule", "file", "stream", "frame", "address", "reason");
  private static final Set<String> DEFAULTS =
      Set.of(
          "windowScale",
          "mslSeconds",
          "lingerSeconds",
          "idleSeconds",
          "maxConversations",
          "maxExpansion",
          "maxFindingsPerFile");

  public static Config empty() {
    return new Config(Map.of(), null, List.of(), Settings.DEFAULTS);
  }

  static Config read(Path file) throws UsageException {
    String name = org.tcplint.capture.FileNames.name(file);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UsageException(
          "cannot read config " + cut(name) + ": " + org.tcplint.capture.FileNames.reason(e));
    }
    return parse(name, bytes);
  }

  /**
   * The config in {@code bytes}, read from the file called {@code name} (for messages).
   *
   * @throws UsageException naming the key or value that is wrong
   */
  public static Config parse(String fileName, byte[] bytes) throws UsageException {
    String name = cut(fileName);
    JsonObject o;
    try {
      JsonElement e = JsonParser.parseString(utf8(bytes));
      if (!e.isJsonObject()) {
        throw new UsageException("config " + name + ": the top level must be a JSON object");
      }
      o = e.getAsJsonObject();
    } catch (CharacterCodingException e) {
      throw new UsageException("config " + name + " is not UTF-8 text: " + e.getMessage());
    } catch (JsonParseException e) {
      throw new UsageException("config " + name + " is not valid JSON: " + jsonReason(e));
    }
    known(name, "", o, TOP);
    Map<String, Severity> rules = new LinkedHashMap<>();
    if (o.has("rules")) {
      JsonObject r = object(name, "rules", o.get("rules"));
      for (Map.Entry<String, JsonElement> e : r.entrySet()) {
        Severity s = Severity.parse(string(name, "rules." + cut(e.getKey()), e.getValue()));
        if (s == null) {
          throw new UsageException(
              "config "
                  + name
                  + ": rules."
                  + cut(e.getKey())
                  + " must be off, info, warning or error");
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
        String rule = string(name, where + ".rule", s.get("rule"));
        if (!knownRule(rule)) {
          throw new UsageException(
              "config "
                  + name
                  + ": "
                  + where
                  + ".rule: unknown rule id '"
                  + cut(rule)
                  + "' (tcplint rules lists them; a family ends in *)");
        }
        String glob = s.has("file") ? string(name, where + ".file", s.get("file")) : null;
        if (glob != null) {
          try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
          } catch (IllegalArgumentException ex) {
            throw new UsageException(
                "config "
                    + name
                    + ": "
                    + where
                    + ".file must be a file name or glob (*, ?, [a-z], {a,b}), got '"
                    + cut(glob)
                    + "'"
                    + (ex instanceof PatternSyntaxException p
                        ? ": " + p.getDescription() + " at index " + p.getIndex()
                        : ""));
          }
        }
        suppressions.add(
            new Suppression(
                rule,
                glob,
                s.has("stream")
                    ? (int) integer(name, where + ".stream", s.get("stream"), 0, Integer.MAX_VALUE)
                    : null,
                s.has("frame")
                    ? integer(name, where + ".frame", s.get("frame"), 1, Long.MAX_VALUE)
                    : null,
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
              ? (int) integer(name, "defaults.windowScale", d.get("windowScale"), -1, 14)
              : settings.assumedWindowScale();
      long msl =
          d.has("mslSeconds")
              ? integer(name, "defaults.mslSeconds", d.get("mslSeconds"), 0, MAX_SECONDS)
                  * 1_000_000_000L
              : settings.mslNanos();
      long linger =
          d.has("lingerSeconds")
              ? integer(name, "defaults.lingerSeconds", d.get("lingerSeconds"), 0, MAX_SECONDS)
                  * 1_000_000_000L
              : settings.lingerNanos();
      long idle =
          d.has("idleSeconds")
              ? integer(name, "defaults.idleSeconds", d.get("idleSeconds"), 1, MAX_SECONDS)
                  * 1_000_000_000L
              : settings.idleNanos();
      long max =
          d.has("maxConversations")
              ? integer(
                  name, "defaults.maxConversations", d.get("maxConversations"), 1, 100_000_000)
              : settings.maxConversations();
      long expansion =
          d.has("maxExpansion")
              ? integer(name, "defaults.maxExpansion", d.get("maxExpansion"), 10, 1_000_000)
              : settings.maxExpansion();
      long findings =
          d.has("maxFindingsPerFile")
              ? integer(
                  name, "defaults.maxFindingsPerFile", d.get("maxFindingsPerFile"), 1, 100_000_000)
              : settings.maxFindingsPerFile();
      settings = new Settings(ws, msl, linger, idle, (int) max, expansion, findings);
    }
    return new Config(rules, failOn, suppressions, settings);
  }

  private static void known(String file, String prefix, JsonObject o, Set<String> keys)
      throws UsageException {
    for (String k : o.keySet()) {
      if (!keys.contains(k)) {
        throw new UsageException("config " + file + ": unknown key '" + prefix + cut(k) + "'");
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

  /** The longest time the defaults take, in seconds: a year. */
  static final long MAX_SECONDS = 366L * 24 * 3600;

  /**
   * A whole number from {@code min} to {@code max}; anything else (a fraction, an exponent beyond
   * the range, a string) is a usage error that names the key and the range.
   */
  private static long integer(String file, String key, JsonElement e, long min, long max)
      throws UsageException {
    String range = "a whole number from " + min + " to " + max;
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new UsageException(
          "config " + file + ": " + key + " must be " + range + ", got " + cut(e.toString()));
    }
    String text = e.getAsString();
    BigDecimal v;
    try {
      v = new BigDecimal(text);
    } catch (NumberFormatException | ArithmeticException ex) {
      v = null;
    }
    if (v == null
        || v.compareTo(BigDecimal.valueOf(min)) < 0
        || v.compareTo(BigDecimal.valueOf(max)) > 0
        || v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
      throw new UsageException(
          "config " + file + ": " + key + " must be " + range + ", got " + cut(text));
    }
    return v.longValueExact();
  }

  /**
   * Sets the file's rule levels in {@code levels}, in the file's order ({@code name}: the file, for
   * messages).
   *
   * @throws UsageException for a rule id or family that names no rule
   */
  public void applyRules(RuleLevels levels, String name) throws UsageException {
    for (Map.Entry<String, Severity> e : rules.entrySet()) {
      try {
        levels.set(e.getKey(), e.getValue());
      } catch (IllegalArgumentException ex) {
        throw new UsageException(
            "config "
                + cut(name)
                + ": rules."
                + cut(e.getKey())
                + ": unknown rule id (tcplint rules lists them; a family ends in *)");
      }
    }
  }

  /** Whether a suppression's rule (an id, or a family ending in {@code *}) names some rule. */
  private static boolean knownRule(String rule) {
    return Catalog.all().stream()
        .anyMatch(
            d ->
                rule.endsWith("*")
                    ? d.id().startsWith(rule.substring(0, rule.length() - 1))
                    : d.id().equals(rule));
  }

  /** At most {@value #CUT} characters of a value from the file, for a message. */
  static String cut(String s) {
    if (s.length() <= CUT) {
      return s;
    }
    return s.substring(0, CUT) + "... (" + s.length() + " characters)";
  }

  private static final int CUT = 80;

  /** The text of a file that must be UTF-8; the message names the first bad byte's offset. */
  static String utf8(byte[] bytes) throws CharacterCodingException {
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      int at = in.position();
      throw new CharacterCodingException() {
        @Override
        public String getMessage() {
          return String.format("invalid byte 0x%02x at offset %d", bytes[at] & 0xff, at);
        }
      };
    }
    d.flush(out);
    return out.flip().toString();
  }

  /** A parser's reason without the parser's class names. */
  static String jsonReason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? "unexpected content" : t.getMessage();
    int see = m.indexOf("\nSee https://");
    if (see < 0) {
      see = m.indexOf("\nSee ");
    }
    return cut(see >= 0 ? m.substring(0, see) : m);
  }
}
