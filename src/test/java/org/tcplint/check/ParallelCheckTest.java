package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.bench.TraceGenerator;
import org.tcplint.report.JsonReport;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleLevels;
import org.tcplint.testing.SharedCaptures;

/**
 * Reading, decoding and checking a capture on several threads, in chunks, and holding its results
 * in temporary files, change nothing in the report: every capture of the repository, of the shared
 * corpus, a generated trace and its gzip give the same JSON on 1 thread with everything in memory
 * as on 2, 3 and 7 threads with chunks of a few records and tiny spill limits.
 */
class ParallelCheckTest {
  @TempDir Path dir;

  static final java.util.concurrent.ExecutorService POOL = Pools.daemon(7);

  /** A check on {@code threads} threads, in chunks of about {@code chunk} bytes. */
  static Checker checker(org.tcplint.rules.Settings settings, int threads, int chunk, int spill) {
    return new Checker(new RuleLevels(), settings)
        .spillAfter(spill)
        .threads(threads, POOL)
        .splitting(0, chunk);
  }

  static Checker checker(int threads, int chunk) {
    return checker(org.tcplint.rules.Settings.DEFAULTS, threads, chunk, Checker.SPILL_AFTER);
  }

  private static String plain(Path capture) {
    return JsonReport.fileJson(new Checker(new RuleLevels()).check(capture, "x"));
  }

  /** The reports grouped by conversation, which regroup the findings by stream (text, JUnit). */
  private static String grouped(FileResult r) {
    try {
      StringBuilder text = new StringBuilder();
      org.tcplint.report.TextReport.body(r, false, text);
      java.io.StringWriter junit = new java.io.StringWriter();
      org.tcplint.report.Reporter rep =
          org.tcplint.report.Reporters.create(
              "junit",
              junit,
              new org.tcplint.report.ReportOptions(
                  "test", org.tcplint.rules.Severity.INFO, false, false));
      rep.start();
      rep.file(r);
      return text + "\n" + junit;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Threads, chunk bytes and spill limit of the runs compared with one thread in memory. */
  private static final int[][] RUNS = {
    {1, 0, 1}, {1, 0, 5}, {2, 1024, 1 << 14}, {3, 300, 5}, {7, 64 << 10, 1}, {2, 64 << 10, 1 << 14}
  };

  private static void sameReport(Path capture) {
    sameReport(capture, RUNS);
  }

  private static void sameReport(Path capture, int[][] runs) {
    sameReport(capture, runs, new Checker(new RuleLevels()).check(capture, "x"));
  }

  /** The reports of {@code runs} (threads, chunk bytes, spill limit) equal those of {@code all}. */
  private static void sameReport(Path capture, int[][] runs, FileResult all) {
    String expected = JsonReport.fileJson(all);
    String expectedGrouped = grouped(all);
    for (int[] run : runs) {
      FileResult r =
          checker(org.tcplint.rules.Settings.DEFAULTS, run[0], Math.max(run[1], 1), run[2])
              .check(capture, "x");
      String what = capture + ": " + run[0] + " threads, chunks " + run[1] + ", spill " + run[2];
      assertEquals(expected, JsonReport.fileJson(r), what);
      assertEquals(expectedGrouped, grouped(r), what + " (text, JUnit)");
      r.release();
    }
  }

  @TestFactory
  Stream<DynamicTest> repositoryTestdata() throws java.io.IOException {
    List<Path> all = org.tcplint.testing.Testdata.captures();
    assertTrue(all.size() > 50, "testdata captures: " + all.size());
    return all.stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> sameReport(p)));
  }

  @TestFactory
  Stream<DynamicTest> sharedCorpus() {
    return SharedCaptures.all().stream()
        .map(p -> DynamicTest.dynamicTest(SharedCaptures.name(p), () -> sameReport(p)));
  }

