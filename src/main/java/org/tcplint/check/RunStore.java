package org.tcplint.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The spill runs of one check's lists, appended to one temporary file instead of a file each: a
 * check of a big capture writes a hundred runs or more (two lists per partition), and creating and
 * deleting a file per run cost more than writing the runs (on ext4, about 0.6 ms per file). A run
 * is written whole while the store is held, so runs of lists on different threads never interleave;
 * each run is read back through a channel of its own, from its offset.
 *
 * <p>A file is deleted once none of its runs is in use. Runs given up while others of the same file
 * are still in use (a list's runs merged into one by its compaction) leave dead bytes behind; when
 * those exceed both {@link #ROTATE} and the bytes still in use, the next run starts a new file, so
 * the space the store takes stays within about twice what its lists hold.
 */
final class RunStore {
  /**
   * Dead bytes a file may hold before runs go to a new one (when they also exceed the live ones).
   */
  static final long ROTATE = 32L << 20;

  /** A file of runs. */
  private static final class Part {
    final Path file;
    final OutputStream out;
    long end;
    long live;
    long dead;
    int runs;

    Part(Path file, OutputStream out) {
      this.file = file;
      this.out = out;
    }
  }

  /** A run: {@code length} bytes at {@code offset} of a file of the store. */
  static final class Run {
    private final Part part;
    private final long offset;
    private final long length;

    private Run(Part part, long offset, long length) {
      this.part = part;
      this.offset = offset;
      this.length = length;
    }

    /** The file that holds the run. */
    Path file() {
      return part.file;
    }
  }

  /** Writes one run's bytes. */
  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Creating the store's file failed (no such directory, permission denied, …). */
  static final class CannotCreate extends IOException {
    final Path directory;

    CannotCreate(Path directory, Exception cause) {
      super(cause.getMessage(), cause);
      this.directory = directory;
    }
  }

  /** Writing a run failed (a full disk); the run is given up. */
  static final class CannotWrite extends IOException {
    final Path file;

    CannotWrite(Path file, IOException cause) {
      super(cause.getMessage(), cause);
      this.file = file;
    }
  }

  private Part current;
  private final long rotate;

  RunStore() {
    this(ROTATE);
  }

  /**
   * A store that starts a new file once a file's dead bytes exceed {@code rotate} and its live
   * ones.
   */
  RunStore(long rotate) {
    this.rotate = rotate;
  }

  /**
   * Appends a run written by {@code w} to the current file (created in {@code dir} when there is
   * none, and opened with {@code opener}).
   *
   * @throws CannotCreate when no file can be created
   * @throws CannotWrite when a write fails (what was written of the run is dead space)
   */
  synchronized Run append(Path dir, SpillList.Opener opener, Writer w) throws IOException {
    if (current == null) {
      Path file;
      try {
        file = TempFiles.create(dir, "tcplint-", ".run");
      } catch (IOException | SecurityException | UnsupportedOperationException e) {
        throw new CannotCreate(dir, e);
      }
      try {
        current = new Part(file, opener.open(file));
      } catch (IOException e) {
        TempFiles.delete(file);
        throw new CannotWrite(file, e);
      }
    }
    Part p = current;
    Counting out = new Counting(p.out);
    try {
      w.write(out);
    } catch (IOException e) {
      p.end += out.count;
      p.dead += out.count;
      retire(p); // a file that failed is written no more
      throw new CannotWrite(p.file, e);
    }
    Run r = new Run(p, p.end, out.count);
    p.end += out.count;
    p.live += out.count;
    p.runs++;
    return r;
  }

  /** Gives up {@code r}: its file is deleted when none of its runs is left. */
  synchronized void free(Run r) {
    Part p = r.part;
    p.live -= r.length;
    p.dead += r.length;
    p.runs--;
    if (p.runs == 0) {
      if (p == current) {
        current = null;
      }
      close(p);
    } else if (p == current && p.dead > rotate && p.dead > p.live) {
      retire(p);
    }
  }

  /** The current file takes no more runs; deleted now if it holds none. */
  private void retire(Part p) {
    if (p == current) {
      current = null;
    }
    if (p.runs == 0) {
      close(p);
    }
  }

  private static void close(Part p) {
    try {
      p.out.close();
    } catch (IOException e) {
      // nothing more is written to it
    }
    TempFiles.delete(p.file);
  }

  /** Reads run {@code r} back through a channel of its own. */
  static InputStream open(Run r) throws IOException {
    FileChannel ch = FileChannel.open(r.part.file, StandardOpenOption.READ);
    return new InputStream() {
      private long pos = r.offset;
      private final long end = r.offset + r.length;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (pos >= end) {
          return -1;
        }
        int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
        if (n > 0) {
          pos += n;
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }

  /** Counts the bytes passed on. */
  private static final class Counting extends OutputStream {
    private final OutputStream out;
    long count;

    Counting(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void close() {
      // the file stays open for the next run
    }
  }
}
