package org.tcplint.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.PatternSyntaxException;

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

  /** Expands the arguments; an input that cannot be read at all goes to {@code warnings}. */
  static List<Path> expand(List<String> args, Consumer<String> warnings) {
    return expand(args, warnings, warnings);
  }

  /**
   * Expands the arguments. {@code errors} hears of what makes the run exit 3 without a report of
   * its own: a directory that cannot be read, a glob over a missing directory or matching nothing.
   * An argument that looks like a glob but is not a valid one is a file name, reported as
   * unreadable when it does not exist.
   */
  static List<Path> expand(List<String> args, Consumer<String> warnings, Consumer<String> errors) {
    return expand(args, Path::of, warnings, errors);
  }

  /** As above, with the argument's path made by {@code paths} (a stand-in file system in tests). */
  static List<Path> expand(
      List<String> args,
      java.util.function.Function<String, Path> paths,
      Consumer<String> warnings,
      Consumer<String> errors) {
    List<Path> out = new ArrayList<>();
    for (String a : args) {
      if (a.equals("-")) {
        out.add(Path.of("-"));
        continue;
      }
      Path p;
      try {
        p = paths.apply(a);
      } catch (InvalidPathException e) {
        errors.accept(a + ": not a valid path (" + e.getReason() + ")");
        continue;
      }
      if (Files.isDirectory(p)) {
        out.addAll(walk(p, null, warnings, errors));
      } else if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) || !isGlob(a)) {
        out.add(p); // when it does not exist: reported as unreadable, with exit code 3
      } else {
        List<Path> matched = glob(a, warnings, errors);
        if (matched == null) {
          out.add(p); // not a valid glob: a file name with odd characters, which does not exist
        } else {
          out.addAll(matched);
        }
      }
    }
    return out;
  }

  private static boolean isGlob(String a) {
    return a.contains("*") || a.contains("?") || a.contains("[") || a.contains("{");
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

  private static List<Path> walk(
      Path root, PathMatcher matcher, Consumer<String> warnings, Consumer<String> errors) {
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
                errors.accept("cannot read " + file + ": " + reason(e));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      errors.accept("cannot read " + root + ": " + reason(e));
    }
    found.sort(null);
    return found;
  }

  /** Why a file could not be read, in words (the JDK's messages are often just the path). */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The files a glob matches, empty after telling {@code errors}; null when it is no glob. */
  private static List<Path> glob(
      String pattern, Consumer<String> warnings, Consumer<String> errors) {
    int first = Integer.MAX_VALUE;
    for (char c : new char[] {'*', '?', '[', '{'}) {
      int i = pattern.indexOf(c);
      if (i >= 0) {
        first = Math.min(first, i);
      }
    }
    int slash = pattern.lastIndexOf('/', first);
    Path base = slash < 0 ? Path.of(".") : Path.of(pattern.substring(0, slash + 1));
    String full = slash < 0 ? "./" + pattern : pattern;
    PathMatcher m;
    try {
      m = FileSystems.getDefault().getPathMatcher("glob:" + full);
    } catch (PatternSyntaxException e) {
      return null;
    }
    if (!Files.isDirectory(base)) {
      errors.accept(pattern + ": no such directory " + base);
      return List.of();
    }
    List<Path> all = walk(base, m, warnings, errors);
    if (all.isEmpty()) {
      errors.accept(pattern + ": no file matches");
    }
    return slash < 0 ? all.stream().map(p -> Path.of(".").relativize(p)).toList() : all;
  }
}
