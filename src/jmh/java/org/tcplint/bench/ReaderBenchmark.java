package org.tcplint.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.tcplint.capture.CaptureFormatException;
import org.tcplint.capture.Captures;
import org.tcplint.capture.Frame;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.decode.Packet;
import org.tcplint.decode.PacketDecoder;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.FlowTable;
import org.tcplint.flow.Segment;
import org.tcplint.flow.Tracker;
import org.tcplint.rules.RuleLevels;

/**
 * Single-threaded throughput over a generated pcapng ({@link TraceGenerator}, default 1 GiB):
 * reading only, reading + decoding every TCP segment (headers and options), conversation tracking
 * without the rules, and the full check. One operation = the whole file; GB/s = file size / (s/op),
 * printed at tear-down.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx128m"})
public class ReaderBenchmark {
  @Param({"1024"})
  public int sizeMb;

  private Path file;
  private long size;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path dir = Path.of(System.getProperty("tcplint.benchdata", "target/bench-data"));
    Files.createDirectories(dir);
    file = dir.resolve("trace-" + sizeMb + "mb.pcapng");
    long want = sizeMb * 1024L * 1024L;
    if (!Files.exists(file) || Files.size(file) < want) {
      TraceGenerator.generate(file, want, 1);
    }
    size = Files.size(file);
  }

  @Benchmark
  public long read(Blackhole bh) throws IOException, CaptureFormatException {
    Frame f = new Frame();
    long n = 0;
    try (Captures.Opened o = Captures.open(file)) {
      while (o.reader().next(f)) {
        n += f.capLen;
      }
    }
    return n;
  }

  @Benchmark
  public long readAndDecode(Blackhole bh) throws IOException, CaptureFormatException {
    Frame f = new Frame();
    Packet p = new Packet();
    Segment s = new Segment();
    PacketDecoder d = new PacketDecoder();
    long sum = 0;
    try (Captures.Opened o = Captures.open(file)) {
      while (o.reader().next(f)) {
        d.decode(f, p);
        if (p.isTcp()) {
          s.fill(f, p);
          sum += s.seq + s.ack + s.flags + s.len + s.options.mss;
        }
      }
    }
    bh.consume(sum);
    return sum;
  }

  /**
   * Reading, decoding and conversation tracking without the rules: the flow table (look-up,
   * creation, closing, freeing) and the tracker's per-segment state.
   */
  @Benchmark
  @Fork(
      value = 1,
      jvmArgs = {"-Xmx256m"})
  public long track(Blackhole bh) throws IOException, CaptureFormatException {
    Frame f = new Frame();
    Packet p = new Packet();
    Segment s = new Segment();
    PacketDecoder d = new PacketDecoder();
    long[] retired = {0};
    FlowTable table = new FlowTable(c -> retired[0]++);
    long tcp = 0;
    try (Captures.Opened o = Captures.open(file)) {
      while (o.reader().next(f)) {
        d.decode(f, p);
        if (p.isTcp()) {
          s.fill(f, p);
          if ((++tcp & 1023) == 0) {
            table.expire(s.timeNanos());
          }
          Conversation c = table.lookup(s);
          Tracker.roles(c, s);
          Tracker.apply(c, s);
          c.account(s);
          table.touched(c);
        }
      }
    }
    table.finish();
    bh.consume(tcp);
    return retired[0];
  }

  /**
   * The full check: conversation summaries and findings beyond 16,384 of each go to temporary
   * files, merged when read; the result is read once, as a report would.
   */
  @Benchmark
  @Fork(
      value = 1,
      jvmArgs = {"-Xmx256m"})
  public long check() {
    FileResult r = new Checker(new RuleLevels()).check(file, file.toString());
    long n = 0;
    for (var c : r.conversations()) {
      n += c.packets();
    }
    for (var x : r.findings()) {
      n += x.frame();
    }
    r.release();
    return n;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.printf("%n[file %s: %d bytes]%n", file, size);
  }
}
