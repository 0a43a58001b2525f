package org.tcplint.capture;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;

/**
 * File names as the bytes they are on disk. On Linux a name is any bytes, and the JVM decodes the
 * ones it shows as strings with the locale's charset: bytes that are not UTF-8 become U+FFFD and
 * the file cannot be opened by that string (under the C locale every byte above 127 is lost). A
 * name here is a string in which each byte that is not part of valid UTF-8 is the lone surrogate
 * U+DC00 + byte (as Python's "surrogateescape"): nothing is lost, and it cannot be mistaken for
 * text, since decoding UTF-8 never yields a lone surrogate. Paths are made from such names, and
 * names from paths, by their raw bytes (through {@code file:} URIs, where {@code %FF} is that
 * byte). Where names are not bytes (Windows), names and paths are the platform's strings.
 */
public final class FileNames {
  private static final boolean BYTES =
      File.separatorChar == '/' && FileSystems.getDefault().provider().getScheme().equals("file");

  private FileNames() {}

  /** The name of {@code raw}: UTF-8, each byte that is not part of valid UTF-8 escaped. */
  public static String decode(byte[] raw) {
    StringBuilder sb = new StringBuilder(raw.length);
    int i = 0;
    while (i < raw.length) {
      int b = raw[i] & 0xFF;
      if (b < 0x80) {
        sb.append((char) b);
        i++;
        continue;
      }
      int len =
          b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
      int cp = len == 0 || i + len > raw.length ? -1 : codePoint(raw, i, len);
      if (cp >= 0) {
        sb.appendCodePoint(cp);
        i += len;
      } else {
        sb.append((char) (0xDC00 + b));
        i++;
      }
    }
    return sb.toString();
  }

  /**
   * The code point of the UTF-8 sequence of {@code len} bytes at {@code i}, or -1 when it is not
   * well-formed (a byte that does not continue it, an overlong form, an encoded surrogate, a value
   * above U+10FFFF).
   */
  private static int codePoint(byte[] raw, int i, int len) {
    int cp = raw[i] & (0x7F >> len);
    for (int k = 1; k < len; k++) {
      int c = raw[i + k] & 0xFF;
      if ((c & 0xC0) != 0x80) {
        return -1;
      }
      cp = cp << 6 | (c & 0x3F);
    }
    boolean ok =
        switch (len) {
          case 3 -> cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
          case 4 -> cp >= 0x10000 && cp <= 0x10FFFF;
          default -> true;
        };
    return ok ? cp : -1;
  }

  /** Whether {@code s[i]} is an escaped byte (a lone U+DC80 to U+DCFF). */
  public static boolean escaped(String s, int i) {
    char c = s.charAt(i);
    return c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }

