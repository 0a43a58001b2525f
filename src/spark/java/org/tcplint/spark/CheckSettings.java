package org.tcplint.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.tcplint.api.Tcplint;
import org.tcplint.check.Suppression;
import org.tcplint.cli.Config;
import org.tcplint.cli.UsageException;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.Severity;

/**
 * What every task needs to check its file, sent with the task: the {@code --config} file's bytes
 * (read once, by the driver, which also validated them) and the rule overrides. Each executor JVM
 * keeps one single-threaded {@link Tcplint} per settings, and the parsed config per settings.
 *
 * @param rules {@code ID=LEVEL} overrides, in order, applied after the config's rule levels
 * @param configName the config file's name, for messages; null without a config
 * @param config the config file's bytes (UTF-8 JSON, as {@code tcplint check --config} reads it);
 *     null without a config
 */
public record CheckSettings(List<String> rules, String configName, byte[] config)
    implements Serializable {
  private static final long serialVersionUID = 2L;

  private static final ConcurrentHashMap<String, Tcplint> ENGINES = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, Config> CONFIGS = new ConcurrentHashMap<>();

  /** Settings with rule overrides only. */
  public CheckSettings(List<String> rules) {
    this(rules, null, null);
  }

  /** The text that identifies these settings in this JVM's caches. */
  private String key() {
    return rules + "\n" + (config == null ? "" : new String(config, StandardCharsets.UTF_8));
  }

  /**
   * The parsed config ({@link Config#empty()} without one), parsed once per JVM.
   *
   * @throws UsageException for a config that is not valid (the driver parses it before any task)
   */
  public Config parsed() throws UsageException {
    if (config == null) {
      return Config.empty();
    }
    String k = key();
    Config c = CONFIGS.get(k);
    if (c == null) {
      c = Config.parse(configName, config);
      CONFIGS.putIfAbsent(k, c);
    }
    return c;
  }

  /**
   * The config's suppressions (none without a config).
   *
   * @throws IllegalArgumentException for a config that is not valid
   */
  public List<Suppression> suppressions() {
    try {
      return parsed().suppressions();
    } catch (UsageException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * A checker with these rule levels and defaults on {@code threads} threads. With one thread it
   * has no threads of its own and is shared by the tasks of this JVM. With more it is the task's
   * own, to be closed when the task ends: a pool shared by the tasks that run at once would give
   * them {@code threads} threads together, not each (four tasks of four CPUs on a 16-core executor
   * would keep eight busy: their own four threads and the shared pool's four).
   *
   * @throws IllegalArgumentException for an override or a config rule that names no rule or level,
   *     caused by a {@link UsageException} when it is the config's
   */
  public Tcplint engine(int threads) {
    return threads == 1 ? ENGINES.computeIfAbsent(key() + "\n1", k -> build(1)) : build(threads);
  }

  private Tcplint build(int threads) {
    Config c;
    RuleLevels levels = new RuleLevels();
    try {
      c = parsed();
      c.applyRules(levels, configName == null ? "" : configName);
    } catch (UsageException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    for (String r : rules) {
      int eq = r.indexOf('=');
      Severity level = eq < 0 ? null : Severity.parse(r.substring(eq + 1));
      if (level == null) {
        throw new IllegalArgumentException("--rule needs ID=LEVEL (off|info|warning|error): " + r);
      }
      levels.set(r.substring(0, eq), level);
    }
    return Tcplint.builder().levels(levels).settings(c.settings()).threads(threads).build();
  }
}
