package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.capture.Captures;
import org.tcplint.cli.Times;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleLevels;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Damaged or hostile compressed captures end in a {@code capture.malformed} finding that names the
 * compression, the decompressor's reason, the last good frame and the offset in the compressed
 * file; nothing escapes as an internal error. Inputs are built here from a shipped capture.
 */
class DamagedCompressionTest {
  private static final Path CAPTURE = Path.of("testdata/clean-http.pcapng");

  private static byte[] capture() throws IOException {
    return Files.readAllBytes(CAPTURE);
  }

  private static FileResult check(byte[] bytes) {
    return new Checker(new RuleLevels())
        .check(() -> Captures.open(new ByteArrayInputStream(bytes)), "damaged");
  }

  private static Finding malformed(FileResult r) {
    return r.findings().stream()
        .filter(f -> f.rule().equals("capture.malformed"))
        .findFirst()
        .orElse(null);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      g.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] zstd(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdOutputStream z = new ZstdOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] xz(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XZOutputStream x = new XZOutputStream(out, new LZMA2Options())) {
      x.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void zstdWithTrailingGarbageIsAMalformedCaptureWithItsOffset(@TempDir Path dir)
      throws IOException {
    Path big = dir.resolve("big.pcapng");
    org.tcplint.bench.TraceGenerator.generate(big, 1 << 20, 7);
    byte[] data = Files.readAllBytes(big);
    long frames = new Checker(new RuleLevels()).check(data, "plain").packets();
    byte[] good = zstd(data);
    byte[] bad = Arrays.copyOf(good, good.length + 8);
    Arrays.fill(bad, good.length, bad.length, (byte) 0x5A);
    FileResult r = check(bad);
    Finding f = malformed(r);
    assertNotNull(f, r.findings().toString());
    assertTrue(f.message().startsWith("zstd data damaged: "), f.message());
    assertTrue(f.offset() >= good.length && f.offset() <= bad.length, f.toString());
    assertTrue(r.error() != null, "the file is reported as unreadable (exit 3)");
    // The frames the decompressor delivered before it met the garbage are checked; those of its
    // last call are lost with it.
    assertTrue(r.packets() > frames / 2, r.packets() + " of " + frames + " frames checked");
    assertTrue(f.message().contains("last good frame " + r.packets()), f.message());
  }

  @Test
  void zstdWithAFlippedByteIsAMalformedCapture() throws IOException {
    byte[] bad = zstd(capture());
    bad[bad.length / 2] ^= (byte) 0xFF;
    Finding f = malformed(check(bad));
    assertNotNull(f);
    assertTrue(f.message().startsWith("zstd data damaged: "), f.message());
  }

  @Test
  void gzipWithoutItsTrailerNamesTheReasonAndTheLastGoodFrame() throws IOException {
    byte[] good = gzip(capture());
    byte[] bad = Arrays.copyOf(good, good.length - 8);
    FileResult r = check(bad);
    Finding f = malformed(r);
    assertNotNull(f, r.findings().toString());
    assertTrue(
        f.message().contains("gzip data damaged: the compressed data ends early"), f.message());
    assertTrue(f.message().contains("last good frame"), f.message());
    assertEquals((long) bad.length, f.offset());
  }

  @Test
  void xzWithTrailingGarbageIsAMalformedCapture() throws IOException {
    byte[] good = xz(capture());
    byte[] bad = Arrays.copyOf(good, good.length + 12);
    Arrays.fill(bad, good.length, bad.length, (byte) 1);
    Finding f = malformed(check(bad));
    assertNotNull(f);
    assertTrue(f.message().startsWith("xz data damaged: "), f.message());
  }

  /**
   * An xz block header whose LZMA2 dictionary says 1.5 GiB (code 37): refused by the memory limit
   * before anything is allocated.
   */
  @Test
  void xzAskingForAHugeDictionaryIsRefused() throws IOException {
    byte[] bad = xz(capture());
    int header = 12; // after the stream header
    int size = ((bad[header] & 0xFF) + 1) * 4;
    int at = -1;
    for (int i = header + 2; i + 2 < header + size; i++) {
      if (bad[i] == 0x21 && bad[i + 1] == 0x01) {
        at = i + 2;
        break;
      }
    }
    assertTrue(at > 0, "LZMA2 filter flags found");
    bad[at] = 37;
    CRC32 crc = new CRC32();
    crc.update(bad, header, size - 4);
    long v = crc.getValue();
    for (int k = 0; k < 4; k++) {
      bad[header + size - 4 + k] = (byte) (v >>> (8 * k));
    }
    FileResult r = check(bad);
    Finding f = malformed(r);
    assertNotNull(f, r.findings().toString());
    assertTrue(f.message().startsWith("xz data damaged: "), f.message());
    assertTrue(f.message().contains("MemoryLimit"), f.message());
  }

  /** RFC 1952 §2.2: members follow one another; a pipe may deliver the second one later. */
  @Test
  void everyGzipMemberIsReadWhenThePipeDeliversThemApart() throws Exception {
    byte[] data = capture();
    byte[] first = gzip(Arrays.copyOf(data, data.length / 2));
    byte[] second = gzip(Arrays.copyOfRange(data, data.length / 2, data.length));
    PipedInputStream in = new PipedInputStream(1 << 16);
    PipedOutputStream out = new PipedOutputStream(in);
    Thread writer =
        new Thread(
            () -> {
              try (out) {
                out.write(first);
                out.flush();
                Thread.sleep(200);
                out.write(second);
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    writer.start();
    FileResult r = new Checker(new RuleLevels()).check(() -> Captures.open(in), "pipe");
    writer.join();
    assertEquals(11, r.packets());
    assertEquals(null, r.error());
  }

  @Test
  void aTimeBeyondTheCalendarIsShownRaw() {
    assertEquals(
        "9223372036854775807.000000005 s since 1970 (beyond the calendar)",
        Times.iso(Long.MAX_VALUE, 5));
    assertEquals("1970-01-01T00:00:01.000000002Z", Times.iso(1, 2));
  }
}
