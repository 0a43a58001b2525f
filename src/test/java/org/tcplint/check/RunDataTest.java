package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Spill-run fields read back exactly as written, strings shared or not. */
class RunDataTest {
  private static RunData.In roundTrip(List<String> strings) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (RunData.Out out = new RunData.Out(bytes)) {
      for (String s : strings) {
        out.beginRecord();
        out.writeString(s);
        out.endRecord();
      }
      out.endRun();
    }
    return new RunData.In(new ByteArrayInputStream(bytes.toByteArray()));
  }

  @Test
  void stringsComeBackEqualWhateverTheirLengthAndCharacters() throws IOException {
    Random r = new Random(3);
    List<String> strings = new ArrayList<>();
    strings.add("");
    strings.add(null);
    strings.add("close.graceful-3way");
    strings.add("x".repeat(40)); // the longest looked up among recent strings
    strings.add("y".repeat(41));
    strings.add("z".repeat(70_000)); // longer than the read buffer
    strings.add("caf\u00e9 \u2028 \ud83d\ude00"); // not ASCII: UTF-8
    for (int i = 0; i < 20_000; i++) {
      // many distinct short strings of equal length: slots are shared and overwritten
      strings.add(String.format("10.%d.%d.%d:%d", r.nextInt(4), r.nextInt(256), r.nextInt(256), i));
      strings.add(i % 3 == 0 ? "SF" : i % 3 == 1 ? "S0" : "RSTO");
      strings.add(Integer.toString(r.nextInt(1_000_000), 36));
    }
    try (RunData.In in = roundTrip(strings)) {
      for (String expected : strings) {
        assertTrue(in.nextRecord());
        assertEquals(expected, in.readString());
        assertThrows(EOFException.class, in::readByte, "nothing more in this record");
      }
      assertFalse(in.nextRecord());
    }
  }

  @Test
  void aRepeatedShortStringIsOneObject() throws IOException {
    try (RunData.In in = roundTrip(List.of("SF", "ShADadFf", "SF", "ShADadFf"))) {
      in.nextRecord();
      String a = in.readString();
      in.nextRecord();
      String b = in.readString();
      in.nextRecord();
      assertSame(a, in.readString());
      in.nextRecord();
      assertSame(b, in.readString());
    }
  }

  @Test
  void nullStaysNull() throws IOException {
    List<String> strings = new ArrayList<>();
    strings.add(null);
    try (RunData.In in = roundTrip(strings)) {
      assertTrue(in.nextRecord());
      assertNull(in.readString());
    }
  }

  @Test
  void aRunCutShortIsAnEndOfFile() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (RunData.Out out = new RunData.Out(bytes)) {
      out.beginRecord();
      out.writeString("a record of some length");
      out.writeLong(42);
      out.endRecord();
      out.endRun();
    }
    byte[] all = bytes.toByteArray();
    try (RunData.In in =
        new RunData.In(new ByteArrayInputStream(java.util.Arrays.copyOf(all, all.length - 10)))) {
      assertThrows(EOFException.class, in::nextRecord);
    }
  }
}
