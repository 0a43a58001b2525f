package org.tcplint.capture;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/** Compression formats recognised from their magic bytes (never from the file name). */
public enum Compression {
  NONE(""),
  GZIP("gzip"),
  XZ("xz"),
  ZSTD("zstd");

  private final String label;

  Compression(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Recognises the compression from the first bytes of a stream. */
  public static Compression sniff(byte[] head, int n) {
    if (n >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
      return GZIP;
    }
    if (n >= 6
        && (head[0] & 0xFF) == 0xFD
        && head[1] == '7'
        && head[2] == 'z'
        && head[3] == 'X'
        && head[4] == 'Z'
        && head[5] == 0) {
      return XZ;
    }
    if (n >= 4
        && (head[0] & 0xFF) == 0x28
        && (head[1] & 0xFF) == 0xB5
        && (head[2] & 0xFF) == 0x2F
        && (head[3] & 0xFF) == 0xFD) {
      return ZSTD;
    }
    return NONE;
  }

  /**
   * Memory an xz stream may ask for (its dictionary): the larger of what {@code xz -9} needs and a
   * quarter of the heap, at most 256 MiB; a stream that needs more is a capture error, not an
   * out-of-memory crash.
   */
  static int xzMemoryLimitKiB() {
    long quarter = Runtime.getRuntime().maxMemory() / 4 / 1024;
    return (int) Math.min(256 * 1024, Math.max(70 * 1024, quarter));
  }

  /**
   * The decompressed stream of {@code raw} ({@code raw} itself when not compressed). Failures of
   * the decompressor surface as {@link DecompressionException}s with the compressed offset.
   */
  InputStream wrap(InputStream raw) throws IOException {
    return wrap(raw, GuardedInput.Expansion.NONE);
  }

  /** As {@link #wrap(InputStream)}, stopping with a {@link DecompressionException} at {@code e}. */
  InputStream wrap(InputStream raw, GuardedInput.Expansion e) throws IOException {
    if (this == NONE) {
      return raw;
    }
    GuardedInput.Counting counted = new GuardedInput.Counting(raw);
    InputStream in;
    try {
      in =
          switch (this) {
            case GZIP -> new GZIPInputStream(counted, 1 << 16);
            case XZ -> new XZInputStream(counted, xzMemoryLimitKiB());
            default -> new ZstdInputStream(counted);
          };
    } catch (IOException | RuntimeException x) {
      String m = x.getMessage();
      throw new DecompressionException(
          label,
          m == null ? x.getClass().getSimpleName() : m + " (" + x.getClass().getSimpleName() + ")",
          counted.count());
    }
    return new GuardedInput(in, label, counted, e);
  }
}
