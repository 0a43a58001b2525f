package org.tcplint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's JSON emitter writes byte for byte what Gson's JsonWriter writes. */
class JsonOutTest {
  private static final String NASTY =
      "quote \" backslash \\ tab \t nl \n cr \r ff \f bs \b nul \0 us \u001f del \u007f"
          + " é 漢 \uD83D\uDE00 ls \u2028 ps \u2029 </script>";

  /**
   * Encoded names, each made once and shared by every script and thread, as the reports' names are
   * constants: a name keeps its bytes as written at each depth.
   */
  private static final java.util.Map<String, JsonOut.Name> NAMES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private enum Kind {
    BEGIN_OBJECT,
    END_OBJECT,
    BEGIN_ARRAY,
    END_ARRAY,
    NAME,
    ENCODED_NAME,
    STRING,
    LONG,
    NUMBER,
    BOOLEAN
  }

  private record Op(Kind kind, Object arg) {}

  /** A sequence of writer calls, replayed on both writers. */
  private static final class Script {
    final List<Op> ops = new ArrayList<>();

    Script op(Kind k, Object arg) {
      ops.add(new Op(k, arg));
      return this;
    }

    Script open() {
      return op(Kind.BEGIN_OBJECT, null);
    }

    Script close() {
      return op(Kind.END_OBJECT, null);
    }

    Script array() {
      return op(Kind.BEGIN_ARRAY, null);
    }

    Script end() {
      return op(Kind.END_ARRAY, null);
    }

    Script name(String n) {
      return op(Kind.NAME, n);
    }

    /** A member name through {@link JsonOut.Name}, encoded once. */
    Script encoded(String n) {
      return op(Kind.ENCODED_NAME, n);
    }

    Script str(String v) {
      return op(Kind.STRING, v);
    }

    Script num(long v) {
      return op(Kind.LONG, v);
    }

    Script boxed(Number v) {
      return op(Kind.NUMBER, v);
    }

    Script bool(boolean v) {
      return op(Kind.BOOLEAN, v);
    }
  }

  private static String gson(Script s, boolean pretty) throws IOException {
    StringWriter out = new StringWriter();
    gson(s, pretty, out);
    return out.toString();
  }

  private static void gson(Script s, boolean pretty, java.io.Writer out) throws IOException {
    JsonWriter w = new JsonWriter(out);
    if (pretty) {
      w.setIndent("  ");
    }
    w.setHtmlSafe(false);
    for (Op o : s.ops) {
      switch (o.kind()) {
        case BEGIN_OBJECT -> w.beginObject();
        case END_OBJECT -> w.endObject();
        case BEGIN_ARRAY -> w.beginArray();
        case END_ARRAY -> w.endArray();
        case NAME, ENCODED_NAME -> w.name((String) o.arg());
        case STRING -> w.value((String) o.arg());
        case LONG -> w.value((long) (Long) o.arg());
        case NUMBER -> w.value((Number) o.arg());
        case BOOLEAN -> w.value((boolean) (Boolean) o.arg());
      }
    }
    w.flush();
  }

  private static String ours(Script s, boolean pretty) throws IOException {
    StringWriter out = new StringWriter();
    ours(s, pretty, out);
    return out.toString();
  }

  private static void ours(Script s, boolean pretty, java.io.Writer out) throws IOException {
    JsonOut w = new JsonOut(out, pretty);
    for (Op o : s.ops) {
      switch (o.kind()) {
        case BEGIN_OBJECT -> w.beginObject();
        case END_OBJECT -> w.endObject();
        case BEGIN_ARRAY -> w.beginArray();
        case END_ARRAY -> w.endArray();
        case NAME -> w.name((String) o.arg());
        case ENCODED_NAME -> w.name(NAMES.computeIfAbsent((String) o.arg(), JsonOut.Name::new));
        case STRING -> w.value((String) o.arg());
        case LONG -> w.value((long) (Long) o.arg());
        case NUMBER -> w.value((Number) o.arg());
        case BOOLEAN -> w.value((boolean) (Boolean) o.arg());
      }
    }
    w.flush();
  }

