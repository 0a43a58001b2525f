package org.tcplint.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.decode.LinkType;
import org.tcplint.testing.PcapWriter;

/**
 * The read window of a capture file: small for the small files of an archive (one array per file),
 * large for big ones; a record longer than the window is read whole all the same.
 */
class ReadWindowTest {
  @TempDir Path dir;

  @Test
  void smallFilesGetTheSmallWindowAndBigOnesTheLargeOne() {
    assertEquals(64 << 10, Captures.window(0));
    assertEquals(64 << 10, Captures.window(3_000)); // testdata's captures
    assertEquals(128 << 10, Captures.window(100_000)); // twice 65,536
    assertEquals(Captures.SMALL_WINDOW, Captures.window(1_000_000)); // an archive's 1 MB file
    assertEquals(Captures.SMALL_WINDOW, Captures.window(Captures.SMALL_FILE - 1));
    assertEquals(Captures.LARGE_WINDOW, Captures.window(Captures.SMALL_FILE));
    assertEquals(Captures.LARGE_WINDOW, Captures.window(1L << 30));
    assertEquals(128 << 10, Captures.SMALL_WINDOW);
    assertEquals(1 << 20, Captures.LARGE_WINDOW);
  }

  @Test
  void recordsLongerThanTheSmallWindowAreReadWhole() throws Exception {
    // A 1 MB file (small window) whose records straddle the window's end, one of them 200,000
    // bytes, longer than the window itself.
    Random random = new Random(7);
    int[] lengths = {60, 70_000, 200_000, 90, 130_000, 1_500};
    PcapWriter w = new PcapWriter(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 262_144);
    List<byte[]> records = new ArrayList<>();
    long written = 24;
    int i = 0;
    while (written < 1_000_000) {
      byte[] data = new byte[lengths[i++ % lengths.length]];
      random.nextBytes(data);
      records.add(data);
      w.record(1_000 + records.size(), 0, data);
      written += 16 + data.length;
    }
    Path file = dir.resolve("straddling.pcap");
    Files.write(file, w.bytes());
    assertEquals(Captures.SMALL_WINDOW, Captures.window(Files.size(file)));

    try (Captures.Opened o = Captures.open(file)) {
      Frame f = new Frame();
      long offset = 24;
      int n = 0;
      while (o.reader().next(f)) {
        byte[] expected = records.get(n);
        assertEquals(n + 1, f.number);
        assertEquals(offset, f.fileOffset, "frame " + f.number);
        assertEquals(1_000 + n + 1, f.tsSeconds);
        assertArrayEquals(
            expected,
            java.util.Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen),
            "frame " + f.number);
        offset += 16 + expected.length;
        n++;
      }
      assertEquals(records.size(), n);
    }
  }
}
