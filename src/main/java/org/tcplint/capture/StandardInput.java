package org.tcplint.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Standard input, when it is open. Started with standard input closed ({@code tcplint check -
 * <&-}), the JVM's first own file takes descriptor 0 (on Linux its {@code lib/modules}), and
 * reading it would check the JVM instead of a capture, or crash; this tells the two apart without
 * reading from descriptor 0: on Linux by where {@code /proc/self/fd/0} leads, elsewhere by whether
 * the descriptor answers at all.
 */
public final class StandardInput {
  /** The reason given when it is not open. */
  public static final String NOT_OPEN = "standard input is not open";

  private StandardInput() {}

  /**
   * {@link System#in}.
   *
   * @throws IOException with {@link #NOT_OPEN} when the process was started without it
   */
  public static InputStream open() throws IOException {
    if (!isOpen(Path.of("/proc/self/fd/0"), System.getProperty("java.home"), System.in)) {
      throw new IOException(NOT_OPEN);
    }
    return System.in;
  }

  /**
   * Whether descriptor 0 is the standard input the process was given: where the system lists its
   * descriptors ({@code fd0}'s folder), it must be there and not lead into the JVM's own files
   * under {@code javaHome}; and {@code in} must answer {@link InputStream#available()}.
   */
  static boolean isOpen(Path fd0, String javaHome, InputStream in) {
    Path listing = fd0.getParent();
    if (listing != null && Files.isDirectory(listing)) {
      try {
        Path target = Files.readSymbolicLink(fd0);
        if (javaHome != null && target.startsWith(realPath(Path.of(javaHome)))) {
          return false;
        }
      } catch (NoSuchFileException e) {
        return false;
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        // no link to follow: the descriptor itself must answer
      }
    }
    try {
      in.available();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
