package org.tcplint.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tcplint.decode.TcpOptions;

/**
 * A segment handed from the thread that decoded it to its partition's thread in packed form comes
 * back with every field the rules read: each field of {@link Segment} and {@link TcpOptions}, found
 * by reflection (a field added later and not packed fails here), set to random values and compared
 * after a round trip.
 */
class SegmentPackTest {
  private static final Random RANDOM = new Random(20261206);

  @Test
  void everyFieldSurvivesARoundTrip() throws Exception {
    long[] buf = new long[3 * Segment.PACKED_MAX];
    for (int round = 0; round < 200; round++) {
      Segment a = randomSegment();
      Segment b = randomSegment(); // stale values a round trip must overwrite
      int at = RANDOM.nextInt(Segment.PACKED_MAX);
      int end = a.pack(buf, at);
      assertTrue(end - at <= Segment.PACKED_MAX, "at most PACKED_MAX longs");
      assertEquals(end, b.unpack(buf, at), "unpack reads what pack wrote");
      assertSame(a, b);
    }
  }

  @Test
  void segmentsFollowOneAnother() {
    Segment[] in = {randomSegment(), randomSegment(), randomSegment()};
    long[] buf = new long[3 * Segment.PACKED_MAX];
    int end = 0;
    for (Segment s : in) {
      end = s.pack(buf, end);
    }
    Segment out = new Segment();
    int at = 0;
    for (Segment s : in) {
      at = out.unpack(buf, at);
      assertEquals(s.seq, out.seq);
      assertEquals(s.options.sackBlocks, out.options.sackBlocks);
      assertEquals(s.frame, out.frame);
    }
    assertEquals(end, at);
  }

  @Test
  void onlyTheSackBlocksPresentAreWritten() {
    Segment s = randomSegment();
    s.options.sackBlocks = 0;
    long[] buf = new long[Segment.PACKED_MAX];
    int none = s.pack(buf, 0);
    s.options.sackBlocks = 3;
    assertEquals(none + 3, s.pack(buf, 0));
    Segment back = new Segment();
    back.unpack(buf, 0);
    for (int i = 0; i < 6; i++) {
      assertEquals(s.options.sackEdges[i], back.options.sackEdges[i], "edge " + i);
    }
  }

  @Test
  void negativeAndExtremeValues() {
    Segment s = new Segment();
    s.seq = -1;
    s.ack = Integer.MIN_VALUE;
    s.options.wscale = -1;
    s.options.mss = -1;
    s.options.badLengthKind = -1;
    s.tsNanos = 999_999_999;
    s.frame = Long.MAX_VALUE;
    s.linkSource = -1;
    long[] buf = new long[Segment.PACKED_MAX];
    s.pack(buf, 0);
    Segment back = new Segment();
    back.seq = 7;
    back.unpack(buf, 0);
    assertEquals(-1, back.seq);
    assertEquals(Integer.MIN_VALUE, back.ack);
    assertEquals(-1, back.options.wscale);
    assertEquals(-1, back.options.mss);
    assertEquals(-1, back.options.badLengthKind);
    assertEquals(999_999_999, back.tsNanos);
    assertEquals(Long.MAX_VALUE, back.frame);
    assertEquals(-1L, back.linkSource);
    assertNotEquals(0, back.options.wscale);
  }

  private static Segment randomSegment() {
    Segment s = new Segment();
    try {
      for (Field f : fields(Segment.class)) {
        f.set(s, random(f.getType()));
      }
      for (Field f : fields(TcpOptions.class)) {
        f.set(s.options, random(f.getType()));
      }
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
    s.options.sackBlocks = RANDOM.nextInt(5);
    for (int i = 0; i < s.options.sackEdges.length; i++) {
      s.options.sackEdges[i] = RANDOM.nextInt();
    }
    return s;
  }

  /** The instance fields a segment carries: public, not final (the option object and arrays). */
  private static List<Field> fields(Class<?> c) {
    List<Field> out = new ArrayList<>();
    for (Field f : c.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isStatic(m) || Modifier.isFinal(m) || !Modifier.isPublic(m)) {
        continue;
      }
      out.add(f);
    }
    assertTrue(out.size() > 10, c + " has fields");
    return out;
  }

  private static Object random(Class<?> type) {
    if (type == long.class) {
      return RANDOM.nextLong();
    }
    if (type == int.class) {
      return RANDOM.nextInt();
    }
    if (type == boolean.class) {
      return RANDOM.nextBoolean();
    }
    throw new AssertionError("a field of type " + type + " is not packed by this test");
  }

  private static void assertSame(Segment a, Segment b) throws Exception {
    for (Field f : fields(Segment.class)) {
      assertEquals(f.get(a), f.get(b), "Segment." + f.getName());
    }
    for (Field f : fields(TcpOptions.class)) {
      assertEquals(f.get(a.options), f.get(b.options), "TcpOptions." + f.getName());
    }
    for (int i = 0; i < 2 * a.options.sackBlocks; i++) {
      assertEquals(a.options.sackEdges[i], b.options.sackEdges[i], "sackEdges[" + i + "]");
    }
  }
}
