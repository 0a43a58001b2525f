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

  /**
   * Writes records of fields to a stream through a buffer, each record after its length. Writing a
   * field never writes to the stream: the buffer grows to hold a whole record, and {@link
   * #endRecord()} passes it on once 64 KiB have gathered. So each field's code stays small (the
   * compiler inlines a field write at every call site of a codec; with the stream's write beside
   * it, a codec compiled to tens of KiB of machine code). {@link In} reads a whole record at once
   * too.
   */
  static final class Out implements AutoCloseable {
    private static final int CHUNK = 1 << 16;
    private final OutputStream out;
    private byte[] buf;
    private int n;

    Out(OutputStream out) {
      this.out = out;
      this.buf = new byte[CHUNK + 1024];
    }

    /**
     * Records kept in memory ({@link #buffer()}, {@link #size()}), first in a buffer of {@code
     * capacity} bytes: nothing goes to a stream.
     */
    Out(int capacity) {
      this.out = null;
      this.buf = new byte[Math.max(64, capacity)];
    }

    /** The buffer of an {@link #Out(int) in-memory} writer: its first {@link #size()} bytes. */
    byte[] buffer() {
      return buf;
    }

    int size() {
      return n;
    }

    /**
     * Copies a whole record, its length and its fields, from {@code b} at {@code from}, where an
     * {@link #Out(int) in-memory} writer put it.
     */
    void copyRecord(byte[] b, int from) throws IOException {
      copyBytes(b, from, 4 + org.tcplint.capture.Bytes.i32(b, from));
    }

    /** Appends {@code len} bytes of {@code b} from {@code from} as they are. */
    void copyBytes(byte[] b, int from, int len) throws IOException {
      room(len);
      System.arraycopy(b, from, buf, n, len);
      n += len;
      flushIfFull();
    }

    /** Grows the buffer to {@code capacity} bytes now, if it is smaller. */
    void reserve(int capacity) {
      if (buf.length < capacity) {
        buf = java.util.Arrays.copyOf(buf, capacity);
      }
    }

    /** Empties an {@link #Out(int) in-memory} writer, keeping its buffer. */
    void clear() {
      n = 0;
    }

    private void flushIfFull() throws IOException {
      if (n >= CHUNK && out != null) {
        out.write(buf, 0, n);
        n = 0;
      }
    }

    private void room(int k) {
      if (buf.length - n < k) {
        grow(k);
      }
    }

    private void grow(int k) {
      buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, n + k));
    }

    private int recordStart = -1;

    /** Starts a record (its length is written in front of it by {@link #endRecord()}). */
    void beginRecord() {
      room(4);
      recordStart = n;
      n += 4;
    }

    /** Ends a record: the buffer goes to the stream when it holds 64 KiB or more. */
    void endRecord() throws IOException {
      int len = n - recordStart - 4;
      int at = n;
      n = recordStart;
      writeInt(len);
      n = at;
      recordStart = -1;
      flushIfFull();
    }

    /** Ends the run: no record follows. */
    void endRun() {
      writeInt(-1);
    }

    void writeBoolean(boolean v) {
      writeByte(v ? 1 : 0);
    }

    void writeByte(int v) {
      room(1);
      buf[n++] = (byte) v;
    }

    void writeInt(int v) {
      room(4);
      buf[n] = (byte) (v >>> 24);
      buf[n + 1] = (byte) (v >>> 16);
      buf[n + 2] = (byte) (v >>> 8);
      buf[n + 3] = (byte) v;
      n += 4;
    }

    void writeLong(long v) {
      writeInt((int) (v >>> 32));
      writeInt((int) v);
    }

    /** A flag, then the value when present. */
    void writeNullableLong(Long v) {
      writeBoolean(v != null);
      if (v != null) {
        writeLong(v);
      }
    }

    /** Null as -1; ASCII as its length and a byte a character; else -2 - length, then UTF-8. */
    void writeString(String s) {
      if (s == null) {
        writeInt(-1);
        return;
      }
      int len = s.length();
      room(4 + len);
      int p = n + 4;
      int seen = 0;
      for (int i = 0; i < len; i++) {
        char c = s.charAt(i);
        seen |= c;
        buf[p + i] = (byte) c;
      }
      if (seen < 0x80) {
        writeInt(len);
        n += len;
      } else {
        writeUtf8(s);
      }
    }

    private void writeUtf8(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      writeInt(-2 - b.length);
      room(b.length);
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
    }

    @Override
    public void close() throws IOException {
      if (out == null) {
        return; // in memory
      }
      try (out) { // closed even when the last write fails
        out.write(buf, 0, n);
        n = 0;
      }
    }
  }

  /** Reads what {@link Out} wrote. */
  static final class In implements AutoCloseable {
    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int end;
    private int recordEnd;

    In(InputStream in) {
      this.in = in;
      this.buf = new byte[1 << 16];
    }

    /**
     * Reads the records an {@link Out#Out(int) in-memory} writer put in {@code buf} before {@code
     * end}; the buffer is not changed ({@link #at} goes to a record).
     */
    In(byte[] buf, int end) {
      this.in = null;
      this.buf = buf;
      this.end = end;
    }

    /**
     * Goes to the record at {@code offset} of an in-memory buffer, to be read by {@link
     * #nextRecord}.
     */
    void at(int offset) {
      pos = offset;
      recordEnd = offset;
    }

    /** Makes {@code k} bytes available from {@code pos}, growing the buffer when needed. */
    private void need(int k) throws IOException {
      if (end - pos >= k) {
        return;
      }
      if (in == null) {
        throw new EOFException(); // in memory: all there is
      }
      if (k > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(k, 2 * buf.length));
      }
      System.arraycopy(buf, pos, buf, 0, end - pos);
      end -= pos;
      recordEnd -= pos;
      pos = 0;
      while (end < k) {
        int r = in.read(buf, end, buf.length - end);
        if (r < 0) {
          throw new EOFException();
        }
        end += r;
      }
    }

    /** Reads the next record into the buffer: false at the end of the run. */
    boolean nextRecord() throws IOException {
      need(4);
      recordEnd = pos + 4;
      int len = readInt();
      if (len < 0) {
        return false;
      }
      need(len);
      recordEnd = pos + len;
      return true;
    }

    /** Fields are read within the current record only. */
    private void check(int k) throws EOFException {
      if (recordEnd - pos < k) {
        throw new EOFException("record ends early");
      }
    }

    boolean readBoolean() throws IOException {
      return readByte() != 0;
    }

    byte readByte() throws IOException {
      check(1);
      return buf[pos++];
    }

    int readInt() throws IOException {
      check(4);
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

    /** A string that repeats across records (rule id, state, shape): shared through a cache. */
    String readString() throws IOException {
      return readString(true);
    }

    /** A string of its own in most records (an address, a message): no cache look-up. */
    String readUniqueString() throws IOException {
      return readString(false);
    }

    private String readString(boolean shared) throws IOException {
      int len = readInt();
      if (len == -1) {
        return null;
      }
      boolean ascii = len >= 0;
      int bytes = ascii ? len : -2 - len;
      check(bytes);
      String s =
          shared && ascii && bytes <= SHORT
              ? cached(bytes)
              : new String(
                  buf, pos, bytes, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
      pos += bytes;
      return s;
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
      if (in != null) {
        in.close();
      }
    }
  }
}
