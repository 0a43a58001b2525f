package org.tcplint.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.tcplint.check.SpillList;
import org.tcplint.check.TempFiles;

/**
 * Lines kept until the end of a run in a temporary file, so that they need no memory however many
 * there are (the SARIF run's artifacts, one per capture file). They are kept in memory instead when
 * no temporary file can be created, and from the first write to it that fails on (a full disk):
 * that is said once on standard error, naming the file and the reason, and the lines written before
 * are still read back from it. No line is lost.
 */
final class SpooledLines {
  /** Opens the temporary file for writing. */
  interface Opener {
    OutputStream open(Path file) throws IOException;
  }

  /** How the temporary file is opened (tests put a stream that fails in its place). */
  static volatile Opener opener = Files::newOutputStream;

  private final int chunk;
  private final StringBuilder pending = new StringBuilder();
  private Path file; // null: every line is in memory
  private OutputStream out; // null once writing failed: what follows stays in memory
  private long written; // bytes of whole lines in the file

  /**
   * @param chunk characters gathered in memory before they are written to the file in one write
   */
  SpooledLines(String prefix, String suffix, int chunk) {
    this.chunk = chunk;
    try {
      file = TempFiles.create(null, prefix, suffix);
      out = opener.open(file);
    } catch (IOException | SecurityException e) {
      // no temporary file (TMPDIR missing or not writable): the lines are kept in memory
      delete();
      file = null;
      out = null;
    }
  }

  void add(String line) {
    pending.append(line).append('\n');
    if (out != null && pending.length() >= chunk) {
      flush();
    }
  }

  private void flush() {
    byte[] b = pending.toString().getBytes(StandardCharsets.UTF_8);
    try {
      out.write(b);
      written += b.length;
      pending.setLength(0);
    } catch (IOException e) {
      try {
        out.close();
      } catch (IOException ignored) {
        // the stream failed already
      }
      out = null;
      SpillList.keptInMemory(SpillList.cannotWrite(file, e));
    }
  }

  /** Hands every line, in the order added, to {@code each}; then deletes the file. */
  void forEach(LineConsumer each) throws IOException {
    try {
      if (out != null) {
        flush();
      }
      if (out != null) {
        out.close();
        out = null;
      }
      if (file != null && written > 0) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
          ch.truncate(written); // a line cut short by the write that failed
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            each.accept(line);
          }
        }
      }
      for (String line : pending.toString().split("\n", -1)) {
        if (!line.isEmpty()) {
          each.accept(line);
        }
      }
    } finally {
      pending.setLength(0);
      delete();
    }
  }

  private void delete() {
    if (file != null) {
      TempFiles.delete(file);
    }
  }

  /** Takes one line. */
  interface LineConsumer {
    void accept(String line) throws IOException;
  }
}
