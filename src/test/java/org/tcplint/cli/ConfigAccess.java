package org.tcplint.cli;

import java.nio.file.Path;

/** Test access to the package-private config parser, for the fuzz targets. */
public final class ConfigAccess {
  private ConfigAccess() {}

  /** Parses a config file as {@code --config} does; a bad file is a {@link UsageException}. */
  public static Object read(Path file) throws UsageException {
    return Config.read(file);
  }
}
