package org.tcplint.capture;

import java.io.IOException;
import java.io.InputStream;

/**
 * A refillable window over a byte stream. Readers ask for {@code n} bytes with {@link #ensure(int)}
 * and then read them with absolute offsets from {@link #buffer()} starting at {@link #pos()}. The
 * window grows only when a single record is larger than it, and callers check every length field
 * against {@link #MAX_RECORD} before asking for it.
 */
final class ByteInput {
  /** The largest record we accept (Wireshark's limit for a pcapng block is 16 MiB). */
  static final int MAX_RECORD = 16 * 1024 * 1024 + 4096;

  private static final int DEFAULT_WINDOW = 1 << 20;

  private final InputStream in;
  private byte[] buf;
  private int pos;
  private int limit;
  private long base; // file offset of buf[0]
  private boolean eof;

  ByteInput(InputStream in) {
    this(in, DEFAULT_WINDOW);
  }

  ByteInput(InputStream in, int window) {
    this.in = in;
    this.buf = new byte[window];
  }

  /**
   * A window over a stream that starts at file offset {@code base}, with {@code first} (its first
   * {@code n} bytes) already read: a chunk's tail that the stream continues.
   */
  ByteInput(InputStream in, byte[] first, int n, long base) {
    this.in = in;
    this.buf = first;
    this.limit = n;
    this.base = base;
  }

  /** The bytes {@code data[0..length)}, the first of them at file offset {@code base}. */
  ByteInput(byte[] data, int length, long base) {
    this.in = null;
    this.buf = data;
    this.limit = length;
    this.base = base;
    this.eof = true;
  }

  byte[] buffer() {
    return buf;
  }

  int pos() {
    return pos;
  }

  /** File offset of the byte at {@link #pos()}. */
  long position() {
    return base + pos;
  }

  int available() {
    return limit - pos;
  }

  /**
   * Makes {@code n} bytes available at {@link #pos()}.
   *
   * @return false when the stream ends first ({@link #available()} then says how many there are)
   */
  boolean ensure(int n) throws IOException {
    if (limit - pos >= n) {
      return true;
    }
    if (eof) {
      return false;
    }
    if (n > buf.length - pos) {
      int have = limit - pos;
      if (n > buf.length) {
        byte[] bigger = new byte[Math.max(n, Math.min(buf.length * 2, MAX_RECORD))];
        System.arraycopy(buf, pos, bigger, 0, have);
        buf = bigger;
      } else {
        System.arraycopy(buf, pos, buf, 0, have);
      }
      base += pos;
      pos = 0;
      limit = have;
    }
    while (limit - pos < n && !eof) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        eof = true;
      } else {
        limit += r;
      }
    }
    return limit - pos >= n;
  }

  /** Moves past {@code n} bytes that {@link #ensure(int)} made available. */
  void advance(int n) {
    pos += n;
  }

  /** True when no byte is left. */
  boolean atEnd() throws IOException {
    return !ensure(1);
  }
}
