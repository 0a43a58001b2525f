package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tcplint.report.JsonReport;
import org.tcplint.rules.RuleLevels;
import org.tcplint.testing.Packets;
import org.tcplint.testing.PcapWriter;
import org.tcplint.testing.PcapngWriter;

/**
 * A plain file checked on several threads is cut into windows whose first record the decoding
 * threads guess ({@code Speculation}); the report must be that of one thread reading the whole
 * file, whatever the guesses. The captures here make guessing hard: their TCP payloads are other
 * captures (a capture of a capture being copied), so that records appear inside records.
 */
class WindowsTest {
  @TempDir Path dir;

  private static final int SYN = 2;
  private static final int ACK = 16;
  private static final int PSH = 8;
  private static final int FIN = 1;

  /** A capture of many small frames, whose bytes become the payload of another capture. */
  private static byte[] innerPcapng() {
    PcapngWriter w = new PcapngWriter().section(ByteOrder.LITTLE_ENDIAN).iface(1, 65535, -1);
    for (int i = 0; i < 2000; i++) {
      w.epb(0, 1_000_000L * i, Packets.ethernet(Packets.ip("10.0.0.1", "10.0.0.2", 0, syn(i))));
    }
    return w.bytes();
  }

  private static byte[] innerPcap(ByteOrder order, boolean nanos) {
    PcapWriter w = new PcapWriter(order, nanos, 1, 65535);
    for (int i = 0; i < 2000; i++) {
      w.record(
          1_700_000_000L + i, 5, Packets.ethernet(Packets.ip("10.0.0.1", "10.0.0.2", 0, syn(i))));
    }
    return w.bytes();
  }

  private static byte[] syn(int i) {
    return Packets.tcp(40000 + i % 1000, 443, 1000 * i, 0, SYN, 65535, 0, new byte[0], new byte[0]);
  }

  /**
   * One conversation that carries {@code payload} from client to server in segments of 1,000 bytes
   * (a correct handshake, data with its acknowledgments, a four-way close), written by {@code
   * frame} (frame bytes, time in microseconds).
   */
  private static void conversation(byte[] payload, BiConsumer<byte[], Long> frame) {
    String c = "192.0.2.1";
    String s = "198.51.100.7";
    long[] t = {0};
    BiConsumer<Boolean, byte[]> send =
        (fromClient, tcp) ->
            frame.accept(
                Packets.ethernet(Packets.ip(fromClient ? c : s, fromClient ? s : c, 0, tcp)),
                t[0] += 1000);
    int cs = 500;
    int ss = 9000;
    send.accept(true, Packets.tcp(50000, 80, cs, 0, SYN, 65535, 0, new byte[0], new byte[0]));
    send.accept(
        false, Packets.tcp(80, 50000, ss, cs + 1, SYN | ACK, 65535, 0, new byte[0], new byte[0]));
    send.accept(
        true, Packets.tcp(50000, 80, cs + 1, ss + 1, ACK, 65535, 0, new byte[0], new byte[0]));
    int seq = cs + 1;
    for (int off = 0; off < payload.length; off += 1000) {
      byte[] part = Arrays.copyOfRange(payload, off, Math.min(payload.length, off + 1000));
      send.accept(
          true, Packets.tcp(50000, 80, seq, ss + 1, ACK | PSH, 65535, 0, new byte[0], part));
      seq += part.length;
      send.accept(
          false, Packets.tcp(80, 50000, ss + 1, seq, ACK, 65535, 0, new byte[0], new byte[0]));
    }
    send.accept(
        true, Packets.tcp(50000, 80, seq, ss + 1, FIN | ACK, 65535, 0, new byte[0], new byte[0]));
    send.accept(
        false, Packets.tcp(80, 50000, ss + 1, seq + 1, ACK, 65535, 0, new byte[0], new byte[0]));
    send.accept(
        false,
        Packets.tcp(80, 50000, ss + 1, seq + 1, FIN | ACK, 65535, 0, new byte[0], new byte[0]));
    send.accept(
        true, Packets.tcp(50000, 80, seq + 1, ss + 2, ACK, 65535, 0, new byte[0], new byte[0]));
  }

  private static byte[] pcapngOfCapture(byte[] inner) {
    PcapngWriter w = new PcapngWriter().section(ByteOrder.LITTLE_ENDIAN).iface(1, 65535, -1);
    conversation(inner, (frame, micros) -> w.epb(0, micros, frame));
    return w.bytes();
  }

