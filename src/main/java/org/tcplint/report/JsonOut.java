package org.tcplint.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A small streaming JSON emitter for the reports: the layout of a pretty-printing writer with a
 * two-space indent ({@code "name": value}, one member per line, {@code []} and {@code {}} when
 * empty), or compact with no indent. It encodes UTF-8 into a byte buffer itself and hands a {@link
 * Utf8Writer} large chunks (any other writer gets them decoded), and formats numbers without
 * creating strings: a report of hundreds of thousands of conversations is written at the speed of
 * the output. An unpaired surrogate is written as {@code ?}, as a UTF-8 encoder does.
 */
final class JsonOut {
  private static final int EMPTY = 0;
  private static final int NONEMPTY = 1;
  private static final int AFTER_NAME = 2;

  private final Writer out;
  private final boolean pretty;
  private static final int CHUNK = 1 << 16;
  private byte[] buf;
  private int pos;
  private int[] stack = new int[16];
  private int depth;
  private boolean topWritten;

  JsonOut(Writer out, boolean pretty) {
    this(out, pretty, null);
  }

  private JsonOut(Writer out, boolean pretty, byte[] buffer) {
    this.out = out;
    this.pretty = pretty;
    this.buf = buffer != null && buffer.length >= CHUNK + 4096 ? buffer : new byte[CHUNK + 4096];
  }

  /**
   * A fragment kept in memory: elements of an array at {@code depth} (which has elements before
   * them when {@code after}), encoded on another thread and then {@link #append}ed in order.
   */
  static JsonOut fragment(boolean pretty, int depth, boolean after) {
    return fragment(pretty, depth, after, null);
  }

  /**
   * As {@link #fragment(boolean, int, boolean)}, written into {@code buffer} (when not null) that
   * an appended fragment gave back ({@link #buffer}): fragments of a big report reuse a few buffers
   * rather than each growing a new one to its size.
   */
  static JsonOut fragment(boolean pretty, int depth, boolean after, byte[] buffer) {
    JsonOut f = new JsonOut(null, pretty, buffer);
    if (f.stack.length < depth) {
      f.stack = java.util.Arrays.copyOf(f.stack, depth);
    }
    f.depth = depth;
    f.stack[depth - 1] = after ? NONEMPTY : EMPTY;
    f.topWritten = true;
    return f;
  }

  /**
   * A fragment of JSON lines kept in memory (top-level values, each ended by {@link #endLine}),
   * written into {@code buffer} when not null, then copied out by {@link #copyTo}.
   */
  static JsonOut lines(byte[] buffer) {
    return new JsonOut(null, false, buffer);
  }

  /** Writes this fragment's bytes to {@code to}. */
  void copyTo(Writer to) throws IOException {
    if (to instanceof Utf8Writer u) {
      u.writeUtf8(buf, 0, pos);
    } else {
      to.write(new String(buf, 0, pos, StandardCharsets.UTF_8));
    }
  }

  /**
   * Buffers of fragments already written, for the next fragments: a few, each grown once to a
   * fragment's size, rather than a new buffer grown for each fragment.
   */
  static final class Spares {
    private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> buffers =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final int max;

    /** Keeps at most {@code max} buffers. */
    Spares(int max) {
      this.max = max;
    }

    /** A buffer for a new fragment, or null. */
    byte[] take() {
      return buffers.poll();
    }

    /** Keeps the buffer of a fragment that was written. */
    void keep(JsonOut written) {
      if (buffers.size() < max) {
        buffers.add(written.buffer());
      }
    }
  }

  /** This fragment's buffer, to be reused once it is {@link #append}ed. */
  byte[] buffer() {
    return buf;
  }

  /** A number written as given (a JSON number literal). */
  JsonOut number(String literal) throws IOException {
    return raw(literal);
  }

  /** The depth of the innermost open array or object. */
  int depth() {
    return depth;
  }

  /** Whether the innermost open array or object has an element. */
  boolean hasElement() {
    return stack[depth - 1] != EMPTY;
  }

  boolean pretty() {
    return pretty;
  }

