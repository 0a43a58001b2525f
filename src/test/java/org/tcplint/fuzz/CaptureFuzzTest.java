package org.tcplint.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.tcplint.capture.CaptureFormatException;
import org.tcplint.capture.Captures;
import org.tcplint.capture.DecompressionException;
import org.tcplint.capture.Frame;

/**
 * Fuzz targets for the capture readers and the decompression front end. Each reads a capture held
 * in memory to its end. The only accepted outcomes are frames, a {@link CaptureFormatException}
 * (capture.malformed / capture.truncated) and a {@link DecompressionException}; any other
 * exception, an {@link Error} or a hang fails the target. README, Fuzzing.
 */
class CaptureFuzzTest {
  private static final byte[] PCAPNG_MAGIC = {0x0A, 0x0D, 0x0D, 0x0A};
  private static final byte[][] PCAP_MAGICS = {
    {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1},
    {(byte) 0xA1, (byte) 0xB2, (byte) 0xC3, (byte) 0xD4},
    {0x4D, 0x3C, (byte) 0xB2, (byte) 0xA1},
    {(byte) 0xA1, (byte) 0xB2, 0x3C, 0x4D},
  };

  /** The pcapng reader: the input always starts with a Section Header Block type. */
  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
  void pcapng(byte[] input) {
    readAll(withMagic(input, PCAPNG_MAGIC));
  }

  /** The pcap reader: the input always starts with one of the four pcap magics. */
  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
  void pcap(byte[] input) {
    byte[] magic = PCAP_MAGICS[input.length == 0 ? 0 : (input[input.length - 1] & 3)];
    readAll(withMagic(input, magic));
  }

  /** The front end on arbitrary bytes: sniffs gzip, xz and zstd, then the container format. */
  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
  void compressed(byte[] input) {
    readAll(input);
  }

  private static byte[] withMagic(byte[] input, byte[] magic) {
    byte[] b = input.clone();
    System.arraycopy(magic, 0, b, 0, Math.min(4, b.length));
    return b;
  }

  private static void readAll(byte[] capture) {
    try (Captures.Opened o = Captures.open(new ByteArrayInputStream(capture))) {
      assertNotNull(o.format());
      Frame f = new Frame();
      long last = 0;
      while (o.reader().next(f)) {
        assertTrue(f.number == last + 1, "frame numbers count up by one");
        last = f.number;
        assertTrue(f.capLen >= 0 && f.offset >= 0 && f.offset + f.capLen <= f.data.length);
        assertTrue(!f.hasTimestamp || (f.tsNanos >= 0 && f.tsNanos < 1_000_000_000));
      }
    } catch (CaptureFormatException | DecompressionException e) {
      // documented: capture.malformed / capture.truncated
      assertNotNull(e.getMessage());
    } catch (IOException e) {
      throw new AssertionError("undocumented I/O error on an in-memory capture", e);
    }
  }
}
