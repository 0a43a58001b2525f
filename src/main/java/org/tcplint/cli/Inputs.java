package org.tcplint.cli;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.PatternSyntaxException;
import org.tcplint.capture.FileNames;

/**
 * Expands command-line inputs: files, directories (recursive, following symlinks, sorted by path),
 * globs and {@code -}. Symlink loops and files that are not regular (FIFOs, sockets, devices) are
 * not read: each is an error naming it (exit 3), the other inputs are still checked.
 */
final class Inputs {

  /** The names a directory is searched for, as a message says it. */
  static final String LOOKED_FOR =
      "*"
          + String.join(", *", org.tcplint.capture.FileNames.CAPTURES)
          + ", optionally "
          + String.join("/", org.tcplint.capture.FileNames.COMPRESSED);

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
    return expand(args, FileNames::path, warnings, errors);
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
        String why = notAFile(p);
        if (why != null) {
          errors.accept(a + ": " + why);
        } else {
          out.add(p); // when it does not exist: reported as unreadable, with exit code 3
        }
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
    return org.tcplint.capture.FileNames.looksLikeCapture(p.getFileName().toString());
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
              if (matcher == null ? looksLikeCapture(file) : matcher.matches(file)) {
                if (attrs.isRegularFile()) {
                  found.add(file);
                } else {
                  // a FIFO, socket or device; or a symlink that cannot be followed (the walk
                  // gives the link's own attributes then)
                  String why = notAFile(file);
                  errors.accept(FileNames.name(file) + ": " + (why == null ? NOT_REGULAR : why));
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (e instanceof FileSystemLoopException) {
                errors.accept(
                    FileNames.name(file)
                        + ": a symlink loop (a directory links back to itself), skipped");
              } else {
                errors.accept("cannot read " + FileNames.name(file) + ": " + FileNames.reason(e));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      errors.accept("cannot read " + FileNames.name(root) + ": " + FileNames.reason(e));
    }
    found.sort(null);
    return found;
  }

  private static final String NOT_REGULAR =
      "not a regular file (a FIFO, socket or device), skipped: reading it could block forever";

  /**
   * Why an existing path is not a capture file to read, or null when it is one (or does not exist,
   * which opening it reports): a symlink that cannot be followed (a loop), or a FIFO, socket or
   * device, which is not opened since reading it could block forever.
   */
  static String notAFile(Path p) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(p, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Files.isSymbolicLink(p) ? "a symlink to a missing file, skipped" : null;
    } catch (IOException e) {
      if (Files.isSymbolicLink(p)) {
        String r = FileNames.reason(e);
        return r.contains("levels of symbolic links")
            ? "a symlink loop (" + r + "), skipped"
            : "cannot follow the symlink: " + r + ", skipped";
      }
      return null; // opening it says why
    }
    if (attrs == null || attrs.isRegularFile() || attrs.isDirectory()) {
      return null;
    }
    return NOT_REGULAR;
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
    Path base = slash < 0 ? Path.of(".") : FileNames.path(pattern.substring(0, slash + 1));
    String full = slash < 0 ? "./" + pattern : pattern;
    PathMatcher m;
    try {
      m = FileSystems.getDefault().getPathMatcher("glob:" + full);
    } catch (PatternSyntaxException e) {
      return null;
    }
    if (!Files.isDirectory(base)) {
      errors.accept(pattern + ": no such directory " + FileNames.name(base));
      return List.of();
    }
    List<Path> all = walk(base, m, warnings, errors);
    if (all.isEmpty()) {
      errors.accept(pattern + ": no file matches");
    }
    return slash < 0 ? all.stream().map(p -> Path.of(".").relativize(p)).toList() : all;
  }
}
