package org.tcplint.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Cutting a plain capture file into chunks on the threads that decode them, so that no thread reads
 * the whole file: each chunk is a <em>window</em> of the file, the records that start in it. The
 * thread that decodes a window reads it with positional reads and finds its first record itself: a
 * position where a few records in a row are framed as the readers frame them. That is a guess, and
 * it is checked when the chunks are committed in file order: a window's first record must be where
 * the record before it ends. A wrong guess (a payload that looks like records) is read again from
 * the right place; so the chunks, and the report, are those of one pass over the whole file.
 *
 * <p>Windows stop where the state the records are read in changes (a pcapng section header or
 * interface description after the first chunk) or at damage: the rest of the file is then cut by
 * the {@link Chunker}'s one pass again, which meets them as a reading of the whole file does.
 */
final class Speculation {
  /** Bytes read past a window's end, for the record that starts in the window and ends after it. */
  static final int SLACK = 64 << 10;

  /** Records in a row that make a position a window's first record. */
  private static final int CHAIN = 4;

  private final FileChannel channel;
  private final boolean pcapng;
  private final boolean bigEndian;
  private final boolean nanos;
  private final byte[] prefix;
  private final int section;
  final long size;

  /**
   * @param prefix the pcap header, or the section header and interface blocks of the one section
   *     the windows are in
   * @param size the file's length: the windows end there
   */
  Speculation(
      FileChannel channel,
      boolean pcapng,
      boolean bigEndian,
      boolean nanos,
      byte[] prefix,
      int section,
      long size) {
    this.channel = channel;
    this.pcapng = pcapng;
    this.bigEndian = bigEndian;
    this.nanos = nanos;
    this.prefix = prefix;
    this.section = section;
    this.size = size;
  }

  /**
   * A window of the file: the records that start in {@code [from, to)}; {@code exact} when a record
   * is known to start at {@code from} (where the chunks read by the chunker's pass ended).
   */
  record Window(Speculation spec, long from, long to, boolean exact) {}

  /** What reading a window found. */
  static final class Outcome {
    /** Whether a first record was found (always, from a known start). */
    boolean found;

    /** Whether reading stopped before the window's end: damage, a state change, the file's end. */
    boolean stopped;
  }

  /**
   * Reads the records of {@code w} into {@code c}: from {@code start} (a record's offset, known to
   * be right), or from the first position in the window that looks like a record ({@code -1}).
   */
  void fill(Chunker.Chunk c, Window w, long start, Outcome out) {
    try {
      fill0(c, w, start, out);
    } catch (IOException e) {
      // Not read here: from a known start the chunker's pass goes on from there and meets the
      // error as a reading of the whole file does; a guess is checked, and read again from there.
      out.found = start >= 0;
      out.stopped = start >= 0;
      c.records(prefix, section, pcapng, null, 0, 0, start);
    }
  }

  private void fill0(Chunker.Chunk c, Window w, long start, Outcome out) throws IOException {
    out.found = true;
    out.stopped = false;
    long at = start >= 0 ? start : w.from();
    if (at >= w.to()) { // the record before ends past this window: no record starts in it
      c.records(prefix, section, pcapng, null, 0, 0, at);
      return;
    }
    int want = (int) Math.min(size - at, w.to() - at + SLACK);
    ByteBuffer b = c.scratch(want);
    int filled = read(b, 0, at, want);
    int first = 0;
    if (start < 0) {
      first = find(b, at, (int) (w.to() - at), filled, at + filled >= size);
      if (first < 0) {
        out.found = false;
        c.records(prefix, section, pcapng, null, 0, 0, -1);
        return;
      }
    }
    int p = first;
    while (at + p < w.to()) {
      int n = frame(b, p, filled);
      if (n > 0) {
        p += n;
        continue;
      }
      if (n < 0 || at + filled >= size) {
        out.stopped = true; // damage or a state change, or a record the file's end cuts
        break;
      }
      // The record at p goes on past what was read: read the rest of it (its length is checked).
      int need = filled - p < 16 ? p + 16 : p + length(b, p);
      need = (int) Math.min(size - at, Math.max(need, filled + SLACK));
      if (need > b.capacity()) {
        b = c.scratch(need, filled);
      }
      int before = filled;
      filled = read(b, filled, at + filled, need - filled);
      if (filled == before) {
        out.stopped = true; // the file is shorter than it was
        break;
      }
    }
    c.records(prefix, section, pcapng, b, first, p, at + first);
  }

  /** Reads {@code n} bytes at file offset {@code pos} into {@code b} at {@code into}. */
  private int read(ByteBuffer b, int into, long pos, int n) throws IOException {
    int end = into + n;
    b.limit(end).position(into);
    while (b.position() < end) {
      int r = channel.read(b, pos + b.position() - into);
      if (r < 0) {
        break; // shorter than when it was measured: the chunker's pass meets the end
      }
    }
    return b.position();
  }

  /**
   * The length of the record at {@code p} as {@link Chunker}'s pass frames it, 0 when not all of it
   * is there, -1 where that pass would stop: damage, or a block that changes the state records are
   * read in (the windows then end).
   */
  private int frame(ByteBuffer b, int p, int to) {
    if (!pcapng) {
      return Chunker.record(b, p, to, bigEndian);
    }
    if (to - p < 12) {
      return 0;
    }
    int type = Chunker.i32(b, p, bigEndian);
    if (type == PcapngReader.SHB || type == PcapngReader.IDB) {
      return -1;
    }
    return Chunker.inSection(b, p, to, type, bigEndian);
  }

  /** The length the header at {@code p} (16 bytes there) gives its record. */
  private int length(ByteBuffer b, int p) {
    return pcapng ? Chunker.i32(b, p + 4, bigEndian) : 16 + Chunker.i32(b, p + 8, bigEndian);
  }

  /**
   * The first position before {@code limit} where {@link #CHAIN} records in a row are framed (or as
   * many as there are before what was read ends), or -1; {@code b} holds the file from offset
   * {@code at}.
   */
  private int find(ByteBuffer b, long at, int limit, int filled, boolean atEnd) {
    int step = pcapng ? 4 : 1; // pcapng blocks are multiples of 4 bytes from the file's start
    int p0 = pcapng ? (int) (-at & 3) : 0; // (the window may start anywhere)
    for (int p = p0; p < limit; p += step) {
      if (chain(b, p, filled, atEnd)) {
        return p;
      }
    }
    return -1;
  }

  private boolean chain(ByteBuffer b, int p, int filled, boolean atEnd) {
    long seconds = 0;
    for (int k = 0; k < CHAIN; k++) {
      if (p == filled && atEnd && k > 0) {
        return true; // the file ends after whole records
      }
      int n = frame(b, p, filled);
      if (n == 0) {
        return k > 0 && !atEnd; // goes on past what was read
      }
      if (n < 0) {
        return false;
      }
      if (!pcapng) { // pcap record headers have no trailer: ask more of them
        long s = Chunker.i32(b, p, bigEndian) & 0xFFFFFFFFL;
        long frac = Chunker.i32(b, p + 4, bigEndian) & 0xFFFFFFFFL;
        long caplen = Chunker.i32(b, p + 8, bigEndian) & 0xFFFFFFFFL;
        long origlen = Chunker.i32(b, p + 12, bigEndian) & 0xFFFFFFFFL;
        if (frac >= (nanos ? 1_000_000_000L : 1_000_000L)
            || caplen > origlen
            || (k > 0 && Math.abs(s - seconds) > 86_400)) {
          return false;
        }
        seconds = s;
      }
      p += n;
    }
    return true;
  }
}