  /** The same text through a string writer, and the same bytes through UTF-8 writers. */
  private static void same(Script s) throws IOException {
    assertEquals(gson(s, true), ours(s, true));
    assertEquals(gson(s, false), ours(s, false));
    java.io.ByteArrayOutputStream jdk = new java.io.ByteArrayOutputStream();
    try (java.io.Writer w =
        new java.io.OutputStreamWriter(jdk, java.nio.charset.StandardCharsets.UTF_8)) {
      gson(s, true, w);
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.Writer w = new Utf8Writer(bytes)) {
      ours(s, true, w);
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(jdk.toByteArray(), bytes.toByteArray());
  }

  @Test
  void nestedObjectsArraysAndEmptyContainers() throws IOException {
    same(
        new Script()
            .open()
            .name("schemaVersion")
            .num(1)
            .name("tool")
            .open()
            .name("name")
            .str("tcplint")
            .close()
            .name("empty")
            .array()
            .end()
            .name("emptyObject")
            .open()
            .close()
            .name("files")
            .array()
            .open()
            .name("a")
            .array()
            .num(1)
            .num(-2)
            .bool(true)
            .str(null)
            .array()
            .end()
            .end()
            .close()
            .open()
            .close()
            .end()
            .close());
  }

  @Test
  void numbersAtTheEdges() throws IOException {
    same(
        new Script()
            .array()
            .num(0)
            .num(9)
            .num(10)
            .num(-1)
            .num(Long.MAX_VALUE)
            .num(Long.MIN_VALUE)
            .num(4294967295L)
            .num(99)
            .num(100)
            .num(999_999_999)
            .num(1_000_000_000)
            .num(Integer.MAX_VALUE)
            .num(Integer.MAX_VALUE + 1L)
            .num(Integer.MIN_VALUE)
            .num(Integer.MIN_VALUE - 1L)
            .num(Long.MAX_VALUE - 1)
            .num(Long.MIN_VALUE + 1)
            .num(1_000_000_000_000_000_000L)
            .boxed(Long.valueOf(5001))
            .boxed(Integer.valueOf(-7))
            .boxed(null)
            .end());
  }

  @Test
  void stringsAreEscapedLikeGson() throws IOException {
    same(new Script().open().name(NASTY).str(NASTY).name("").str("").close());
  }

  @Test
  void encodedNamesLikePlainOnes() throws IOException {
    same(
        new Script()
            .open()
            .encoded("stream")
            .num(0)
            .encoded("client")
            .open()
            .encoded("a")
            .str("x")
            .name("b")
            .str("y")
            .encoded("c")
            .array()
            .end()
            .close()
            .encoded("")
            .str("")
            .close());
    assertThrows(IllegalArgumentException.class, () -> new JsonOut.Name("quote\""));
    assertThrows(IllegalArgumentException.class, () -> new JsonOut.Name("é"));
  }

  /**
   * One name at every depth from 1 to 40 (past the depths whose bytes a name keeps), first in its
   * object and after another member, on the way down and on the way up.
   */
  private static Script sameNameAtEveryDepth(String name, int depth) {
    Script s = new Script().open();
    for (int i = 0; i < depth; i++) {
      s.encoded(name).num(i).encoded(name + "-next").open();
    }
    s.encoded(name).str("bottom");
    for (int i = 0; i < depth; i++) {
      s.close().encoded(name).bool(i % 2 == 0);
    }
    return s.close();
  }

  @Test
  void oneNameAtEveryDepthLikeGson() throws IOException {
    same(sameNameAtEveryDepth("shared", 40));
    same(sameNameAtEveryDepth("shared", 3)); // the depths met before, again
    same(new Script().array().open().encoded("shared").num(1).close().end());
  }

  @Test
  void oneNameWrittenByManyThreadsAtOnce() throws Exception {
    // Threads that meet the same names at the same depths for the first time together.
    int threads = 8;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        boolean pretty = t % 2 == 0;
        done.add(
            pool.submit(
                () -> {
                  Script s = sameNameAtEveryDepth("raced", 24);
                  start.await();
                  for (int round = 0; round < 50; round++) {
                    assertEquals(gson(s, pretty), ours(s, pretty));
                  }
                  return null;
                }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void indentDeeperThanThePreparedSpaces() throws IOException {
    Script s = new Script();
    for (int i = 0; i < 40; i++) {
      s.open().encoded("d" + i);
    }
    s.str("deep \" escaped \u2028 é");
    for (int i = 0; i < 40; i++) {
      s.close();
    }
    same(s);
  }

  @Test
  void stringsWithTheEscapeFirstLastAndAlone() throws IOException {
    same(
        new Script()
            .array()
            .str("\"")
            .str("\"abc")
            .str("abc\"")
            .str("é")
            .str("ascii then é then \n")
            .str("emoji \uD83D\uDE00 last")
            .end());
  }

  @Test
  void stringsLongerThanTheBuffer() throws IOException {
    String big = "x\"y".repeat(40_000);
    String plain = "z".repeat(100_000);
    same(new Script().array().str(big).str(plain).str(big).end());
  }

  @Test
  void jsonLinesHoldOneValuePerLine() throws IOException {
    StringWriter out = new StringWriter();
    JsonOut w = new JsonOut(out, false);
    w.beginObject().name("a").value(1).endObject();
    w.endLine();
    w.beginObject().name("b").value("c").endObject();
    w.endLine();
    w.flush();
    assertEquals("{\"a\":1}\n{\"b\":\"c\"}\n", out.toString());
    JsonOut once = new JsonOut(new StringWriter(), true);
    once.value(1);
    assertThrows(IllegalStateException.class, () -> once.value(2));
  }

  private static String millis(long nanos) throws IOException {
    StringWriter out = new StringWriter();
    JsonOut w = new JsonOut(out, false);
    w.decimal(nanos, 6);
    w.flush();
    return out.toString();
  }

  @Test
  void roundTripMillisecondsAreExactWithoutTrailingZerosOrExponent() throws IOException {
    assertEquals("1.234567", millis(1_234_567));
    assertEquals("10", millis(10_000_000));
    assertEquals("0.5", millis(500_000));
    assertEquals("0.000001", millis(1));
    assertEquals("3000", millis(3_000_000_000L));
    assertEquals("0", millis(0));
    assertEquals("-2.05", millis(-2_050_000));
    assertEquals("-0.000001", millis(-1));
    assertEquals("9223372036854.775807", millis(Long.MAX_VALUE));
    assertEquals("-9223372036854.775808", millis(Long.MIN_VALUE));
    // The same text as the exact decimal, for any value.
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < 10_000; i++) {
      long n = i % 2 == 0 ? r.nextLong() : r.nextInt(100_000_000) * (long) Math.pow(10, i % 7);
      assertEquals(
          java.math.BigDecimal.valueOf(n, 6).stripTrailingZeros().toPlainString(),
          millis(n),
          "nanos " + n);
    }
  }

  @Test
  void integersAreWrittenAsLongToStringWrites() throws IOException {
    java.util.List<Long> values = new java.util.ArrayList<>();
    for (long v = -12; v <= 12; v++) {
      values.add(v);
    }
    for (long p = 1; p > 0 && p < Long.MAX_VALUE / 10; p *= 10) {
      values.addAll(java.util.List.of(p * 10 - 1, p * 10, -p * 10 + 1, -p * 10));
    }
    values.addAll(java.util.List.of(Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE + 1));
    java.util.Random r = new java.util.Random(11);
    for (int i = 0; i < 1_000; i++) {
      values.add(r.nextLong() >> r.nextInt(64));
    }
    for (long v : values) {
      StringWriter out = new StringWriter();
      JsonOut w = new JsonOut(out, false);
      w.beginArray().value(v).value(v).endArray();
      w.flush();
      assertEquals("[" + v + "," + v + "]", out.toString());
    }
  }
}