  /** Appends {@code fragment}'s elements to the innermost open array. */
  void append(JsonOut fragment) throws IOException {
    appendBytes(fragment.buf, 0, fragment.pos);
  }

  /** Appends encoded elements {@code b[from, to)} to the innermost open array, as they are. */
  private void appendBytes(byte[] b, int from, int to) throws IOException {
    int n = to - from;
    ensure(n);
    System.arraycopy(b, from, buf, pos, n);
    pos += n;
    if (n > 0) {
      stack[depth - 1] = NONEMPTY;
    }
    flushIfFull();
  }

  /**
   * Appends elements encoded as the first of an array ({@code fragment(pretty, depth, false)})
   * after those the innermost open array may already have: the separator goes between them here, so
   * that whoever encoded the fragment needed not know whether anything came before it.
   */
  void appendFollowing(JsonOut fragment) throws IOException {
    appendElement(fragment.buf, 0, fragment.pos);
  }

  /**
   * Makes the next element of the innermost open array of this fragment be encoded as its first (no
   * separator before it): elements encoded one by one, each copied later by {@link #appendElement},
   * which puts the separators in.
   */
  void firstAgain() {
    stack[depth - 1] = EMPTY;
  }

  /** The bytes this fragment holds. */
  int size() {
    return pos;
  }

  /**
   * Appends elements {@code b[from, to)} encoded as the first of an array at this depth (a
   * fragment, or one element after {@link #firstAgain}), with the separator before them when the
   * innermost open array has elements already.
   */
  void appendElement(byte[] b, int from, int to) throws IOException {
    if (to > from && stack[depth - 1] == NONEMPTY) {
      put(',');
    }
    appendBytes(b, from, to);
  }

  JsonOut beginObject() throws IOException {
    beforeValue();
    put('{');
    push();
    return this;
  }

  JsonOut endObject() throws IOException {
    return close('}');
  }

  JsonOut beginArray() throws IOException {
    beforeValue();
    put('[');
    push();
    return this;
  }

  JsonOut endArray() throws IOException {
    return close(']');
  }

  /**
   * A member name encoded once, for the names written per conversation and per finding: its quoted
   * bytes are copied instead of the name being escaped and encoded again each time.
   */
  static final class Name {
    private final byte[] quoted;

    /**
     * The name as written at each depth: a comma, the new line and indentation of a pretty writer,
     * the quoted name, a colon and a space ({@link #name(Name)} copies it whole, from after the
     * comma when no member comes before it). Filled as depths are met, by whichever thread meets
     * them (names are shared): a {@link Prefixed} is immutable, so one read while another thread
     * writes the slot is either whole or null, and null is computed again.
     */
    private final Prefixed[] atDepth = new Prefixed[MAX_PREFIXED_DEPTH];

    /** As {@link #atDepth}, for a compact writer: a comma, the quoted name and a colon. */
    private volatile Prefixed compact;

    Name(String name) {
      quoted = new byte[name.length() + 2];
      quoted[0] = '"';
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (!plain(c)) {
          throw new IllegalArgumentException("not a plain ASCII name: " + name);
        }
        quoted[i + 1] = (byte) c;
      }
      quoted[quoted.length - 1] = '"';
    }

    /** The bytes {@link JsonOut#name(Name)} writes at {@code depth}, comma first. */
    byte[] prefixed(boolean pretty, int depth) {
      if (!pretty) {
        Prefixed c = compact;
        if (c == null) {
          compact = c = new Prefixed(encode(false, 0));
        }
        return c.bytes();
      }
      if (depth >= MAX_PREFIXED_DEPTH) {
        return encode(true, depth);
      }
      Prefixed p = atDepth[depth];
      if (p == null) {
        atDepth[depth] = p = new Prefixed(encode(true, depth));
      }
      return p.bytes();
    }

