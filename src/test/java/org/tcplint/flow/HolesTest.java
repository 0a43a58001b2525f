package org.tcplint.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The holes of one direction: bytes that arrive, acknowledgments that pass them, wrap-around. */
class HolesTest {
  private static String show(Holes h) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < h.count(); i++) {
      sb.append('[')
          .append(Integer.toUnsignedLong(h.start(i)))
          .append(',')
          .append(Integer.toUnsignedLong(h.end(i)))
          .append(')');
    }
    return sb.toString();
  }

  @Test
  void bytesThatArriveFillTheHoleInPieces() {
    Holes h = new Holes();
    h.open(100, 200);
    assertEquals(0, h.fill(50, 100), "bytes before the hole were captured before");
    assertEquals(10, h.fill(100, 110));
    assertEquals("[110,200)", show(h));
    assertEquals(20, h.fill(150, 170), "a piece from the middle splits the hole");
    assertEquals("[110,150)[170,200)", show(h));
    assertEquals(70, h.missingBytes());
    assertEquals(70, h.fill(0, 300));
    assertEquals(0, h.count());
  }

  @Test
  void anAcknowledgmentClosesTheHolesBelowIt() {
    Holes h = new Holes();
    h.open(100, 200);
    h.open(300, 400);
    assertEquals(1, h.acknowledged(150), "cuts the first hole");
    assertEquals("[150,200)[300,400)", show(h));
    assertEquals(2, h.acknowledged(350));
    assertEquals("[350,400)", show(h));
    assertEquals(0, h.acknowledged(350), "the same ack again closes nothing");
    assertTrue(h.overlaps(300, 360));
    assertFalse(h.overlaps(300, 350));
  }

  @Test
  void sequenceNumbersWrapAround() {
    Holes h = new Holes();
    int start = 0xFFFFFFF0; // 16 bytes below 2^32
    h.open(start, 0x10);
    assertEquals(32, h.missingBytes());
    assertEquals(8, h.fill(0xFFFFFFF8, 0));
    assertEquals("[4294967280,4294967288)[0,16)", show(h));
    assertEquals(2, h.acknowledged(0x08));
    assertEquals("[8,16)", show(h));
  }

  @Test
  void atMostMaxHolesAreKeptTheLowestAreForgotten() {
    Holes h = new Holes();
    for (int i = 0; i < Holes.MAX + 3; i++) {
      h.open(1000 * i, 1000 * i + 10);
    }
    assertEquals(Holes.MAX, h.count());
    assertEquals(3, h.forgotten);
    assertEquals(3000, h.start(0));
    h.fill(3002, 3004); // no room to split: the lower piece is forgotten
    assertEquals(4, h.forgotten);
    assertEquals(3004, h.start(0));
  }
}
