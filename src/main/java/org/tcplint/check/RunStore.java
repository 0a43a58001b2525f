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
 * is encoded without holding the store and handed on in pieces of 64 KiB or more; the store is held
 * only to give each piece its place at the end of the file, where a positional write puts it. So
 * runs of lists on different threads interleave, piece by piece, and each run remembers where its
 * pieces are. It is read back through a channel of its own.
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
    final FileChannel ch;
    long end;
    long live;
    long dead;
    int runs;
    boolean broken; // a write failed (a full disk): the file takes no more pieces

    Part(Path file, FileChannel ch) {
      this.file = file;
      this.ch = ch;
    }
  }

  /** A run: pieces of one file of a store, in order. */
  static final class Run {
    private final RunStore store;
    private final Part part;
    private long[] offsets = new long[4];
    private int[] lengths = new int[4];
    private int pieces;
    private long length;

    private Run(RunStore store, Part part) {
      this.store = store;
      this.part = part;
    }

    /** Gives the run up ({@link RunStore#free}). */
    void free() {
      store.free(this);
    }

    private void add(long offset, int len) {
      int last = pieces - 1;
      if (last >= 0
          && offsets[last] + lengths[last] == offset
          && (long) lengths[last] + len <= Integer.MAX_VALUE) {
        lengths[last] += len; // no other run wrote in between
      } else {
        if (pieces == offsets.length) {
          offsets = java.util.Arrays.copyOf(offsets, pieces * 2);
          lengths = java.util.Arrays.copyOf(lengths, pieces * 2);
        }
        offsets[pieces] = offset;
        lengths[pieces++] = len;
      }
      length += len;
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

  /** Opens a store's file for writing. */
  interface Channels {
    FileChannel open(Path file) throws IOException;
  }

  /** How a store's files are opened for writing (tests put a channel that fails in its place). */
  static volatile Channels channels = file -> FileChannel.open(file, StandardOpenOption.WRITE);

  /**
   * Appends a run written by {@code w} to the current file (created in {@code dir} when there is
   * none). {@code w} hands the run on in pieces (64 KiB or more); the store is held only to give
   * each piece its place at the end of the file, and the piece is written there with a positional
   * write outside it, so that lists on many threads spill at once.
   *
   * @throws CannotCreate when no file can be created
   * @throws CannotWrite when a write fails (the run is given up)
   */
  Run append(Path dir, Writer w) throws CannotCreate, CannotWrite {
    Run r = begin(dir);
    Part p = r.part;
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
              return;
            }
            long at;
            synchronized (RunStore.this) {
              if (p.broken) {
                throw new IOException("an earlier write to the file failed");
              }
              at = p.end;
              p.end += len;
              p.live += len;
              r.add(at, len);
            }
            ByteBuffer piece = ByteBuffer.wrap(b, off, len);
            try {
              while (piece.hasRemaining()) {
                at += p.ch.write(piece, at);
              }
            } catch (IOException e) {
              synchronized (RunStore.this) {
                p.broken = true; // the disk is full, or worse: the file takes nothing more
              }
              throw e;
            }
          }
        };
    try {
      w.write(out);
    } catch (IOException e) {
      synchronized (this) {
        if (p.broken) {
          retire(p);
        }
        free(r);
      }
      throw new CannotWrite(p.file, e);
    }
    return r;
  }

  /** A new run in the current file, made first when there is none. */
  private synchronized Run begin(Path dir) throws CannotCreate, CannotWrite {
    if (current == null) {
      Path file;
      try {
        file = TempFiles.create(dir, "tcplint-", ".run");
      } catch (IOException | SecurityException | UnsupportedOperationException e) {
        throw new CannotCreate(dir, e);
      }
      try {
        current = new Part(file, channels.open(file));
      } catch (IOException e) {
        TempFiles.delete(file);
        throw new CannotWrite(file, e);
      }
    }
    current.runs++; // the file stays while the run is written
    return new Run(this, current);
  }

  /** Gives up {@code r}, a run of this store: its file is deleted when none of its runs is left. */
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
      p.ch.close();
    } catch (IOException e) {
      // nothing more is written to it
    }
    TempFiles.delete(p.file);
  }

  /** Reads run {@code r} back through a channel of its own. */
  static InputStream open(Run r) throws IOException {
    FileChannel ch = FileChannel.open(r.part.file, StandardOpenOption.READ);
    return new InputStream() {
      private int piece;
      private long pos = r.pieces > 0 ? r.offsets[0] : 0;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        while (piece < r.pieces && pos == r.offsets[piece] + r.lengths[piece]) {
          piece++;
          if (piece < r.pieces) {
            pos = r.offsets[piece];
          }
        }
        if (piece == r.pieces) {
          return -1;
        }
        long left = r.offsets[piece] + r.lengths[piece] - pos;
        int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)), pos);
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
}
