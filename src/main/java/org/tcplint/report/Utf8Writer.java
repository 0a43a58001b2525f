package org.tcplint.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A buffered UTF-8 writer for reports: ASCII, which reports are almost entirely made of, is copied
 * a byte a character in one tight loop, much faster than a charset encoder. An unpaired surrogate
 * is written as {@code ?}, as the JDK's encoders do. Not thread-safe.
 */
public final class Utf8Writer extends Writer {
  private final OutputStream out;
  private final byte[] buf = new byte[1 << 16];
  private int n;
  private char pendingHigh;

  public Utf8Writer(OutputStream out) {
    this.out = out;
  }

  @Override
  public void write(int c) throws IOException {
    char ch = (char) c;
    if (ch < 0x80 && pendingHigh == 0) {
      if (n == buf.length) {
        drain();
      }
      buf[n++] = (byte) ch;
      return;
    }
    encode(ch);
  }

  @Override
  public void write(char[] cbuf, int off, int len) throws IOException {
    int end = off + len;
    int i = off;
    while (i < end) {
      if (pendingHigh == 0 && cbuf[i] < 0x80) {
        if (n == buf.length) {
          drain();
        }
        int stop = Math.min(end, i + (buf.length - n));
        while (i < stop && cbuf[i] < 0x80) {
          buf[n++] = (byte) cbuf[i++];
        }
      } else {
        encode(cbuf[i++]);
      }
    }
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    int end = off + len;
    for (int i = off; i < end; ) {
      int k = Math.min(end - i, scratch.length);
      s.getChars(i, i + k, scratch, 0);
      write(scratch, 0, k);
      i += k;
    }
  }

  private final char[] scratch = new char[4096];

  private void encode(char c) throws IOException {
    if (n + 4 > buf.length) {
      drain();
    }
    if (pendingHigh != 0) {
      char high = pendingHigh;
      pendingHigh = 0;
      if (Character.isLowSurrogate(c)) {
        n = put(buf, n, Character.toCodePoint(high, c));
        return;
      }
      buf[n++] = '?'; // the high surrogate had no partner
      if (n + 4 > buf.length) {
        drain();
      }
    }
    if (Character.isHighSurrogate(c)) {
      pendingHigh = c;
    } else if (Character.isLowSurrogate(c)) {
      buf[n++] = '?';
    } else {
      n = put(buf, n, c);
    }
  }

  /**
   * Writes the UTF-8 bytes of code point {@code cp} (not a surrogate) at {@code pos}, where there
   * is room for four; returns the position after them.
   */
  static int put(byte[] buf, int pos, int cp) {
    if (cp < 0x80) {
      buf[pos++] = (byte) cp;
    } else if (cp < 0x800) {
      buf[pos++] = (byte) (0xC0 | (cp >>> 6));
      buf[pos++] = (byte) (0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      buf[pos++] = (byte) (0xE0 | (cp >>> 12));
      buf[pos++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
      buf[pos++] = (byte) (0x80 | (cp & 0x3F));
    } else {
      buf[pos++] = (byte) (0xF0 | (cp >>> 18));
      buf[pos++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
      buf[pos++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
      buf[pos++] = (byte) (0x80 | (cp & 0x3F));
    }
    return pos;
  }

  /**
   * Appends bytes that are already UTF-8 (whole characters), after what was written before: the
   * JSON emitter encodes itself and hands over its buffer.
   */
  void writeUtf8(byte[] b, int off, int len) throws IOException {
    if (pendingHigh != 0) { // a high surrogate with no partner before these bytes
      pendingHigh = 0;
      if (n == buf.length) {
        drain();
      }
      buf[n++] = '?';
    }
    if (len > buf.length - n) {
      drain();
      if (len > buf.length) {
        out.write(b, off, len);
        return;
      }
    }
    System.arraycopy(b, off, buf, n, len);
    n += len;
  }

  private void drain() throws IOException {
    out.write(buf, 0, n);
    n = 0;
  }

  @Override
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (pendingHigh != 0) {
      pendingHigh = 0;
      if (n == buf.length) {
        drain();
      }
      buf[n++] = '?';
    }
    flush();
    out.close();
  }
}
