package org.tcplint.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.tcplint.capture.FileNames;

/**
 * Expands the job's inputs on the driver, as the command line does on its file system: a file is
 * itself, a directory is every capture below it (by name: {@code .pcap}, {@code .pcapng}, {@code
 * .cap}, {@code .ntar}, optionally {@code .gz}, {@code .xz}, {@code .zst}) sorted by path, a glob
 * is what it matches. Paths come back qualified ({@code file:/…}, {@code hdfs://…}, {@code
 * s3a://…}).
 */
final class Listing {
  private Listing() {}

  /**
   * The files to check, in argument order. A path that does not exist stays in the list (its task
   * reports it unreadable); a glob that matches nothing and a directory that cannot be listed go to
   * {@code errors}.
   */
  static List<String> expand(List<String> inputs, Configuration conf, Consumer<String> errors) {
    List<String> out = new ArrayList<>();
    for (String a : inputs) {
      try {
        Path p = new Path(a);
        FileSystem fs = p.getFileSystem(conf);
        FileStatus[] matched = fs.globStatus(p);
        if (matched == null || matched.length == 0) {
          if (isGlob(a)) {
            errors.accept(a + ": matches no file");
          } else {
            out.add(fs.makeQualified(p).toString());
          }
          continue;
        }
        for (FileStatus s : matched) {
          if (s.isDirectory()) {
            out.addAll(walk(fs, s.getPath()));
          } else {
            out.add(fs.makeQualified(s.getPath()).toString());
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        errors.accept(a + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static List<String> walk(FileSystem fs, Path dir) throws IOException {
    List<String> found = new ArrayList<>();
    walk(fs, dir, found);
    found.sort(null);
    return found;
  }

  /** By listStatus: listFiles would ask the local file system for every file's permissions. */
  private static void walk(FileSystem fs, Path dir, List<String> found) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      if (s.isDirectory()) {
        walk(fs, s.getPath(), found);
      } else if (s.isFile() && FileNames.looksLikeCapture(s.getPath().getName())) {
        found.add(fs.makeQualified(s.getPath()).toString());
      }
    }
  }

  private static boolean isGlob(String a) {
    return a.contains("*") || a.contains("?") || a.contains("[") || a.contains("{");
  }
}
