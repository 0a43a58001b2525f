package org.tcplint.check;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
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
    if (rule.endsWith("*")
        ? !f.rule().startsWith(rule.substring(0, rule.length() - 1))
        : !f.rule().equals(rule)) {
      return false;
    }
    if (file != null) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + file);
      Path p = FileNames.path(path);
      Path name = p.getFileName();
      if (!m.matches(p) && (name == null || !m.matches(name))) {
        return false;
      }
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

  /** A filter that removes the findings any of {@code list} matches, file by file. */
  public static Filter filter(List<Suppression> list) {
    return new Filter(list);
  }

  /** Removes suppressed findings file by file and counts them (as {@link Baseline.Filter} does). */
  public static final class Filter {
    private final List<Suppression> list;
    private long removed;

    private Filter(List<Suppression> list) {
      this.list = list;
    }

    /** {@code r} without the findings a suppression matches ({@code r} itself when none can). */
    public FileResult apply(FileResult r) {
      if (list.isEmpty()) {
        return r;
      }
      return r.filterFindings(
          f -> {
            for (Suppression s : list) {
              if (s.matches(r.path(), f)) {
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
