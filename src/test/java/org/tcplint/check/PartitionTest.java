package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A segment's partition is its 4-tuple hash's unsigned remainder by the number of partitions,
 * whether that number is a power of two (low bits) or not (a division): the same partition for the
 * same hash, so reports do not depend on which of the two computed it.
 */
class PartitionTest {
  @Test
  void lowBitsOfAPowerOfTwoAreTheUnsignedRemainder() {
    // 2^64 - 1 = 32 * (2^59 - 1) + 31; -32 = 2^64 - 32, a multiple of 32.
    assertEquals(31, FileCheck.part(-1L, 32));
    assertEquals(0, FileCheck.part(-32L, 32));
    assertEquals(0, FileCheck.part(Long.MIN_VALUE, 32)); // 2^63
    assertEquals(7, FileCheck.part(Long.MAX_VALUE, 8)); // 2^63 - 1
    assertEquals(5, FileCheck.part(37L, 32));
    assertEquals(0, FileCheck.part(12345L, 1));
  }

  @Test
  void otherCountsDivide() {
    // 2^64 - 1 = 3 * 6148914691236517205: remainder 0; 2^63 = 5 * 1844674407370955161 + 3.
    assertEquals(0, FileCheck.part(-1L, 3));
    assertEquals(3, FileCheck.part(Long.MIN_VALUE, 5));
    assertEquals(2, FileCheck.part(37L, 5));
  }

  @Test
  void anyHashAndCountAgreeWithTheUnsignedRemainder() {
    SplittableRandom rnd = new SplittableRandom(19);
    int[] counts = {1, 2, 3, 4, 5, 7, 8, 16, 24, 31, 32, 64};
    for (int i = 0; i < 100_000; i++) {
      long hash = rnd.nextLong();
      int n = counts[i % counts.length];
      assertEquals(
          (int) Long.remainderUnsigned(hash, n), FileCheck.part(hash, n), hash + " % " + n);
    }
  }
}