  /** The bytes a name stands for: UTF-8, and each escaped byte itself. */
  public static byte[] bytes(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(name.length() + 8);
    int from = 0;
    for (int i = 0; i < name.length(); i++) {
      if (escaped(name, i)) {
        out.writeBytes(name.substring(from, i).getBytes(StandardCharsets.UTF_8));
        out.write(name.charAt(i) - 0xDC00);
        from = i + 1;
      }
    }
    out.writeBytes(name.substring(from).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * The name as people read it: each escaped byte written {@code \xff}, all else as it is (the
   * report formats escape control characters their own way).
   */
  public static String printable(String name) {
    StringBuilder sb = null;
    for (int i = 0; i < name.length(); i++) {
      if (escaped(name, i)) {
        if (sb == null) {
          sb = new StringBuilder(name.length() + 8).append(name, 0, i);
        }
        sb.append(String.format("\\x%02x", name.charAt(i) - 0xDC00));
      } else if (sb != null) {
        sb.append(name.charAt(i));
      }
    }
    return sb == null ? name : sb.toString();
  }

  /**
   * The path of a name, with exactly its bytes; relative when the name is (for messages and
   * reports, which show it as given).
   */
  public static Path path(String name) {
    if (!BYTES || ascii(name)) {
      return Path.of(name);
    }
    Path p = name.startsWith("/") ? Path.of("/") : null;
    for (String part : name.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      Path element = ascii(part) ? Path.of(part) : element(part);
      p = p == null ? element : p.resolve(element);
    }
    return p == null ? Path.of(name) : p;
  }

  /** A path of one element with the bytes of {@code part} (no '/', not "." or ".."). */
  private static Path element(String part) {
    StringBuilder uri = new StringBuilder("file:///");
    for (byte b : bytes(part)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        uri.append((char) c);
      } else {
        uri.append('%').append(String.format("%02X", c));
      }
    }
    Path root = Path.of("/");
    return root.relativize(Path.of(URI.create(uri.toString())));
  }

  /** The name of a path, from its bytes (a path found by walking a directory, say). */
  public static String name(Path p) {
    String s = p.toString();
    if (!BYTES || ascii(s) || p.getFileSystem() != FileSystems.getDefault()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    if (p.isAbsolute()) {
      sb.append('/');
    }
    for (int i = 0; i < p.getNameCount(); i++) {
      if (i > 0) {
        sb.append('/');
      }
      Path element = p.getName(i);
      String e = element.toString();
      sb.append(ascii(e) ? e : decode(bytes(element)));
    }
    return sb.toString();
  }

  /** The bytes of one element, from its {@code file:} URI ({@code /} and the element). */
  private static byte[] bytes(Path element) {
    String raw = Path.of("/").resolve(element).toUri().getRawPath();
    int end = raw.endsWith("/") && raw.length() > 1 ? raw.length() - 1 : raw.length();
    ByteArrayOutputStream out = new ByteArrayOutputStream(end);
    for (int i = 1; i < end; i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < end) {
        out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c); // a URI's raw path is ASCII
      }
    }
    return out.toByteArray();
  }

  private static boolean ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Endings of compressed captures, after the capture's own. */
  public static final List<String> COMPRESSED = List.of(".gz", ".xz", ".zst");

  /** Endings of capture file names. */
  public static final List<String> CAPTURES = List.of(".pcap", ".pcapng", ".cap", ".ntar");

  /**
   * A file name ending in .pcap, .pcapng, .cap or .ntar, optionally followed by .gz, .xz or .zst
   * (what a directory given as input is searched for).
   */
  public static boolean looksLikeCapture(String fileName) {
    String n = fileName.toLowerCase(java.util.Locale.ROOT);
    for (String z : COMPRESSED) {
      if (n.endsWith(z)) {
        n = n.substring(0, n.length() - z.length());
        break;
      }
    }
    for (String x : CAPTURES) {
      if (n.endsWith(x)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Why an operation on a file failed, in a few words: "permission denied", "no such file or
   * directory", "not a directory", or the system's reason in lower case like tcplint's own ("no
   * space left on device", "broken pipe"; without the file's name, which the caller's message has).
   */
  public static String reason(Throwable e) {
    return reason(e, "no such file or directory");
  }

  /** {@link #reason(Throwable)}, with {@code missing} for a file that is not there. */
  public static String reason(Throwable e, String missing) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return missing;
    }
    if (e instanceof java.nio.file.NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return lowerFirst(f.getReason());
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : lowerFirst(e.getMessage());
  }

  /**
   * "No space left on device" as "no space left on device"; "I/O error", "EOF" and a message that
   * starts with a file's name ("Out (Is a directory)", "report.json: ...") as they are.
   */
  static String lowerFirst(String reason) {
    int word = reason.indexOf(' ');
    String first = word < 0 ? reason : reason.substring(0, word);
    if (first.length() < 2
        || !Character.isUpperCase(first.charAt(0))
        || !first.chars().skip(1).allMatch(c -> Character.isLowerCase(c) || c == '-')
        || reason.contains(" (")) {
      return reason;
    }
    return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
  }
}
