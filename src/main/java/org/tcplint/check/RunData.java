package org.tcplint.check;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Big-endian fields of spill runs, buffered without locks (the JDK's data streams lock on every
 * byte): {@link Out} fills a buffer and writes it in large chunks, {@link In} reads it back.
 */
final class RunData {
  private RunData() {}

  /** Writes fields to a stream through a 64 KiB buffer. */
  static final class Out implements AutoCloseable {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int n;

    Out(OutputStream out) {
      this.out = out;
    }

    private void room(int k) throws IOException {
      if (buf.length - n < k) {
        out.write(buf, 0, n);
        n = 0;
      }
    }

    void writeBoolean(boolean v) throws IOException {
      writeByte(v ? 1 : 0);
    }

    void writeByte(int v) throws IOException {
      room(1);
      buf[n++] = (byte) v;
    }

    void writeInt(int v) throws IOException {
      room(4);
      buf[n] = (byte) (v >>> 24);
      buf[n + 1] = (byte) (v >>> 16);
      buf[n + 2] = (byte) (v >>> 8);
      buf[n + 3] = (byte) v;
      n += 4;
    }

    void writeLong(long v) throws IOException {
      writeInt((int) (v >>> 32));
      writeInt((int) v);
    }

    /** A flag, then the value when present. */
    void writeNullableLong(Long v) throws IOException {
      writeBoolean(v != null);
      if (v != null) {
        writeLong(v);
      }
    }

    /** Null as -1; ASCII as its length and a byte a character; else -2 - length, then UTF-8. */
    void writeString(String s) throws IOException {
      if (s == null) {
        writeInt(-1);
        return;
      }
      int len = s.length();
      boolean ascii = true;
      for (int i = 0; i < len && ascii; i++) {
        ascii = s.charAt(i) < 0x80;
      }
      if (!ascii) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(-2 - b.length);
        write(b);
        return;
      }
      writeInt(len);
      if (len > buf.length) {
        write(s.getBytes(StandardCharsets.ISO_8859_1));
        return;
      }
      room(len);
      for (int i = 0; i < len; i++) {
        buf[n + i] = (byte) s.charAt(i);
      }
      n += len;
    }

    private void write(byte[] b) throws IOException {
      if (b.length > buf.length - n) {
        out.write(buf, 0, n);
        n = 0;
        if (b.length > buf.length) {
          out.write(b);
          return;
        }
      }
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
    }

    @Override
    public void close() throws IOException {
      out.write(buf, 0, n);
      n = 0;
      out.close();
    }
  }

  /** Reads what {@link Out} wrote. */
  static final class In implements AutoCloseable {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;

    In(InputStream in) {
      this.in = in;
    }

    /** Makes {@code k} bytes (at most the buffer's size) available from {@code pos}. */
    private void need(int k) throws IOException {
      if (end - pos >= k) {
        return;
      }
      System.arraycopy(buf, pos, buf, 0, end - pos);
      end -= pos;
      pos = 0;
      while (end < k) {
        int r = in.read(buf, end, buf.length - end);
        if (r < 0) {
          throw new EOFException();
        }
        end += r;
      }
    }

    boolean readBoolean() throws IOException {
      return readByte() != 0;
    }

    byte readByte() throws IOException {
      need(1);
      return buf[pos++];
    }

    int readInt() throws IOException {
      need(4);
      int v =
          (buf[pos] & 0xFF) << 24
              | (buf[pos + 1] & 0xFF) << 16
              | (buf[pos + 2] & 0xFF) << 8
              | (buf[pos + 3] & 0xFF);
      pos += 4;
      return v;
    }

    long readLong() throws IOException {
      return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
    }

    Long readNullableLong() throws IOException {
      return readBoolean() ? readLong() : null;
    }

    String readString() throws IOException {
      int len = readInt();
      if (len == -1) {
        return null;
      }
      boolean ascii = len >= 0;
      int bytes = ascii ? len : -2 - len;
      java.nio.charset.Charset cs = ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
      if (ascii && bytes <= SHORT) {
        need(bytes);
        String s = cached(bytes);
        pos += bytes;
        return s;
      }
      if (bytes <= buf.length) {
        need(bytes);
        String s = new String(buf, pos, bytes, cs);
        pos += bytes;
        return s;
      }
      byte[] b = new byte[bytes];
      int got = Math.min(end - pos, bytes);
      System.arraycopy(buf, pos, b, 0, got);
      pos += got;
      while (got < bytes) {
        int r = in.read(b, got, bytes - got);
        if (r < 0) {
          throw new EOFException();
        }
        got += r;
      }
      return new String(b, cs);
    }

    /** Longest string looked up in {@link #recent} (rule ids, states, histories, short texts). */
    private static final int SHORT = 40;

    // Strings read lately, by a hash of their bytes: the many repeats among short fields (rule ids,
    // directions, close shapes, connection states) share one String instead of a copy each.
    private final String[] recent = new String[1024];

    /**
     * The ASCII string of {@code n} bytes at {@code pos}, from {@link #recent} when it is there.
     */
    private String cached(int n) {
      int h = n;
      for (int i = 0; i < n; i++) {
        h = 31 * h + buf[pos + i];
      }
      int slot = (h ^ (h >>> 12)) & (recent.length - 1);
      String s = recent[slot];
      if (s != null && s.length() == n) {
        int i = 0;
        while (i < n && s.charAt(i) == buf[pos + i]) {
          i++;
        }
        if (i == n) {
          return s;
        }
      }
      s = new String(buf, pos, n, StandardCharsets.ISO_8859_1);
      recent[slot] = s;
      return s;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
