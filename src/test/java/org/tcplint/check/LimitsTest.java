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

  /**
   * A pcap of {@code n} Ethernet/IPv4/TCP frames with SYN and FIN set, each from its own source
   * port: every frame gives findings.
   */
  static byte[] synFins(int n) {
    int frame = 14 + 20 + 20;
    ByteBuffer b = ByteBuffer.allocate(24 + n * (16 + frame));
    b.order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    b.putInt(65535).putInt(1);
    for (int i = 0; i < n; i++) {
      b.order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(1).putInt(i * 1000).putInt(frame).putInt(frame);
      b.order(ByteOrder.BIG_ENDIAN);
      b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
      int ip = b.position();
      b.put((byte) 0x45).put((byte) 0).putShort((short) 40).putShort((short) i).putShort((short) 0);
      b.put((byte) 64).put((byte) 6).putShort((short) 0);
      b.put(new byte[] {10, 0, 0, 1, 10, 0, 0, 2});
      int sum = 0;
      for (int k = 0; k < 20; k += 2) {
        sum += b.getShort(ip + k) & 0xFFFF;
      }
      sum = (sum & 0xFFFF) + (sum >>> 16);
      sum = (sum & 0xFFFF) + (sum >>> 16);
      b.putShort(ip + 10, (short) ~sum);
      b.putShort((short) (10_000 + i)).putShort((short) 80).putInt(1000 * i).putInt(0);
      b.put((byte) 0x50).put((byte) 0x03).putShort((short) 8192).putShort((short) 0x1234);
      b.putShort((short) 0);
    }
    return b.array();
  }

  @Test
  void findingsBeyondTheCapAreCountedBySeverityAndSummarisedOnce() {
    byte[] capture = synFins(40);
    FileResult all = new Checker(new RuleLevels()).check(capture, "syn-fin.pcap");
    long total = all.findings().size();
    assertTrue(total > 40, "findings " + total);
    assertNull(first(all, "capture.findings-capped"));

    for (int shards : new int[] {1, 3}) {
      FileResult capped =
          new Checker(new RuleLevels(), Settings.DEFAULTS.withMaxFindingsPerFile(5))
              .check(capture, "syn-fin.pcap");
      if (shards > 1) {
        capped =
            ParallelCheckTest.checker(
                    Settings.DEFAULTS.withMaxFindingsPerFile(5), shards, 256, Checker.SPILL_AFTER)
                .check(capture, "syn-fin.pcap");
      }
      Finding summary = first(capped, "capture.findings-capped");
      assertNotNull(summary, capped.findings().toString());
      assertEquals(org.tcplint.rules.Severity.WARNING, summary.severity());
      assertEquals(6, capped.findings().size(), capped.findings().toString());
      long errors = all.severityCounts()[org.tcplint.rules.Severity.ERROR.ordinal()];
      assertTrue(
          summary.message().contains("more than 5 findings in this file"), summary.message());
      assertTrue(summary.message().contains("defaults.maxFindingsPerFile"), summary.message());
      assertTrue(
          summary.message().contains(": " + (total - 5) + " further findings were counted"),
          summary.message());
      long keptErrors =
          capped.findings().stream()
              .filter(f -> f.severity() == org.tcplint.rules.Severity.ERROR)
              .count();
      assertTrue(summary.message().contains((errors - keptErrors) + " error"), summary.message());
    }
  }

  // minor item of issue 18: an unwritable or missing TMPDIR keeps the results in memory
  @Test
  void aCheckWithoutATemporaryDirectoryKeepsEveryFindingInMemory(@TempDir Path tmp) {
    byte[] capture = synFins(60);
    FileResult expected = new Checker(new RuleLevels()).check(capture, "syn-fin.pcap");
    java.util.List<String> told = new java.util.ArrayList<>();
    SpillList.tellTo(told::add);
    SpillList.directory = tmp.resolve("no-such-tmpdir");
    try {
      FileResult r = new Checker(new RuleLevels()).spillAfter(2).check(capture, "syn-fin.pcap");
      assertEquals(expected.findings(), new java.util.ArrayList<>(r.findings()));
      assertEquals(expected.conversations(), new java.util.ArrayList<>(r.conversations()));
      assertEquals(0, ((MergedList<Finding>) r.findings()).runs());
    } finally {
      SpillList.directory = null;
      SpillList.tellTo(m -> {});
    }
    assertEquals(1, told.size(), told.toString());
    assertTrue(told.get(0).contains("no-such-tmpdir (no such directory)"), told.get(0));
  }

  // a full disk while a check spills its results: every finding and conversation is still reported
  @Test
  void aCheckOnAFullDiskKeepsEveryFindingInMemory(@TempDir Path tmp) {
    byte[] capture = synFins(60);
    FileResult expected = new Checker(new RuleLevels()).check(capture, "syn-fin.pcap");
    java.util.List<String> told = new java.util.ArrayList<>();
    SpillList.tellTo(told::add);
    SpillList.directory = tmp;
    SpillListTest.diskOf(200);
    try {
      FileResult r = new Checker(new RuleLevels()).spillAfter(2).check(capture, "syn-fin.pcap");
      assertEquals(expected.error(), r.error());
      assertEquals(expected.findings(), new java.util.ArrayList<>(r.findings()));
      assertEquals(expected.conversations(), new java.util.ArrayList<>(r.conversations()));
    } finally {
      SpillList.directory = null;
      SpillListTest.realDisk();
      SpillList.tellTo(m -> {});
    }
    assertEquals(1, told.size(), told.toString());
    assertTrue(told.get(0).startsWith("cannot write the temporary file " + tmp), told.get(0));
    assertTrue(told.get(0).contains(" (no space left on device): results are kept"), told.get(0));
  }
}
