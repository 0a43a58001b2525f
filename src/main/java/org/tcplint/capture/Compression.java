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

  InputStream wrap(InputStream in) throws IOException {
    return switch (this) {
      case NONE -> in;
      case GZIP -> new GZIPInputStream(in, 1 << 16);
      case XZ -> new XZInputStream(in);
      case ZSTD -> new ZstdInputStream(in);
    };
  }
}
