package org.tcplint.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.bench.TraceGenerator;
import org.tcplint.capture.Captures;
import org.tcplint.capture.Frame;
import org.tcplint.decode.Packet;
import org.tcplint.decode.PacketDecoder;

/**
 * A retired conversation's object, renewed for a later conversation, is field for field what a new
 * one is: every field of {@link Endpoint} and {@link Conversation} is changed, the object renewed,
 * and compared with a new object. A field added later without its reset fails here.
 */
class ConversationReuseTest {
  /** Gives every field of {@code o} declared by its class a value other than a new object's. */
  private static void scramble(Object o) throws IllegalAccessException {
    for (Field f : o.getClass().getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())
          || f.getName().equals("notable")
          || f.getName().equals("notableCount")) {
        continue; // the frames remembered: changed through remember(), below
      }
      f.setAccessible(true);
      Class<?> t = f.getType();
      Object v = f.get(o);
      if (Modifier.isFinal(f.getModifiers())) {
        if (v instanceof Holes h) {
          h.open(10, 20);
          h.open(30, 40);
          h.forgotten = 3;
        } else if (v instanceof Endpoint[] e) {
          scramble(e[0]);
          scramble(e[1]);
        } else {
          fail("final field " + f.getName() + " of " + t + ": renewing cannot reset it");
        }
      } else if (t == boolean.class) {
        f.setBoolean(o, !f.getBoolean(o));
      } else if (t == int.class) {
        f.setInt(o, f.getInt(o) + 7);
      } else if (t == long.class) {
        f.setLong(o, f.getLong(o) + 7);
      } else if (t == int[].class) {
        f.set(o, new int[] {1, 2});
      } else if (t == long[].class) {
        f.set(o, new long[] {3, 4, 5, 6});
      } else if (t == String.class) {
        f.set(o, "changed");
      } else if (t == FlowKey.class) {
        f.set(o, new FlowKey());
      } else if (t == Tally.class) {
        f.set(o, new Tally("rule", 1, "message", null, null));
      } else if (t == Object.class || t == java.util.List.class) {
        f.set(o, new java.util.ArrayList<>());
      } else {
        fail("field " + f.getName() + " of " + t + ": teach this test to change it");
      }
    }
  }

  /** Asserts that every field of {@code a} equals the same field of the new object {@code b}. */
  private static void assertSameState(Object renewed, Object fresh, String where)
      throws IllegalAccessException {
    for (Field f : fresh.getClass().getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      f.setAccessible(true);
      Object a = f.get(renewed);
      Object b = f.get(fresh);
      String name = where + "." + f.getName();
      if (a instanceof Holes h) {
        Holes n = (Holes) b;
        assertEquals(n.count(), h.count(), name);
        assertEquals(n.forgotten, h.forgotten, name);
      } else if (a instanceof Endpoint[] e) {
        assertSameState(e[0], ((Endpoint[]) b)[0], name + "[0]");
        assertSameState(e[1], ((Endpoint[]) b)[1], name + "[1]");
      } else if (f.getName().equals("notable")) {
        continue; // kept for the next conversation; what counts is notableCount, compared too
      } else if (f.getType().isPrimitive() || a == null || b == null) {
        assertEquals(b, a, name);
      } else {
        assertSame(b, a, name + " (the argument the conversation was made with)");
      }
    }
  }

  @Test
  void aResetEndpointIsANewOne() throws IllegalAccessException {
    Endpoint e = new Endpoint();
    scramble(e);
    e.reset();
    assertSameState(e, new Endpoint(), "endpoint");
  }

  @Test
  void aRenewedConversationIsANewOne() throws IllegalAccessException {
    FlowKey key = new FlowKey();
    Previous previous =
        new Previous(
            4, true, true, false, true, false, 123, 77, true, 55, true, 2, 1000, 2000, true, true);
    for (Previous p : new Previous[] {null, previous}) {
      for (boolean continuation : p == null ? new boolean[] {false} : new boolean[] {false, true}) {
        Conversation renewed = new Conversation(new FlowKey(), 9, previous, !continuation);
        scramble(renewed);
        renewed.remember(12, 1200);
        renewed.renew(key, 5, p, continuation);
        String where = "conversation(previous=" + (p != null) + ", continuation=" + continuation;
        assertSameState(renewed, new Conversation(key, 5, p, continuation), where + ")");
        assertNull(renewed.offsetOf(12), "no frame remembered");
      }
    }
  }

  // a SYN with a new ISN on a 4-tuple whose closed conversation lingers starts a new conversation
  // while the old one waits in the queue of closed ones; renewed later for another 4-tuple, the old
  // object must not take the new conversation's key along (each conversation owns its key)
  @Test
  void everyConversationKeepsTheKeyOfItsSegments() throws Exception {
    byte[] capture =
        org.tcplint.testing.CaptureBuilder.closedThenOthers(true, 20)
            .s("SA", 30000, 70001)
            .c("A", 70001, 30001)
            .done()
            .pcapng();
    FlowTable table = new FlowTable(c -> {}).reuseConversations();
    Frame f = new Frame();
    Packet p = new Packet();
    PacketDecoder d = new PacketDecoder();
    Segment s = new Segment();
    int renewed = 0;
    Map<Conversation, Integer> objects = new IdentityHashMap<>();
    try (Captures.Opened o = Captures.open(new java.io.ByteArrayInputStream(capture))) {
      while (o.reader().next(f)) {
        d.decode(f, p);
        s.fill(f, p);
        table.expire(s.timeNanos());
        Conversation c = table.lookup(s);
        if (objects.put(c, 1) != null && c.packets() == 0) {
          renewed++;
        }
        String src = Addresses.endpoint(p.srcAddress(), p.srcPort());
        String dst = Addresses.endpoint(p.dstAddress(), p.dstPort());
        java.util.Set<String> key = java.util.Set.of(c.key().endpoint(0), c.key().endpoint(1));
        assertEquals(java.util.Set.of(src, dst), key, "the key of frame " + f.number + "'s");
        Tracker.roles(c, s);
        Tracker.apply(c, s);
        c.account(s);
        table.touched(c);
      }
    }
    assertEquals(1, renewed, "the closed conversation's object, renewed once it left the queue");
  }

  // the benchmark trace's conversations close and are retired once quiet for the linger time (here
  // none, so that a short trace has many): later ones take their objects
  @Test
  void retiredConversationsAreRenewed(@TempDir Path dir) throws Exception {
    Path trace = dir.resolve("trace.pcapng");
    TraceGenerator.generate(trace, 8L << 20, 3);
    Map<Conversation, Integer> objects = new IdentityHashMap<>();
    FlowTable table =
        new FlowTable(c -> {}, 0, Long.MAX_VALUE, Integer.MAX_VALUE).reuseConversations();
    Frame f = new Frame();
    Packet p = new Packet();
    PacketDecoder d = new PacketDecoder();
    Segment s = new Segment();
    try (Captures.Opened o = Captures.open(trace)) {
      while (o.reader().next(f)) {
        d.decode(f, p);
        s.fill(f, p);
        Conversation c = table.lookup(s);
        objects.merge(c, 1, Integer::sum);
        Tracker.roles(c, s);
        Tracker.apply(c, s);
        c.account(s);
        table.touched(c);
        table.expire(s.timeNanos());
      }
    }
    int streams = table.streamsCreated();
    assertTrue(streams > 1000, streams + " streams");
    assertTrue(
        objects.size() < streams / 2,
        objects.size() + " objects for " + streams + " conversations: retired ones not renewed");
  }
}
