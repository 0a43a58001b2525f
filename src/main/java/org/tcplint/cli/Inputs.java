package org.tcplint.cli;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Expands command-line inputs: files, directories (recursive, following symlinks, loops detected
 * and skipped with a warning, sorted by path), globs and {@code -}.
 */
final class Inputs {
  private static final String[] COMPRESSED = {".gz", ".xz", ".zst"};
  private static final String[] CAPTURES = {".pcap", ".pcapng", ".cap", ".ntar"};

  /** The names a directory is searched for, as a message says it. */
  static final String LOOKED_FOR =
      "*" + String.join(", *", CAPTURES) + ", optionally " + String.join("/", COMPRESSED);

  private Inputs() {}

  static List<Path> expand(List<String> args, Consumer<String> warnings) {
    List<Path> out = new ArrayList<>();
    for (String a : args) {
      if (a.equals("-")) {
        out.add(Path.of("-"));
        continue;
      }
      Path p = Path.of(a);
      if (Files.isDirectory(p)) {
        out.addAll(walk(p, null, warnings));
      } else if (Files.exists(p)) {
        out.add(p);
      } else if (a.contains("*") || a.contains("?") || a.contains("[")) {
        out.addAll(glob(a, warnings));
      } else {
        out.add(p); // reported as unreadable, with exit code 3
      }
    }
    return out;
  }

  /** A name ending in .pcap, .pcapng, .cap or .ntar, optionally followed by .gz, .xz or .zst. */
  static boolean looksLikeCapture(Path p) {
    String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
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

  private static List<Path> walk(Path root, PathMatcher matcher, Consumer<String> warnings) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()
                  && (matcher == null ? looksLikeCapture(file) : matcher.matches(file))) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (e instanceof FileSystemLoopException) {
                warnings.accept("symlink loop at " + file + " skipped");
              } else {
                warnings.accept("cannot read " + file + ": " + e.getMessage());
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      warnings.accept("cannot read " + root + ": " + e.getMessage());
    }
    found.sort(null);
    return found;
  }

  private static List<Path> glob(String pattern, Consumer<String> warnings) {
    int star = pattern.indexOf('*');
    int q = pattern.indexOf('?');
    int b = pattern.indexOf('[');
    int first = Integer.MAX_VALUE;
    for (int i : new int[] {star, q, b}) {
      if (i >= 0) {
        first = Math.min(first, i);
      }
    }
    int slash = pattern.lastIndexOf('/', first);
    Path base = slash < 0 ? Path.of(".") : Path.of(pattern.substring(0, slash + 1));
    String full = slash < 0 ? "./" + pattern : pattern;
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + full);
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    List<Path> all = walk(base, m, warnings);
    return slash < 0 ? all.stream().map(p -> Path.of(".").relativize(p)).toList() : all;
  }
}
