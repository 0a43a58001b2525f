package org.tcplint.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tcplint.testing.Packets;
import org.tcplint.testing.PcapWriter;

/** Big files are read through mapped regions; the bytes must be those of a plain stream. */
class MappedFileInputTest {
  @TempDir Path dir;

  private Path randomFile(int size) throws IOException {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    Path p = dir.resolve("f" + size);
    Files.write(p, b);
    return p;
  }

  private static byte[] readInChunks(InputStream in, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] b = new byte[chunk];
    for (int r; (r = in.read(b, 0, chunk)) >= 0; ) {
      out.write(b, 0, r);
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 13, 4096, 4103, 10_000, 300_000})
  void readsEveryByteAcrossRegionEnds(int chunk) throws IOException {
    Path p = randomFile(100_003);
    try (InputStream in = new MappedFileInput(p, 4103)) { // odd region size: reads straddle ends
      assertArrayEquals(Files.readAllBytes(p), readInChunks(in, chunk));
      assertEquals(-1, in.read());
      assertEquals(0, in.available());
    }
  }

  @Test
  void singleBytesSkipsAndAvailable() throws IOException {
    Path p = randomFile(20_000);
    byte[] all = Files.readAllBytes(p);
    try (InputStream in = new MappedFileInput(p, 1000)) {
      assertEquals(20_000, in.available());
      assertEquals(all[0] & 0xFF, in.read());
      assertEquals(10, in.skip(10)); // within the region
      assertEquals(all[11] & 0xFF, in.read());
      assertEquals(5_000, in.skip(5_000)); // beyond it
      assertEquals(all[5_012] & 0xFF, in.read());
      assertEquals(20_000 - 5_013, in.available());
      byte[] rest = in.readAllBytes();
      assertArrayEquals(java.util.Arrays.copyOfRange(all, 5_013, 20_000), rest);
      assertEquals(0, in.skip(1));
    }
  }

  @Test
  void emptyFileEndsAtOnceAndClosedStreamRefuses() throws IOException {
    Path p = dir.resolve("empty");
    Files.write(p, new byte[0]);
    InputStream in = new MappedFileInput(p);
    assertEquals(-1, in.read(new byte[8], 0, 8));
    in.close();
    assertThrows(IOException.class, () -> in.read(new byte[8], 0, 8));
    in.close(); // twice is harmless
  }

  @Test
  void fileCutShortEndsWhereItWasCut() throws IOException {
    Path p = randomFile(1 << 20);
    byte[] all = Files.readAllBytes(p);
    try (InputStream in = new MappedFileInput(p, 1 << 20)) {
      byte[] first = in.readNBytes(4096);
      try (java.nio.channels.FileChannel ch =
          java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.WRITE)) {
        ch.truncate(10_000);
      }
      byte[] rest = in.readAllBytes(); // a fault here would be an InternalError
      assertArrayEquals(java.util.Arrays.copyOf(all, 4096), first);
      assertArrayEquals(java.util.Arrays.copyOfRange(all, 4096, 10_000), rest);
      assertEquals(-1, in.read());
    }
  }

  @Test
  void bigCaptureReadsLikeAStream() throws Exception {
    byte[] pkt = Packets.ethernet(Packets.synIpv4(500));
    PcapWriter w = new PcapWriter(ByteOrder.LITTLE_ENDIAN, false, 1, 65535);
    int records = (int) (Captures.MAPPED_FROM / (16 + pkt.length)) + 1_000;
    for (int i = 0; i < records; i++) {
      w.record(i, 0, pkt);
    }
    byte[] file = w.bytes();
    Path p = dir.resolve("big.pcap");
    Files.write(p, file);
    assertEquals(true, Files.size(p) >= Captures.MAPPED_FROM);
    long mapped;
    long streamed;
    Frame f = new Frame();
    long lastTs = -1;
    try (Captures.Opened o = Captures.open(p)) {
      long n = 0;
      while (o.reader().next(f)) {
        n++;
        lastTs = f.tsSeconds;
      }
      mapped = n;
    }
    try (Captures.Opened o = Captures.open(new ByteArrayInputStream(file))) {
      long n = 0;
      while (o.reader().next(f)) {
        n++;
      }
      streamed = n;
    }
    assertEquals(records, mapped);
    assertEquals(streamed, mapped);
    assertEquals(records - 1, lastTs);
  }
}