    private byte[] encode(boolean pretty, int depth) {
      int indent = pretty ? 1 + 2 * depth : 0;
      byte[] b = new byte[1 + indent + quoted.length + (pretty ? 2 : 1)];
      b[0] = ',';
      if (pretty) {
        b[1] = '\n';
        java.util.Arrays.fill(b, 2, 1 + indent, (byte) ' ');
      }
      System.arraycopy(quoted, 0, b, 1 + indent, quoted.length);
      b[1 + indent + quoted.length] = ':';
      if (pretty) {
        b[b.length - 1] = ' ';
      }
      return b;
    }
  }

  /** Depths below which a {@link Name} keeps its bytes as written there. */
  private static final int MAX_PREFIXED_DEPTH = 16;

  /** Bytes that never change once made, safe to share between threads through a data race. */
  private record Prefixed(byte[] bytes) {}

  JsonOut name(Name name) {
    byte[] b = name.prefixed(pretty, depth);
    int from = stack[depth - 1] == NONEMPTY ? 0 : 1; // the comma only after another member
    int n = b.length - from;
    ensure(n);
    System.arraycopy(b, from, buf, pos, n);
    pos += n;
    stack[depth - 1] = AFTER_NAME;
    return this;
  }

  JsonOut name(String name) throws IOException {
    if (stack[depth - 1] == NONEMPTY) {
      put(',');
    }
    newline(depth);
    string(name);
    put(':');
    if (pretty) {
      put(' ');
    }
    stack[depth - 1] = AFTER_NAME;
    return this;
  }

  JsonOut value(String s) throws IOException {
    if (s == null) {
      return raw("null");
    }
    beforeValue();
    string(s);
    return this;
  }

  JsonOut value(long v) throws IOException {
    beforeValue();
    if (v >= 0 && v < 10) { // most counters of a conversation are 0
      put((char) ('0' + v));
      return this;
    }
    if (v == Long.MIN_VALUE) {
      ascii(Long.toString(v));
      return this;
    }
    if (v < 0) {
      put('-');
      v = -v;
    }
    digits(v);
    return this;
  }

  /**
   * A number of {@code units} / 10^{@code scale} (for example nanoseconds as milliseconds with
   * scale 6), exactly, without trailing zeros after the point nor an exponent: "1.5", "3000",
   * "-0.000001".
   */
  JsonOut decimal(long units, int scale) throws IOException {
    long pow = 1;
    for (int i = 0; i < scale; i++) {
      pow *= 10;
    }
    if (units == Long.MIN_VALUE) {
      return number(
          java.math.BigDecimal.valueOf(units, scale).stripTrailingZeros().toPlainString());
    }
    beforeValue();
    if (units < 0) {
      put('-');
      units = -units;
    }
    digits(units / pow);
    long frac = units % pow;
    if (frac != 0) {
      int n = scale;
      while (frac % 10 == 0) {
        frac /= 10;
        n--;
      }
      ensure(1 + n);
      buf[pos++] = '.';
      for (int i = pos + n - 1; i >= pos; i--) {
        buf[i] = (byte) ('0' + (int) (frac % 10));
        frac /= 10;
      }
      pos += n;
    }
    return this;
  }

  /** The decimal digits of {@code v} ≥ 0. */
  private void digits(long v) {
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    ensure(digits);
    byte[] b = buf;
    int p = pos + digits;
    pos = p;
    while (v > Integer.MAX_VALUE) {
      b[--p] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    int i = (int) v; // the low digits in int arithmetic
    do {
      b[--p] = (byte) ('0' + i % 10);
      i /= 10;
    } while (i != 0);
  }

  /** A boxed integer, or {@code null}. */
  JsonOut value(Number n) throws IOException {
    if (n == null) {
      return raw("null");
    }
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return value(n.longValue());
    }
    return raw(n.toString());
  }

  JsonOut value(boolean b) throws IOException {
    return raw(b ? "true" : "false");
  }

  /** Ends a JSON-lines record: a newline, then the next top-level value may follow. */
  void endLine() throws IOException {
    if (depth != 0) {
      throw new IllegalStateException("unclosed JSON value");
    }
    put('\n');
    topWritten = false;
    flushIfFull();
  }

  /** Writes the buffer out once a value has closed and at least 64 KiB have gathered. */
  private void flushIfFull() throws IOException {
    if (pos >= CHUNK) {
      if (out != null) {
        flush();
      } else {
        ensure(4096); // a fragment grows, with the room the writes between closes count on
      }
    }
  }

  /** Writes what is buffered to the writer (the writer itself is not flushed). */
  void flush() throws IOException {
    if (out instanceof Utf8Writer u) {
      u.writeUtf8(buf, 0, pos);
    } else {
      out.write(new String(buf, 0, pos, StandardCharsets.UTF_8));
    }
    pos = 0;
  }

  private JsonOut raw(String literal) throws IOException {
    beforeValue();
    ascii(literal);
    return this;
  }

  private void push() {
    if (depth == stack.length) {
      stack = java.util.Arrays.copyOf(stack, depth * 2);
    }
    stack[depth++] = EMPTY;
  }

  private JsonOut close(char bracket) throws IOException {
    int state = stack[--depth];
    if (state != EMPTY) {
      newline(depth);
    }
    put(bracket);
    flushIfFull();
    return this;
  }

  private void beforeValue() throws IOException {
    if (depth == 0) {
      if (topWritten) {
        throw new IllegalStateException("JSON must have only one top-level value");
      }
      topWritten = true;
      return;
    }
    int state = stack[depth - 1];
    if (state == AFTER_NAME) {
      stack[depth - 1] = NONEMPTY;
      return;
    }
    if (state == NONEMPTY) {
      put(',');
    }
    newline(depth);
    stack[depth - 1] = NONEMPTY;
  }

  private void newline(int level) {
    if (!pretty) {
      return;
    }
    int n = 2 * level;
    ensure(1 + n);
    buf[pos++] = '\n';
    if (n <= SPACES.length) {
      System.arraycopy(SPACES, 0, buf, pos, n);
      pos += n;
    } else {
      java.util.Arrays.fill(buf, pos, pos + n, (byte) ' ');
      pos += n;
    }
  }

  private static final byte[] SPACES = " ".repeat(64).getBytes(StandardCharsets.US_ASCII);

  private static boolean plain(char c) {
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
  }

  private void string(String s) throws IOException {
    int n = s.length();
    ensure(n + 2);
    byte[] b = buf;
    int p = pos;
    b[p++] = '"';
    int i = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (!plain(c)) {
        break;
      }
      b[p] = (byte) c;
      p++;
    }
    pos = p;
    if (i < n) {
      escaped(s, i);
    }
    put('"');
  }

  /** The characters of {@code s} from {@code from} on, escaped where JSON needs it. */
  private void escaped(String s, int from) throws IOException {
    int n = s.length();
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (plain(c)) {
        ensure(n - i);
        while (i < n && plain(c = s.charAt(i))) {
          buf[pos++] = (byte) c;
          i++;
        }
        i--;
        continue;
      }
      switch (c) {
        case '"' -> ascii("\\\"");
        case '\\' -> ascii("\\\\");
        case '\t' -> ascii("\\t");
        case '\b' -> ascii("\\b");
        case '\n' -> ascii("\\n");
        case '\r' -> ascii("\\r");
        case '\f' -> ascii("\\f");
        case '\u2028' -> ascii("\\u2028");
        case '\u2029' -> ascii("\\u2029");
        default -> {
          if (c < 0x20) {
            ascii(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)
              && i + 1 < n
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            ensure(4);
            pos = Utf8Writer.put(buf, pos, Character.toCodePoint(c, s.charAt(++i)));
          } else if (Character.isSurrogate(c)) {
            put('?');
          } else {
            ensure(4);
            pos = Utf8Writer.put(buf, pos, c);
          }
        }
      }
    }
  }

  /** An ASCII literal (escape, number text, true/false/null). */
  private void ascii(String s) throws IOException {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      put(s.charAt(i));
    }
  }

  /** An ASCII character. */
  private void put(char c) {
    ensure(1);
    buf[pos++] = (byte) c;
  }

  /**
   * Makes room for {@code n} more bytes. The buffer grows rather than being written out here: it is
   * written when a value closes ({@link #close}), so the many small writes stay small code.
   */
  private void ensure(int n) {
    if (buf.length - pos < n) {
      buf = java.util.Arrays.copyOf(buf, Math.max(2 * buf.length, pos + n));
    }
  }
}