  @Test
  void generatedTraceWithThousandsOfConversations() throws IOException {
    Path trace = dir.resolve("trace.pcapng");
    TraceGenerator.generate(trace, 4L << 20, 7);
    FileResult r = new Checker(new RuleLevels()).check(trace, "x");
    assertTrue(r.conversations().size() > 500, "conversations: " + r.conversations().size());
    assertTrue(r.findings().size() > 500, "findings: " + r.findings().size());
    sameReport(trace);
    // A compressed capture is decompressed once, by the reading thread, whatever the threads.
    Path gz = dir.resolve("trace.pcapng.gz");
    try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gz))) {
      java.nio.file.Files.copy(trace, out);
    }
    assertTrue(plain(gz).contains("\"compression\": \"gzip\""), plain(gz).substring(0, 300));
    sameReport(gz);
  }

  /**
   * A few long conversations, one across the sequence wrap: each partition that has one sees its
   * segments from every chunk in order, and the others see none.
   */
  @Test
  void fewLongConversationsAcrossManyChunks() throws IOException {
    Path trace = dir.resolve("bulk.pcapng");
    TraceGenerator.bulk(trace, 4L << 20, 2, 5);
    FileResult r = new Checker(new RuleLevels()).check(trace, "x");
    assertEquals(2, r.conversations().size());
    assertTrue(r.conversations().get(0).packets() > 1000, r.conversations().get(0).toString());
    sameReport(trace, RUNS, r); // the one-thread check above is the reference: not made again
    r.release();
  }

  @Test
  void streamNumbersAndFreeingPointsKeptInTheTemporaryFileGiveTheSameReports() throws IOException {
    Path trace = dir.resolve("trace.pcapng");
    TraceGenerator.generate(trace, 4L << 20, 7);
    Path tmp = java.nio.file.Files.createDirectory(dir.resolve("tmp"));
    Path mine = java.nio.file.Files.createDirectory(dir.resolve("mine"));
    // The reports to match, made with every number on the heap.
    FileResult onHeap = new Checker(new RuleLevels()).check(trace, "x");
    assertTrue(
        onHeap.tcpSegments() >= 5 * FileCheck.TICK,
        "at least five freeing points, the third and fourth in the file: " + onHeap.tcpSegments());
    // Blocks of two longs, one on the heap: each partition's first frames, the streams' numbers in
    // the capture and the capture times of the freeing points (one per 1,024 TCP segments) go
    // through the file, read back as partitions catch up and while the report merges.
    LongBlocks.sizing = new int[] {2, 1};
    SpillList.directory = tmp;
    try {
      sameReport(
          trace,
          new int[][] {{1, 0, 1 << 14}, {2, 1024, 5}, {3, 300, 1 << 14}, {7, 64 << 10, 1}},
          onHeap);
      SpillList.directory = mine; // the files of this check alone
      FileResult r = checker(2, 64 << 10).check(trace, "x");
      String json = JsonReport.fileJson(r);
      assertEquals(JsonReport.fileJson(onHeap), json);
      MergedList<?> merged = (MergedList<?>) r.conversations();
      assertEquals(0, merged.runs(), "the results themselves are all in memory");
      assertEquals(null, merged.shared(), "but not the stream numbers: the lists are not shared");
      FileResult copy = r.detached();
      assertEquals(json, JsonReport.fileJson(copy), "a detached copy read them first");
      r.release();
      try (var files = java.nio.file.Files.list(mine)) {
        assertEquals(List.of(), files.toList(), "released with the result");
      }
      assertEquals(json, JsonReport.fileJson(copy), "the copy needs no file");
    } finally {
      LongBlocks.sizing = new int[] {LongBlocks.BLOCK, LongBlocks.HEAP_BLOCKS};
      SpillList.directory = null;
    }
  }

  @Test
  void everyShardFreesConversationsAsItGoes() throws IOException {
    // Closed conversations freed 1 ms (capture time) after their close: the generated trace then
    // holds few at once, and with a cap of a quarter of all, a shard that never freed any would
    // fill its table.
    Path trace = dir.resolve("trace.pcapng");
    TraceGenerator.generate(trace, 16L << 20, 11);
    org.tcplint.rules.Settings d = org.tcplint.rules.Settings.DEFAULTS;
    org.tcplint.rules.Settings quick =
        new org.tcplint.rules.Settings(
            d.assumedWindowScale(), d.mslNanos(), 1_000_000L, d.idleNanos(), d.maxConversations());
    FileResult all = new Checker(new RuleLevels(), quick).check(trace, "x");
    int conversations = all.conversations().size();
    assertTrue(conversations > 2000, "conversations: " + conversations);
    String expected = JsonReport.fileJson(all);
    org.tcplint.rules.Settings quarter =
        new org.tcplint.rules.Settings(
            d.assumedWindowScale(), d.mslNanos(), 1_000_000L, d.idleNanos(), conversations / 4);
    for (int threads = 1; threads <= 3; threads++) {
      FileResult r = checker(quarter, threads, 256 << 10, Checker.SPILL_AFTER).check(trace, "x");
      assertEquals(
          expected, JsonReport.fileJson(r), threads + " threads, cap " + conversations / 4);
    }
  }

  @Test
  void streamNumbersInMessagesAreRenumbered() {
    // testdata/rules holds the port-reuse examples, whose messages name the earlier stream.
    List<Path> reuse =
        SharedCaptures.below(Path.of("testdata")).stream()
            .filter(p -> p.getFileName().toString().contains("reuse"))
            .toList();
    assertTrue(!reuse.isEmpty(), "no reuse example in testdata");
    boolean named = false;
    for (Path p : reuse) {
      for (int threads = 2; threads <= 4; threads++) {
        FileResult r = checker(threads, 512).check(p, "x");
        for (var f : r.findings()) {
          assertTrue(
              f.message().indexOf(org.tcplint.rules.RuleContext.STREAM_MARK) < 0, f.message());
          named |= f.message().matches(".*stream \\d+.*");
        }
      }
    }
    assertTrue(named, "a reuse finding names the earlier stream");
  }

  /** The interface description blocks a section may have (the readers' sanity limit). */
  private static final int MAX_INTERFACES = 65_536;

  /**
   * A section of {@code interfaces} interface description blocks, then SYNs of 40 clients on the
   * first interface; {@code beyond} is set to where the block after the limit's last would start.
   */
  private static byte[] manyInterfaces(int interfaces, long[] beyond) {
    org.tcplint.testing.PcapngWriter w =
        new org.tcplint.testing.PcapngWriter().section(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < interfaces; i++) {
      if (i == MAX_INTERFACES) {
        beyond[0] = w.size();
      }
      w.iface(1, 262144, -1);
    }
    for (int i = 0; i < 40; i++) {
      byte[] syn =
          org.tcplint.testing.Packets.tcp(
              40000 + i, 80, 1000 + i, 0, 0x002, 65535, 0, new byte[0], new byte[0]);
      w.epb(
          0,
          i,
          org.tcplint.testing.Packets.ethernet(
              org.tcplint.testing.Packets.ip("192.0.2." + (1 + i % 200), "198.51.100.7", 0, syn)));
    }
    return w.bytes();
  }

  @Test
  void interfacesBeyondTheSanityLimitAreAFaultWithItsOffsetOnAnyThreads() throws IOException {
    long[] beyond = {-1};
    Path over =
        Files.write(
            dir.resolve("interfaces-over.pcapng"), manyInterfaces(MAX_INTERFACES + 1, beyond));
    FileResult r = new Checker(new RuleLevels()).check(over, "x");
    Finding fault = r.findings().get(0);
    assertEquals("capture.malformed", fault.rule());
    assertEquals(beyond[0], fault.offset());
    assertEquals(28 + 20L * MAX_INTERFACES, beyond[0]);
    assertTrue(
        fault
            .message()
            .contains(
                "interface description block 65537 of the section is beyond the"
                    + " sanity limit of 65536"),
        fault.message());
    assertEquals(0, r.tcpSegments());
    // Every chunk starts with its section's interfaces (1.3 MB here): chunks of 64 KiB and more.
    int[][] runs = {{2, 64 << 10, 5}, {3, 256 << 10, 1}, {7, 64 << 10, 1 << 14}};
    sameReport(over, runs);

    Path at =
        Files.write(dir.resolve("interfaces-at.pcapng"), manyInterfaces(MAX_INTERFACES, beyond));
    FileResult ok = new Checker(new RuleLevels()).check(at, "x");
    assertEquals(null, ok.error());
    assertEquals(40, ok.tcpSegments());
    assertEquals(40, ok.conversations().size());
    sameReport(at, runs);
  }

  /**
   * An interface description block of about {@code bytes} bytes, little-endian: Ethernet, with
   * if_description options of 65,532 bytes.
   */
  private static byte[] bigInterface(int bytes) {
    java.io.ByteArrayOutputStream opts = new java.io.ByteArrayOutputStream();
    java.nio.ByteBuffer o =
        java.nio.ByteBuffer.allocate(4 + 65532).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    o.putShort((short) 3).putShort((short) 65532);
    while (opts.size() < bytes) {
      opts.write(o.array(), 0, o.capacity());
    }
    opts.write(new byte[4], 0, 4); // opt_endofopt
    int len = 12 + 8 + opts.size();
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(len).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(1).putInt(len).putShort((short) 1).putShort((short) 0).putInt(262144);
    b.put(opts.toByteArray()).putInt(len);
    return b.array();
  }

  @Test
  void interfacesOfMoreBytesThanTheSanityLimitAreAFaultWithItsOffsetOnAnyThreads()
      throws IOException {
    java.io.ByteArrayOutputStream f = new java.io.ByteArrayOutputStream();
    f.writeBytes(
        new org.tcplint.testing.PcapngWriter().section(java.nio.ByteOrder.LITTLE_ENDIAN).bytes());
    byte[] idb = bigInterface(1_500_000);
    f.writeBytes(idb);
    f.writeBytes(idb);
    long third = f.size();
    f.writeBytes(idb); // 4,4xx,xxx bytes of interfaces with this one: beyond 4 MiB
    f.writeBytes(manyInterfaces(0, new long[1])); // a section of its own: SHB, then SYNs
    Path capture = Files.write(dir.resolve("big-interfaces.pcapng"), f.toByteArray());
    FileResult r = new Checker(new RuleLevels()).check(capture, "x");
    Finding fault = r.findings().get(0);
    assertEquals("capture.malformed", fault.rule());
    assertEquals(third, fault.offset());
    assertEquals(
        "the section's interface description blocks pass the sanity limit of 4194304 bytes with"
            + " this one ("
            + 3L * idb.length
            + " bytes)",
        fault.message().replaceFirst("^[^:]*: ", ""));
    sameReport(capture, new int[][] {{2, 64 << 10, 5}, {3, 1 << 20, 1}});
  }
}
