package org.tcplint.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.testing.Packets;
import org.tcplint.testing.PcapngWriter;

/**
 * A chunk's decoded segments are held until it is checked: a capture of small packets (a SYN flood)
 * is cut into chunks of at most {@link Chunker#MAX_RECORDS} records, and its windows are sized to
 * hold about as many, so that the chunks in flight hold no more segments than those of full-sized
 * packets.
 */
class ChunkerRecordsTest {
  @TempDir Path dir;

  /** 30,000 SYNs of 54 bytes: 90 bytes a record, 2.7 MB, more than one 2 MiB chunk. */
  private static final int SYNS = 30_000;

  private static byte[] flood() {
    PcapngWriter w = new PcapngWriter().section(ByteOrder.LITTLE_ENDIAN).iface(1, 65535, -1);
    for (int i = 0; i < SYNS; i++) {
      byte[] tcp =
          Packets.tcp(1024 + i % 60000, 80, i * 7919, 0, 2, 65535, 0, new byte[0], new byte[0]);
      w.epb(0, 1_000_000L * i, Packets.ethernet(Packets.ip("10.0.0.1", "10.0.0.2", 0, tcp)));
    }
    return w.bytes();
  }

  /** Records in a chunk, read as the check reads them. */
  private static int records(Chunker.Chunk c) throws IOException, CaptureFormatException {
    int n = 0;
    try (CaptureReader r = c.reader()) {
      Frame f = new Frame();
      while (r.next(f)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aStreamOfSmallRecordsIsCutIntoChunksOfAtMostMaxRecords() throws Exception {
    byte[] bytes = flood();
    assertTrue(bytes.length > Chunker.CHUNK, "more than one chunk of bytes");
    List<Integer> counts = new ArrayList<>();
    try (Captures.Chunked c =
        Captures.openChunked(new ByteArrayInputStream(bytes), Long.MAX_VALUE, 0, n -> {})) {
      Chunker.Chunk chunk = new Chunker.Chunk();
      while (c.chunker().next(chunk)) {
        counts.add(records(chunk));
        if (chunk.tail()) {
          break;
        }
      }
    }
    assertEquals(SYNS, counts.stream().mapToInt(Integer::intValue).sum());
    // 2 MiB would hold 23,000 of these records: the first chunk stops at the cap, and the chunks
    // after it are sized for about that many (the last holds the rest).
    // (MAX_RECORDS blocks: the section header and interface description, then packets).
    assertEquals(Chunker.MAX_RECORDS - 2, counts.get(0));
    for (int n : counts) {
      assertTrue(n <= Chunker.MAX_RECORDS, "a chunk of " + n + " records: " + counts);
    }
    assertTrue(counts.size() >= 4, "chunks: " + counts);
  }

  @Test
  void windowsAreSizedToTheRecordsOfTheChunksBefore() throws Exception {
    Path file = dir.resolve("flood.pcapng");
    Files.write(file, flood());
    int windows = 0;
    int total = 0;
    try (Captures.Chunked c = Captures.openChunked(file, Long.MAX_VALUE, 0, n -> {})) {
      Chunker chunker = c.chunker();
      Chunker.Chunk chunk = new Chunker.Chunk();
      assertTrue(chunker.next(chunk));
      int first = records(chunk);
      total += first;
      assertEquals(Chunker.MAX_RECORDS - 2, first); // after the section's two header blocks
      chunker.recordsIn(chunk.end() - chunk.start(), first);
      long from = chunk.end();
      assertTrue(chunker.windows(), "a plain file is read in windows after its first chunk");
      while (chunker.window(chunk)) {
        chunk.fill();
        assertTrue(chunk.found());
        int n = records(chunk);
        // The window's bytes hold about MAX_RECORDS records of the mean length seen, give or take
        // the record that starts in the window and ends after it.
        assertTrue(n <= Chunker.MAX_RECORDS + 1, "a window of " + n + " records");
        assertEquals(from, chunk.start(), "window " + windows + " starts where the last ended");
        from = chunk.end();
        total += n;
        windows++;
      }
    }
    assertEquals(SYNS, total);
    assertTrue(windows >= 3, "windows: " + windows);
  }
}
