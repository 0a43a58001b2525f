package org.tcplint.capture;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The decompressed side of a compressed capture: every failure of the decompressor, whatever it
 * throws (aircompressor's zstd throws unchecked exceptions, the JDK's gzip an {@link EOFException}
 * without a message), becomes a {@link DecompressionException} with the compression's name, a
 * reason a person can read and the offset reached in the compressed file.
 */
final class GuardedInput extends FilterInputStream {
  private final String compression;
  private final Counting raw;
  private final Expansion expansion;
  private long out;

  GuardedInput(InputStream decompressed, String compression, Counting raw) {
    this(decompressed, compression, raw, Expansion.NONE);
  }

  GuardedInput(InputStream decompressed, String compression, Counting raw, Expansion expansion) {
    super(decompressed);
    this.compression = compression;
    this.raw = raw;
    this.expansion = expansion;
  }

  /**
   * How far the data may expand: at most {@code ratio} decompressed bytes per compressed byte, once
   * {@code floor} bytes were decompressed (a ratio of 0: no limit).
   */
  record Expansion(long ratio, long floor) {
    static final Expansion NONE = new Expansion(0, 0);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  /**
   * Decompressed bytes asked for per call: a failure loses only the call it happens in, so the
   * frames before the damage are still read and checked.
   */
  private static final int CHUNK = 16 * 1024;

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = in.read(b, off, Math.min(len, CHUNK));
    } catch (DecompressionException e) {
      throw e;
    } catch (EOFException e) {
      throw failure("the compressed data ends early (no end of stream or trailer)");
    } catch (IOException | RuntimeException e) {
      throw failure(reason(e));
    } catch (OutOfMemoryError e) {
      throw failure("the decompressor ran out of memory (window or dictionary too large)");
    }
    if (n > 0 && expansion.ratio() > 0) {
      out += n;
      long taken = raw.count();
      if (out >= expansion.floor() && out > expansion.ratio() * Math.max(1, taken)) {
        throw new DecompressionException(
            compression,
            "expansion limit reached: "
                + out
                + " bytes decompressed from "
                + taken
                + " compressed bytes, more than the limit of "
                + expansion.ratio()
                + " to 1 (defaults.maxExpansion)",
            taken,
            true);
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return in.skip(n);
    } catch (DecompressionException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw failure(reason(e));
    }
  }

  private DecompressionException failure(String reason) {
    return new DecompressionException(compression, reason, raw.count());
  }

  private static String reason(Throwable e) {
    String m = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return m == null || m.isBlank() ? kind : m + " (" + kind + ")";
  }

  /**
   * The compressed side: counts the bytes the decompressor took, and reports at least one byte
   * available until the end is seen, so that the JDK's gzip reader looks for a further member even
   * when the data arrives through a pipe in pieces (RFC 1952 §2.2: a file may hold several
   * members).
   */
  static final class Counting extends FilterInputStream {
    private long count;
    private boolean ended;

    Counting(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        ended = true;
      } else {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n < 0) {
        ended = true;
      } else {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long k = in.skip(n);
      count += k;
      return k;
    }

    @Override
    public int available() throws IOException {
      return ended ? 0 : Math.max(1, in.available());
    }
  }
}
