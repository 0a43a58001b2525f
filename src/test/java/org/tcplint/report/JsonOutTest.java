package org.tcplint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The report's JSON emitter writes byte for byte what Gson's JsonWriter writes. */
class JsonOutTest {
  private static final String NASTY =
      "quote \" backslash \\ tab \t nl \n cr \r ff \f bs \b nul \0 us \u001f del \u007f"
          + " é 漢 \uD83D\uDE00 ls \u2028 ps \u2029 </script>";

  /** The same calls on both writers. */
  private interface Script {
    void on(Target t) throws IOException;
  }

  private interface Target {
    Target beginObject() throws IOException;

    Target endObject() throws IOException;

    Target beginArray() throws IOException;

    Target endArray() throws IOException;

    Target name(String n) throws IOException;

    Target value(String v) throws IOException;

    Target value(long v) throws IOException;

    Target value(Number v) throws IOException;

    Target value(boolean v) throws IOException;
  }

  private static String gson(Script s, boolean pretty) throws IOException {
    StringWriter out = new StringWriter();
    JsonWriter w = new JsonWriter(out);
    if (pretty) {
      w.setIndent("  ");
    }
    w.setHtmlSafe(false);
    s.on(
        new Target() {
          public Target beginObject() throws IOException {
            w.beginObject();
            return this;
          }

          public Target endObject() throws IOException {
            w.endObject();
            return this;
          }

          public Target beginArray() throws IOException {
            w.beginArray();
            return this;
          }

          public Target endArray() throws IOException {
            w.endArray();
            return this;
          }

          public Target name(String n) throws IOException {
            w.name(n);
            return this;
          }

          public Target value(String v) throws IOException {
            w.value(v);
            return this;
          }

          public Target value(long v) throws IOException {
            w.value(v);
            return this;
          }

          public Target value(Number v) throws IOException {
            w.value(v);
            return this;
          }

          public Target value(boolean v) throws IOException {
            w.value(v);
            return this;
          }
        });
    w.flush();
    return out.toString();
  }

  private static String ours(Script s, boolean pretty) throws IOException {
    StringWriter out = new StringWriter();
    JsonOut w = new JsonOut(out, pretty);
    s.on(
        new Target() {
          public Target beginObject() throws IOException {
            w.beginObject();
            return this;
          }

          public Target endObject() throws IOException {
            w.endObject();
            return this;
          }

          public Target beginArray() throws IOException {
            w.beginArray();
            return this;
          }

          public Target endArray() throws IOException {
            w.endArray();
            return this;
          }

          public Target name(String n) throws IOException {
            w.name(n);
            return this;
          }

          public Target value(String v) throws IOException {
            w.value(v);
            return this;
          }

          public Target value(long v) throws IOException {
            w.value(v);
            return this;
          }

          public Target value(Number v) throws IOException {
            w.value(v);
            return this;
          }

          public Target value(boolean v) throws IOException {
            w.value(v);
            return this;
          }
        });
    w.flush();
    return out.toString();
  }

  private static void same(Script s) throws IOException {
    assertEquals(gson(s, true), ours(s, true));
    assertEquals(gson(s, false), ours(s, false));
  }

  @Test
  void nestedObjectsArraysAndEmptyContainers() throws IOException {
    same(
        t ->
            t.beginObject()
                .name("schemaVersion")
                .value(1)
                .name("tool")
                .beginObject()
                .name("name")
                .value("tcplint")
                .endObject()
                .name("empty")
                .beginArray()
                .endArray()
                .name("emptyObject")
                .beginObject()
                .endObject()
                .name("files")
                .beginArray()
                .beginObject()
                .name("a")
                .beginArray()
                .value(1)
                .value(-2)
                .value(true)
                .value((String) null)
                .beginArray()
                .endArray()
                .endArray()
                .endObject()
                .beginObject()
                .endObject()
                .endArray()
                .endObject());
  }

  @Test
  void numbersAtTheEdges() throws IOException {
    same(
        t ->
            t.beginArray()
                .value(0)
                .value(9)
                .value(10)
                .value(-1)
                .value(Long.MAX_VALUE)
                .value(Long.MIN_VALUE)
                .value(4294967295L)
                .value(Long.valueOf(5001))
                .value(Integer.valueOf(-7))
                .value((Number) null)
                .endArray());
  }

  @Test
  void stringsAreEscapedLikeGson() throws IOException {
    same(t -> t.beginObject().name(NASTY).value(NASTY).name("").value("").endObject());
  }

  @Test
  void stringsLongerThanTheBuffer() throws IOException {
    String big = "x\"y".repeat(40_000);
    same(t -> t.beginArray().value(big).value(big).endArray());
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
}
