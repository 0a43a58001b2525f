package org.tcplint.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files of checks and reports (spill runs, spooled report lines): deleted when they
 * are done with, and those still there when the JVM exits by one shutdown hook. Unlike {@code
 * File.deleteOnExit}, which keeps every name it is given until the JVM exits, a file deleted here
 * is forgotten, so a program that checks capture after capture through the library holds the names
 * of the files in use only.
 */
public final class TempFiles {
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

  static {
    try {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(TempFiles::deleteAll, "tcplint-temporary-files"));
    } catch (IllegalStateException | SecurityException e) {
      // the JVM is shutting down already, or hooks are not allowed: files are deleted when done
    }
  }

  private TempFiles() {}

  /** A new empty file in {@code dir}, or in {@code java.io.tmpdir} when {@code dir} is null. */
  public static Path create(Path dir, String prefix, String suffix) throws IOException {
    Path file =
        dir == null
            ? Files.createTempFile(prefix, suffix)
            : Files.createTempFile(dir, prefix, suffix);
    LIVE.add(file);
    return file;
  }

  /**
   * Deletes {@code file} and forgets it; a file that cannot be deleted now is tried again at exit.
   */
  public static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
      LIVE.remove(file);
    } catch (IOException e) {
      // tried again by the shutdown hook
    }
  }

  /** Number of files created and not yet deleted. */
  public static int live() {
    return LIVE.size();
  }

  private static void deleteAll() {
    for (Path file : LIVE) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // nothing more can be done
      }
    }
  }
}
