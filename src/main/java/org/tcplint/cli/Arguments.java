package org.tcplint.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tcplint.capture.FileNames;

/**
 * The command line as the bytes it was. The JVM decodes its arguments with the locale's charset:
 * under a UTF-8 locale a byte that is not UTF-8 becomes U+FFFD, under the C locale every byte above
 * 127 is lost, and a file named so cannot be opened by the string it became. Where the kernel shows
 * the raw arguments ({@code /proc/self/cmdline}, Linux), they are read again from there and decoded
 * as {@link FileNames} do, each byte that is not UTF-8 kept as an escape; elsewhere, or when that
 * file does not agree with the JVM's arguments, the arguments are as the JVM gave them.
 */
final class Arguments {
  private static final Path CMDLINE = Path.of("/proc/self/cmdline");

  private Arguments() {}

  /** {@code args} of {@code main}, with what the JVM's decoding lost recovered. */
  static String[] recover(String[] args) {
    if (!lossy(args)) {
      return args;
    }
    try {
      return recover(Files.readAllBytes(CMDLINE), args);
    } catch (IOException | RuntimeException e) {
      return args; // no /proc (not Linux) or not readable: as the JVM decoded them
    }
  }

  /**
   * Whether the JVM may have lost bytes of an argument: its charset is not UTF-8 (then any byte
   * above 127 may be lost), or an argument holds U+FFFD, what it makes of bytes that are not UTF-8.
   */
  static boolean lossy(String[] args) {
    String jnu = System.getProperty("sun.jnu.encoding", "UTF-8");
    if (!jnu.equalsIgnoreCase("UTF-8") && !jnu.equalsIgnoreCase("UTF8")) {
      return Arrays.stream(args).anyMatch(a -> a.chars().anyMatch(c -> c >= 0x80 || c == '?'));
    }
    return Arrays.stream(args).anyMatch(a -> a.indexOf('\uFFFD') >= 0);
  }

  /**
   * The names of the last {@code args.length} entries of {@code cmdline} (the process's arguments,
   * each ended by a NUL byte), or {@code args} when they do not match them: each entry must agree
   * with its argument in every character that can have survived the JVM's decoding (ASCII other
   * than {@code ?}, which some charsets put for a byte they cannot decode).
   */
  static String[] recover(byte[] cmdline, String[] args) {
    List<byte[]> entries = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < cmdline.length; i++) {
      if (cmdline[i] == 0) {
        entries.add(Arrays.copyOfRange(cmdline, start, i));
        start = i + 1;
      }
    }
    if (start < cmdline.length) {
      entries.add(Arrays.copyOfRange(cmdline, start, cmdline.length)); // no final NUL
    }
    if (entries.size() < args.length) {
      return args;
    }
    String[] names = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      byte[] raw = entries.get(entries.size() - args.length + i);
      names[i] = FileNames.decode(raw);
      if (!survivors(names[i]).equals(survivors(args[i]))) {
        return args;
      }
    }
    return names;
  }

  /** The characters of {@code s} that any decoding keeps: ASCII other than {@code ?}. */
  private static String survivors(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.chars().filter(c -> c < 0x80 && c != '?').forEach(c -> sb.append((char) c));
    return sb.toString();
  }
}
