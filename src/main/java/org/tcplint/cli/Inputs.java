package org.tcplint.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands command-line inputs: files, directories (recursive, sorted), globs and {@code -}. */
final class Inputs {
  private Inputs() {}

  static List<Path> expand(List<String> args) throws UsageException {
    List<Path> out = new ArrayList<>();
    for (String a : args) {
      if (a.equals("-")) {
        out.add(Path.of("-"));
        continue;
      }
      Path p = Path.of(a);
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile)
              .filter(Inputs::looksLikeCapture)
              .sorted()
              .forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else if (Files.exists(p)) {
        out.add(p);
      } else if (a.contains("*") || a.contains("?") || a.contains("[")) {
        out.addAll(glob(a));
      } else {
        out.add(p); // reported as unreadable, with exit code 3
      }
    }
    return out;
  }

  private static boolean looksLikeCapture(Path p) {
    String n = p.getFileName().toString();
    return n.matches(
        ".*\\.(pcap|pcapng|cap|pcap\\.gz|pcapng\\.gz|pcap\\.xz|pcapng\\.xz|pcap\\.zst|pcapng\\.zst|gz|xz|zst)$");
  }

  private static List<Path> glob(String pattern) {
    int star = pattern.indexOf('*');
    int q = pattern.indexOf('?');
    int first = star < 0 ? q : q < 0 ? star : Math.min(star, q);
    int slash = pattern.lastIndexOf('/', first);
    Path base = slash < 0 ? Path.of(".") : Path.of(pattern.substring(0, slash + 1));
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    try (Stream<Path> s = Files.walk(base)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> m.matches(slash < 0 ? base.relativize(p) : p))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
