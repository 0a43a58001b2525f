package org.tcplint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The speed-up predictions the benchmark prints, against values worked out by hand. */
class SerialFractionTest {
  @Test
  void amdahlOnTheSerialFractionAlone() {
    // 1 / (0.05 + 0.95 / 16) = 1 / 0.109375
    assertEquals(9.142857, SerialFraction.amdahl(0.05, 16), 1e-6);
    assertEquals(1.0, SerialFraction.amdahl(1.0, 64), 1e-12);
    assertEquals(64.0, SerialFraction.amdahl(0.0, 64), 1e-9);
  }

  @Test
  void addedWorkLowersThePrediction() {
    // A 1.2 s one-thread check, 0.06 s of it serial; the two-thread check used 1.3 times the CPU
    // time: 1.2 / (0.06 + 1.14 * 1.3 / 16) = 1.2 / 0.152625
    assertEquals(7.862408, SerialFraction.withAddedWork(1.2, 0.06, 1.3, 16), 1e-6);
    // Without added work, the same as Amdahl's law on the serial fraction.
    assertEquals(
        SerialFraction.amdahl(0.06 / 1.2, 16),
        SerialFraction.withAddedWork(1.2, 0.06, 1.0, 16),
        1e-9);
    // All serial: no speed-up, however much work is added.
    assertEquals(1.0, SerialFraction.withAddedWork(1.2, 1.2, 2.0, 64), 1e-9);
  }
}
