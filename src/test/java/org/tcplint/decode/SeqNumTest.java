package org.tcplint.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sequence-number comparisons modulo 2^32 (RFC 9293 §3.4). */
class SeqNumTest {
  @Test
  void ordinaryOrder() {
    assertTrue(SeqNum.lt(100, 200));
    assertTrue(SeqNum.leq(100, 200));
    assertFalse(SeqNum.gt(100, 200));
    assertFalse(SeqNum.geq(100, 200));
    assertTrue(SeqNum.gt(200, 100));
    assertEquals(-100, SeqNum.diff(100, 200));
  }

  @Test
  void equalNumbers() {
    int x = 0xDEADBEEF;
    assertFalse(SeqNum.lt(x, x));
    assertTrue(SeqNum.leq(x, x));
    assertFalse(SeqNum.gt(x, x));
    assertTrue(SeqNum.geq(x, x));
    assertEquals(0, SeqNum.diff(x, x));
  }

  @Test
  void acrossTheWrap() {
    int before = 0xFFFFFFF0; // 4294967280
    int after = 0x00000010; // 16, 32 bytes later
    assertTrue(SeqNum.lt(before, after));
    assertTrue(SeqNum.leq(before, after));
    assertTrue(SeqNum.gt(after, before));
    assertTrue(SeqNum.geq(after, before));
    assertFalse(SeqNum.gt(before, after));
    assertEquals(32, SeqNum.diff(after, before));
    assertEquals(-32, SeqNum.diff(before, after));
    assertTrue(SeqNum.lt(0xFFFFFFFF, 0));
    assertEquals(1, SeqNum.diff(0, 0xFFFFFFFF));
  }

  @Test
  void acrossTheSignBoundary() {
    // 0x7FFFFFFF -> 0x80000000 is one step forward, not a wrap.
    assertTrue(SeqNum.lt(0x7FFFFFFF, 0x80000000));
    assertEquals(1, SeqNum.diff(0x80000000, 0x7FFFFFFF));
  }

  @Test
  void largestForwardDistance() {
    // 2^31 - 1 ahead is still ahead.
    assertTrue(SeqNum.gt(0x7FFFFFFF, 0));
    assertTrue(SeqNum.lt(0, 0x7FFFFFFF));
    assertTrue(SeqNum.gt(0x0000000F, 0x80000010));
  }

  @Test
  void unsignedValue() {
    assertEquals(4294967295L, SeqNum.unsigned(-1));
    assertEquals(2147483648L, SeqNum.unsigned(0x80000000));
    assertEquals(0L, SeqNum.unsigned(0));
  }

  @Test
  void relative() {
    assertEquals(0L, SeqNum.relative(5000, 5000));
    assertEquals(1L, SeqNum.relative(5001, 5000));
    // ISN just below the wrap: byte 7 after it is past zero.
    assertEquals(7L, SeqNum.relative(5, 0xFFFFFFFE));
    // A number before the base is shown as a large unsigned distance, as Wireshark does.
    assertEquals(4294967295L, SeqNum.relative(4999, 5000));
    assertEquals(0x80000000L, SeqNum.relative(0x80000000, 0));
  }
}
