package org.tcplint.check;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import org.tcplint.capture.FileNames;
import org.tcplint.rules.Finding;

/**
 * A silenced finding, from the config: a rule (or {@code family.*}), optionally narrowed to files
 * (glob on the path or file name), a stream, a frame, or a conversation endpoint {@code
 * address:port}; always with the reason someone gave.
 */
public record Suppression(
    String rule, String file, Integer stream, Long frame, String address, String reason) {

  public boolean matches(String path, Finding f) {
    return matchesFinding(f) && (file == null || matchesFile(matcher(file), path));
  }

  /** Whether the finding's rule, stream, frame and endpoints match (the file aside). */
  boolean matchesFinding(Finding f) {
    if (rule.endsWith("*")
        ? !f.rule().startsWith(rule.substring(0, rule.length() - 1))
        : !f.rule().equals(rule)) {
      return false;
    }
    if (stream != null && f.stream() != stream) {
      return false;
    }
    if (frame != null && f.frame() != frame) {
      return false;
    }
    if (address != null) {
      if (f.endpoints() == null) {
        return false;
      }
      for (String e : f.endpoints().split(" ")) {
        if (e.equals(address)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  private static PathMatcher matcher(String glob) {
    return FileSystems.getDefault().getPathMatcher("glob:" + glob);
  }

  /** Whether {@code m} matches the path or its file name. */
  private static boolean matchesFile(PathMatcher m, String path) {
    Path p = FileNames.path(path);
    Path name = p.getFileName();
    return m.matches(p) || (name != null && m.matches(name));
  }

  /** A filter that removes the findings any of {@code list} matches, file by file. */
  public static Filter filter(List<Suppression> list) {
    return new Filter(list);
  }

  /** Removes suppressed findings file by file and counts them (as {@link Baseline.Filter} does). */
  public static final class Filter {
    private final List<Suppression> list;
    private final PathMatcher[] files; // each suppression's glob, compiled once; null: any file
    private long removed;

    private Filter(List<Suppression> list) {
      this.list = List.copyOf(list);
      files = new PathMatcher[this.list.size()];
      for (int i = 0; i < files.length; i++) {
        String glob = this.list.get(i).file();
        files[i] = glob == null ? null : matcher(glob);
      }
    }

    /**
     * {@code r} without the findings a suppression matches ({@code r} itself when none can: no
     * suppression's file glob matches its path).
     */
    public FileResult apply(FileResult r) {
      List<Suppression> here = new ArrayList<>(); // the suppressions this file can have
      for (int i = 0; i < files.length; i++) {
        if (files[i] == null || matchesFile(files[i], r.path())) {
          here.add(list.get(i));
        }
      }
      if (here.isEmpty()) {
        return r;
      }
      return r.filterFindings(
          f -> {
            for (Suppression s : here) {
              if (s.matchesFinding(f)) {
                removed++;
                return false;
              }
            }
            return true;
          });
    }

    /** The findings removed so far. */
    public long removed() {
      return removed;
    }
  }
}
