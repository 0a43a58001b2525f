package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleLevels;
import org.tcplint.rules.Settings;

/**
 * The limits a hostile capture meets: the expansion limit of compressed captures and the cap on
 * findings kept per file. Inputs are built here.
 */
class LimitsTest {

  /** A pcap (Ethernet) of {@code frames} frames of {@code size} zero bytes each. */
  static byte[] zeros(int frames, int size) {
    ByteBuffer b = ByteBuffer.allocate(24 + frames * (16 + size)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    b.putInt(65535).putInt(1);
    for (int i = 0; i < frames; i++) {
      b.putInt(1).putInt(i).putInt(size).putInt(size);
      b.position(b.position() + size);
    }
    return b.array();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      g.write(data);
    }
    return out.toByteArray();
  }

  private static Finding first(FileResult r, String rule) {
    return r.findings().stream().filter(f -> f.rule().equals(rule)).findFirst().orElse(null);
  }

  @Test
  void aCaptureExpandingBeyondTheLimitEndsWithAMalformedFindingNamingTheLimit(@TempDir Path dir)
      throws IOException {
    byte[] plain = zeros(4000, 1000); // 4 MB of almost only zeros: a ratio of several hundred
    byte[] packed = gzip(plain);
    assertTrue(plain.length / packed.length > 50, "ratio " + plain.length / packed.length);
    Path file = dir.resolve("bomb.pcap.gz");
    Files.write(file, packed);
    Settings tight = Settings.DEFAULTS.withMaxExpansion(10);

    FileResult r =
        new Checker(new RuleLevels(), tight).expansionFloor(1 << 20).check(file, "bomb.pcap.gz");
    Finding f = first(r, "capture.malformed");
    assertNotNull(f, "expected capture.malformed, got " + r.findings());
    assertTrue(f.message().contains("expansion limit"), f.message());
    assertTrue(f.message().contains("10 to 1"), f.message());
    assertTrue(f.message().contains("defaults.maxExpansion"), f.message());
    assertTrue(f.message().matches("(?s).*\\b\\d{7,} bytes decompressed.*"), f.message());
    assertNotNull(f.frameOffset());
    assertTrue(
        f.frameOffset() > 0 && f.frameOffset() <= packed.length, "offset " + f.frameOffset());
    assertTrue(r.packets() > 0 && r.packets() < 4000, "packets " + r.packets());

    // Below the floor the same file is read in full: a small file with an extreme ratio passes.
    FileResult small = new Checker(new RuleLevels(), tight).check(file, "bomb.pcap.gz");
    assertNull(first(small, "capture.malformed"), small.findings().toString());
    assertEquals(4000, small.packets());

    // And with a limit above the ratio, whatever the floor.
    FileResult loose =
        new Checker(new RuleLevels(), Settings.DEFAULTS.withMaxExpansion(1_000_000))
            .expansionFloor(1 << 20)
            .check(file, "x");
    assertNull(first(loose, "capture.malformed"), loose.findings().toString());
    assertEquals(4000, loose.packets());
  }
}
