package org.tcplint.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing flow map behaves like a HashMap of FlowKey, removals and growth included. */
class FlowMapTest {
  private static FlowKey key(int v, long src, int sp, long dst, int dp) {
    Segment s = new Segment();
    s.ipVersion = v;
    s.src0 = v == 6 ? src * 7 : 0;
    s.src1 = src;
    s.dst0 = v == 6 ? dst * 3 : 0;
    s.dst1 = dst;
    s.srcPort = sp;
    s.dstPort = dp;
    FlowKey k = new FlowKey();
    k.set(s);
    return k.copy();
  }

  @Test
  void randomOperationsAgreeWithAHashMap() {
    Random r = new Random(42);
    FlowMap map = new FlowMap();
    Map<FlowKey, Object> expected = new HashMap<>();
    List<FlowKey> keys = new ArrayList<>();
    for (int i = 0; i < 3000; i++) { // few distinct keys: long probe runs, many shifts
      keys.add(key(r.nextBoolean() ? 4 : 6, r.nextInt(50), r.nextInt(40), r.nextInt(3), 80));
    }
    for (int step = 0; step < 200_000; step++) {
      FlowKey k = keys.get(r.nextInt(keys.size()));
      switch (r.nextInt(4)) {
        case 0, 1 -> {
          Object v = Integer.valueOf(step);
          map.put(k, v);
          expected.put(k, v);
        }
        case 2 -> {
          map.remove(k);
          expected.remove(k);
        }
        default -> assertEquals(expected.get(k), map.get(k), "step " + step);
      }
      if (step % 20_000 == 0) {
        int cut = step;
        map.removeValues(o -> (Integer) o % 3 == cut % 3);
        expected.values().removeIf(o -> (Integer) o % 3 == cut % 3);
      }
      assertEquals(expected.size(), map.size(), "size at step " + step);
    }
    for (FlowKey k : keys) {
      assertEquals(expected.get(k), map.get(k));
    }
    List<Object> values = new ArrayList<>();
    map.forEachValue(values::add);
    assertEquals(expected.size(), values.size());
    map.clear();
    assertEquals(0, map.size());
    assertNull(map.get(keys.get(0)));
  }

  @Test
  void endpointTextMatchesInetAddress() throws Exception {
    Random r = new Random(7);
    long[][] cases = {
      {4, 0, 0xC0000201L},
      {4, 0, 0},
      {4, 0, 0xFFFFFFFFL},
      {6, 0x20010DB800000000L, 1},
      {6, 0, 1},
      {6, 0, 0},
      {6, 0, 0xFFFF0A000001L},
      {6, 0, 0x0A000001L},
      {6, 0xFE80000000000000L, 0x0202B3FFFE1E8329L},
      {6, 0x20010DB800000001L, 0x0000000100000001L}
    };
    List<long[]> all = new ArrayList<>(List.of(cases));
    for (int i = 0; i < 2000; i++) {
      long h = r.nextInt(4) == 0 ? 0 : r.nextLong() & (r.nextBoolean() ? -1L : 0xFFFF0000FFFF0000L);
      all.add(new long[] {6, h, r.nextLong() & (r.nextBoolean() ? -1L : 0x0000FFFF0000FFFFL)});
      all.add(new long[] {4, 0, r.nextLong() & 0xFFFFFFFFL});
    }
    for (long[] c : all) {
      FlowKey k = new FlowKey();
      k.version = (int) c[0];
      k.a0 = c[1];
      k.a1 = c[2];
      k.portA = 443;
      assertEquals(Addresses.endpoint(k.address(0), 443), k.endpoint(0), Long.toHexString(c[2]));
    }
  }

  @Test
  void bothEndpointsInOneTextMatchInetAddress() throws Exception {
    Random r = new Random(11);
    for (int i = 0; i < 2000; i++) {
      FlowKey k = new FlowKey();
      k.version = r.nextBoolean() ? 4 : 6;
      if (k.version == 4) {
        k.a1 = r.nextLong() & 0xFFFFFFFFL;
        k.b1 = r.nextLong() & 0xFFFFFFFFL;
      } else {
        k.a0 = r.nextInt(4) == 0 ? 0 : r.nextLong();
        k.a1 = r.nextInt(4) == 0 ? 0xFFFF00000000L | (r.nextLong() & 0xFFFFFFFFL) : r.nextLong();
        k.b0 = r.nextInt(4) == 0 ? 0 : r.nextLong() & 0xFFFF0000FFFF0000L;
        k.b1 = r.nextLong();
      }
      k.portA = r.nextInt(65536);
      k.portB = i == 0 ? 0 : i == 1 ? 65535 : r.nextInt(65536);
      String a = Addresses.endpoint(k.address(0), k.portA);
      String b = Addresses.endpoint(k.address(1), k.portB);
      String fields = java.util.Arrays.toString(new long[] {k.a0, k.a1, k.b0, k.b1});
      assertEquals(a + " " + b, k.endpoints(0), fields);
      assertEquals(b + " " + a, k.endpoints(1), fields);
    }
  }

  @Test
  void bothDirectionsAndBothVersionsAreDistinguished() {
    FlowMap map = new FlowMap();
    map.put(key(4, 1, 1000, 2, 80), "v4");
    map.put(key(6, 1, 1000, 2, 80), "v6");
    assertEquals("v4", map.get(key(4, 2, 80, 1, 1000))); // the reply direction
    assertEquals("v6", map.get(key(6, 1, 1000, 2, 80)));
    assertNull(map.get(key(4, 1, 1001, 2, 80)));
    for (int i = 0; i < 100_000; i++) { // growth keeps every entry
      map.put(key(4, i, 1, i + 1, 2), i);
    }
    assertEquals(100_002, map.size());
    assertEquals(77_777, map.get(key(4, 77_777, 1, 77_778, 2)));
  }

  @Test
  void aKeyLookedUpLatelyIsAnsweredWithItsCurrentValue() {
    FlowMap map = new FlowMap();
    FlowKey k = key(4, 10, 1234, 20, 80);
    FlowKey other = key(4, 11, 1234, 20, 80);
    map.put(k, "first");
    map.put(other, "other");
    assertEquals("first", map.get(k)); // now in the cache
    map.put(k, "second");
    assertEquals("second", map.get(k));
    map.remove(k);
    assertNull(map.get(k));
    assertEquals("other", map.get(other));
    map.put(k, "third");
    assertEquals("third", map.get(k));
    map.removeValues("third"::equals);
    assertNull(map.get(k));
    map.put(k, "fourth");
    assertEquals("fourth", map.get(k));
    map.clear();
    assertNull(map.get(k));
    assertNull(map.get(other));
    map.put(k, "fifth");
    assertEquals("fifth", map.get(k));
    for (int i = 0; i < 10_000; i++) { // growth: a new table and a new cache
      map.put(key(6, i, 2, i + 1, 3), i);
      assertEquals("fifth", map.get(k));
    }
    map.put(k, "sixth");
    assertEquals("sixth", map.get(k));
  }
}