  private static byte[] pcapOfCapture(byte[] inner, ByteOrder order, boolean nanos) {
    PcapWriter w = new PcapWriter(order, nanos, 1, 65535);
    conversation(
        inner,
        (frame, micros) ->
            w.record(
                1_700_000_000L + micros / 1_000_000,
                (micros % 1_000_000) * (nanos ? 1000 : 1),
                frame));
    return w.bytes();
  }

  private Path file(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  /**
   * The JSON report of {@code capture} on 2 and 3 threads, in windows of the given sizes, equals
   * that of one thread; returns how many windows' first records were guessed wrong.
   */
  private static long sameReport(Path capture, int... windows) {
    long windows0 = ChunkedCheck.WINDOWS.sum();
    long wrong = sameReportAnyhow(capture, windows);
    assertTrue(ChunkedCheck.WINDOWS.sum() > windows0, "the file was read in windows");
    return wrong;
  }

  /**
   * As {@link #sameReport}, for a capture that may be damaged before any window; and the ladders of
   * every conversation, read again in chunks of the same sizes decoded on a pool, are those read on
   * one thread.
   */
  private static long sameReportAnyhow(Path capture, int... windows) {
    FileResult one = new Checker(new RuleLevels()).check(capture, "x");
    String expected = JsonReport.fileJson(one);
    long wrong0 = ChunkedCheck.WRONG_GUESSES.sum();
    for (int threads : new int[] {2, 3}) {
      for (int w : windows) {
        FileResult r = ParallelCheckTest.checker(threads, w).check(capture, "x");
        assertEquals(expected, JsonReport.fileJson(r), capture + ", " + threads + " threads, " + w);
        r.release();
      }
    }
    sameLadders(capture, one, windows);
    one.release();
    return ChunkedCheck.WRONG_GUESSES.sum() - wrong0;
  }

  /**
   * Its ladders (at most 40 rows each), of every conversation or of the first only (whose pass ends
   * before any damage further on), read in chunks of {@code chunk} bytes on {@code pool}.
   */
  private static java.util.Map<Integer, LadderTrace> ladders(
      Path capture, FileResult r, boolean firstOnly, int chunk, java.util.concurrent.Executor pool)
      throws IOException {
    java.util.Set<Integer> streams = new java.util.TreeSet<>();
    r.conversations().forEach(c -> streams.add(c.stream()));
    if (firstOnly && !streams.isEmpty()) {
      streams.retainAll(java.util.Set.of(((java.util.TreeSet<Integer>) streams).first()));
    }
    LadderTrace.Source source =
        new LadderTrace.Source() {
          @Override
          public org.tcplint.capture.Captures.Opened open()
              throws IOException, org.tcplint.capture.CaptureFormatException {
            return org.tcplint.capture.Captures.open(capture);
          }

          @Override
          public org.tcplint.capture.Captures.Chunked chunked()
              throws IOException, org.tcplint.capture.CaptureFormatException {
            org.tcplint.capture.Captures.Chunked c =
                org.tcplint.capture.Captures.openChunked(capture, 0, 0, n -> {});
            c.chunker().chunkSize(chunk);
            return c;
          }
        };
    return LadderTrace.of(source, r, streams, LadderTrace.Selection.all(), 40, pool);
  }

  /**
   * The ladders read in chunks are those of one thread, with a pool of two threads, with one that
   * never runs anything (the reading thread decodes every chunk itself) and with one shut down.
   */
  private static void sameLadders(Path capture, FileResult one, int... chunks) {
    try {
      java.util.concurrent.Executor idle =
          org.mockito.Mockito.mock(java.util.concurrent.Executor.class);
      java.util.concurrent.ExecutorService down = Pools.daemon(1);
      down.shutdown();
      for (boolean firstOnly : new boolean[] {false, true}) {
        java.util.Map<Integer, LadderTrace> expected = ladders(capture, one, firstOnly, 0, null);
        for (int chunk : chunks) {
          for (java.util.concurrent.Executor pool :
              new java.util.concurrent.Executor[] {ParallelCheckTest.POOL, idle, down}) {
            assertEquals(
                expected,
                ladders(capture, one, firstOnly, chunk, pool),
                capture + ", chunks of " + chunk + (firstOnly ? ", first conversation" : ""));
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aPcapngCarryingAPcapngGuessesWrongAndStillReportsAsOneThread() throws IOException {
    Path p = file("copy.pcapng", pcapngOfCapture(innerPcapng()));
    long wrong = sameReport(p, 300, 1000, 4096, 20_000);
    assertTrue(wrong > 0, "payloads that look like records are guessed, and read again: " + wrong);
  }

  /**
   * Windows may start at any offset (their size follows the records' mean length): a pcapng's first
   * record is looked for at offsets that are multiples of 4 from the file's start, not from the
   * window's, and found where the chunk before ended.
   */
  @Test
  void windowsThatStartAtAnyOffsetFindTheirFirstRecord() throws IOException {
    Path p = file("syns.pcapng", innerPcapng());
    assertEquals(0, sameReport(p, 1001, 2002, 3333), "windows guessed wrong");
  }

  @ParameterizedTest
  @CsvSource({"BIG_ENDIAN, false", "LITTLE_ENDIAN, false", "LITTLE_ENDIAN, true"})
  void aPcapCarryingAPcapGuessesWrongAndStillReportsAsOneThread(String order, boolean nanos)
      throws IOException {
    ByteOrder o = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    Path p = file("copy.pcap", pcapOfCapture(innerPcap(o, nanos), o, nanos));
    long wrong = sameReport(p, 300, 1000, 4096, 20_000);
    assertTrue(wrong > 0, "payloads that look like records are guessed, and read again: " + wrong);
  }

  /** A new interface and a new section half-way: the windows end there, the chunker goes on. */
  @Test
  void stateChangesEndTheWindows() throws IOException {
    PcapngWriter w = new PcapngWriter().section(ByteOrder.LITTLE_ENDIAN).iface(1, 65535, -1);
    int[] n = {0};
    conversation(
        innerPcapng(),
        (frame, micros) -> {
          int i = n[0]++;
          if (i == 150) {
            w.iface(1, 65535, 9); // interface 1, in nanoseconds
          } else if (i == 250) {
            w.section(ByteOrder.BIG_ENDIAN).iface(1, 65535, -1);
          }
          boolean second = i >= 150 && i < 250;
          w.epb(second ? 1 : 0, second ? micros * 1000 : micros, frame);
        });
    assertTrue(n[0] > 300, "frames: " + n[0]);
    sameReport(file("sections.pcapng", w.bytes()), 300, 4096);
  }

  /** Damage in the middle and a file cut inside its last record. */
  @Test
  void damageAndTruncationAreMetAsByOneThread() throws IOException {
    byte[] good = pcapngOfCapture(innerPcapng());
    byte[] damaged = good.clone();
    damaged[good.length / 2] ^= 0x40;
    damaged[good.length / 2 + 7] ^= 0x11;
    sameReport(file("damaged.pcapng", damaged), 300, 4096);
    sameReport(file("cut.pcapng", Arrays.copyOf(good, good.length - 37)), 300, 4096);
    byte[] pcap =
        pcapOfCapture(innerPcap(ByteOrder.LITTLE_ENDIAN, false), ByteOrder.LITTLE_ENDIAN, false);
    sameReport(file("cut.pcap", Arrays.copyOf(pcap, pcap.length - 5)), 300, 4096);
  }

  /** Random damage anywhere: the same report as one thread, each time. */
  @Test
  void mutatedCapturesReportAsOneThread() throws IOException {
    byte[] good = pcapngOfCapture(innerPcapng());
    byte[] pcap =
        pcapOfCapture(innerPcap(ByteOrder.BIG_ENDIAN, false), ByteOrder.BIG_ENDIAN, false);
    Random random = new Random(19);
    long windows0 = ChunkedCheck.WINDOWS.sum();
    for (int i = 0; i < 40; i++) {
      byte[] m = (i % 2 == 0 ? good : pcap).clone();
      for (int k = 0, flips = 1 + random.nextInt(4); k < flips; k++) {
        m[24 + random.nextInt(m.length - 24)] = (byte) random.nextInt(256);
      }
      sameReportAnyhow(
          file("m" + i + (i % 2 == 0 ? ".pcapng" : ".pcap"), m), 256 + random.nextInt(4096));
    }
    assertTrue(ChunkedCheck.WINDOWS.sum() > windows0 + 40, "windows read");
  }
}
