package org.tcplint.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tcplint.decode.Checksum;

/**
 * Writes a deterministic, realistic pcapng of a given size for benchmarks: many interleaved
 * conversations (short request/response and long bulk transfers), IPv4 and IPv6, MSS/WS/SACK/TS
 * options on SYNs, timestamps echoed as RFC 7323 has them, right IPv4 and TCP checksums, mixed
 * segment sizes, FIN closes, a few retransmissions and a few planted violations (a SYN-ACK with a
 * wrong ack, an abort by RST). Streams its output; memory stays constant whatever the size.
 *
 * <pre>java -cp tcplint.jar org.tcplint.bench.TraceGenerator OUT.pcapng SIZE_MB [SEED]</pre>
 */
public final class TraceGenerator {
  private static final int ACTIVE = 256;
  private final SplittableRandom rnd;
  private final OutputStream out;
  private final byte[] buf = new byte[2048];
  private final byte[] block = new byte[4096];
  private long written;
  private long timeMicros = 1_764_000_000_000_000L;
  private int nextPort = 1024;
  private int hostCounter;
  private long conversations;

  private TraceGenerator(OutputStream out, long seed) {
    this.out = out;
    this.rnd = new SplittableRandom(seed);
  }

  public static void main(String[] args) throws IOException {
    if (args.length >= 3 && args[0].equals("--archive")) {
      Path dir = Path.of(args[1]);
      Files.createDirectories(dir);
      int n = Integer.parseInt(args[2]);
      for (int i = 1; i <= n; i++) {
        generate(dir.resolve(String.format("f%05d.pcapng", i)), 1024 * 1024, i);
      }
      System.err.printf("wrote %d files of 1 MiB to %s%n", n, dir);
      return;
    }
    if (args.length >= 3 && args[0].equals("--syn-flood")) {
      synFlood(Path.of(args[1]), Long.parseLong(args[2]), 7);
      System.err.printf(
          "wrote %s: %d SYNs from spoofed sources%n", args[1], Long.parseLong(args[2]));
      return;
    }
    if (args.length >= 4 && args[0].equals("--bulk")) {
      Path out = Path.of(args[1]);
      int flows = Integer.parseInt(args[3]);
      bulk(out, Long.parseLong(args[2]) * 1024 * 1024, flows, 3);
      System.err.printf(
          "wrote %s: %d bytes, %d bulk conversations%n", args[1], Files.size(out), flows);
      return;
    }
    if (args.length < 2) {
      System.err.println("usage: TraceGenerator OUT.pcapng SIZE_MB [SEED]");
      System.err.println("       TraceGenerator --syn-flood OUT.pcapng COUNT");
      System.err.println("       TraceGenerator --archive DIR FILES");
      System.err.println("       TraceGenerator --bulk OUT.pcapng SIZE_MB FLOWS");
      System.exit(2);
    }
    long bytes = Long.parseLong(args[1]) * 1024 * 1024;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    long n = generate(Path.of(args[0]), bytes, seed);
    System.err.printf(
        "wrote %s: %d bytes, %d conversations%n", args[0], Files.size(Path.of(args[0])), n);
  }

  /** Writes about {@code bytes} bytes to {@code path}; returns the number of conversations. */
  public static long generate(Path path, long bytes, long seed) throws IOException {
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
      TraceGenerator g = new TraceGenerator(o, seed);
      g.header();
      List<Conv> active = new ArrayList<>();
      while (g.written < bytes) {
        while (active.size() < ACTIVE) {
          active.add(g.newConversation());
        }
        g.stepAt(active, g.rnd.nextInt(active.size()));
      }
      return g.conversations;
    }
  }

  /**
   * A few long bulk transfers: {@code flows} conversations (1 to 65,535) open at once, each a
   * request answered by full-size segments acknowledged every second one, interleaved at random
   * until about {@code bytes} bytes are written; then each sends its last segment and closes with
   * FINs. The first server's initial sequence number lies 1 MiB before 2^32, so that its sequence
   * numbers wrap (RFC 9293 §3.4: comparisons are modulo 2^32). The capture a stack audit often
   * makes, and the one a check split by 4-tuple cannot spread over more partitions than it has
   * conversations.
   */
  public static void bulk(Path path, long bytes, int flows, long seed) throws IOException {
    if (flows < 1 || flows > 65_535) {
      throw new IllegalArgumentException("flows: 1 to 65,535, not " + flows);
    }
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
      TraceGenerator g = new TraceGenerator(o, seed);
      g.header();
      List<Conv> active = new ArrayList<>();
      for (int i = 0; i < flows; i++) {
        Conv c = g.newConversation();
        c.violation = 0;
        c.exchanges = 1;
        c.responseSegments = Integer.MAX_VALUE;
        if (i == 0) {
          c.sseq = -(1 << 20);
        }
        active.add(c);
      }
      while (!active.isEmpty()) {
        int i = g.rnd.nextInt(active.size());
        Conv c = active.get(i);
        if (g.written >= bytes && c.responseSegments == Integer.MAX_VALUE) {
          c.responseSegments = c.sent + 1; // its next response segment is the last
        }
        g.stepAt(active, i);
      }
    }
  }

  /** Writes the next packet of conversation {@code i} of {@code active}; drops it once it ended. */
  private void stepAt(List<Conv> active, int i) throws IOException {
    if (!step(active.get(i))) {
      active.set(i, active.get(active.size() - 1));
      active.remove(active.size() - 1);
    }
  }

  /**
   * A SYN flood: {@code count} SYNs from distinct spoofed sources (10.x.y.z, random ports) to one
   * server, 1 µs apart; never answered.
   */
  public static void synFlood(Path path, long count, long seed) throws IOException {
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
      TraceGenerator g = new TraceGenerator(o, seed);
      g.header();
      byte[] server = {(byte) 192, 0, 2, 80};
      for (long i = 0; i < count; i++) {
        Conv c = new Conv();
        c.client = new byte[] {10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
        c.server = server;
        c.cport = 1024 + g.rnd.nextInt(60000);
        c.sport = 80;
        c.cseq = g.rnd.nextInt();
        g.segment(c, true, 0x002, c.cseq, 0, 0, true);
      }
    }
  }

  /** One conversation's plan and state. */
  private static final class Conv {
    boolean v6;
    byte[] client;
    byte[] server;
    int cport;
    int sport;
    int cseq;
    int sseq;
    int phase;
    int exchanges;
    int responseSegments;
    int sent;
    int violation; // 0 none, 1 wrong SYN-ACK ack, 2 abort by RST
    boolean retransmitted;
    int clientTsVal; // last TSval sent by each side, echoed by the other (RFC 7323 §4.3)
    int serverTsVal;
  }

  private Conv newConversation() {
    Conv c = new Conv();
    conversations++;
    c.v6 = rnd.nextInt(5) == 0;
    int h = hostCounter++;
    if (c.v6) {
      c.client =
          new byte[] {
            0x20, 0x01, 0x0d, (byte) 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, (byte) (h >>> 8), (byte) h
          };
      c.server =
          new byte[] {
            0x20,
            0x01,
            0x0d,
            (byte) 0xb8,
            0,
            2,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            (byte) (1 + rnd.nextInt(200))
          };
    } else {
      c.client = new byte[] {10, (byte) (h >>> 16), (byte) (h >>> 8), (byte) h};
      c.server = new byte[] {(byte) 192, 0, 2, (byte) (1 + rnd.nextInt(200))};
    }
    c.cport = 1024 + (nextPort++ % 60000);
    c.sport = rnd.nextInt(3) == 0 ? 80 : 443;
    c.cseq = rnd.nextInt();
    c.sseq = rnd.nextInt();
    boolean bulk = rnd.nextInt(200) == 0;
    c.exchanges = bulk ? 1 : 1 + rnd.nextInt(2);
    c.responseSegments = bulk ? 100 + rnd.nextInt(500) : 1 + rnd.nextInt(3);
    int v = rnd.nextInt(1000);
    c.violation = v == 0 ? 1 : v == 1 ? 2 : 0;
    return c;
  }

  /** Emits the next segment of {@code c}; false when the conversation is over. */
  private boolean step(Conv c) throws IOException {
    switch (c.phase) {
      case 0 -> {
        segment(c, true, 0x002, c.cseq, 0, 0, true);
        c.cseq++;
        c.phase = 1;
      }
      case 1 -> {
        int ack = c.violation == 1 ? c.cseq + 4500 : c.cseq;
        segment(c, false, 0x012, c.sseq, ack, 0, true);
        c.sseq++;
        c.phase = 2;
      }
      case 2 -> {
        segment(c, true, 0x010, c.cseq, c.sseq, 0, false);
        c.phase = 3;
      }
      case 3 -> {
        int len = 100 + rnd.nextInt(700);
        segment(c, true, 0x018, c.cseq, c.sseq, len, false);
        c.cseq += len;
        c.sent = 0;
        c.phase = 4;
      }
      case 4 -> {
        int len = c.sent + 1 == c.responseSegments ? 1 + rnd.nextInt(1448) : 1448;
        if (!c.retransmitted && c.sent == 2 && rnd.nextInt(50) == 0) {
          c.retransmitted = true;
          segment(c, false, 0x010, c.sseq - 1448, c.cseq, 1448, false);
          return true;
        }
        segment(
            c, false, c.sent + 1 == c.responseSegments ? 0x018 : 0x010, c.sseq, c.cseq, len, false);
        c.sseq += len;
        c.sent++;
        if (c.sent % 2 == 0 || c.sent == c.responseSegments) {
          c.phase = 5;
        }
      }
      case 5 -> {
        segment(c, true, 0x010, c.cseq, c.sseq, 0, false);
        if (c.sent < c.responseSegments) {
          c.phase = 4;
        } else if (--c.exchanges > 0) {
          c.phase = 3;
        } else {
          c.phase = c.violation == 2 ? 9 : 6;
        }
      }
      case 6 -> {
        segment(c, true, 0x011, c.cseq, c.sseq, 0, false);
        c.cseq++;
        c.phase = 7;
      }
      case 7 -> {
        segment(c, false, 0x011, c.sseq, c.cseq, 0, false);
        c.sseq++;
        c.phase = 8;
      }
      case 8 -> {
        segment(c, true, 0x010, c.cseq, c.sseq, 0, false);
        return false;
      }
      default -> {
        segment(c, true, 0x014, c.cseq, c.sseq, 0, false);
        return false;
      }
    }
    return true;
  }

  private void segment(
      Conv c, boolean fromClient, int flags, int seq, int ack, int len, boolean syn)
      throws IOException {
    int opts = syn ? 20 : 12;
    int tcpLen = 20 + opts;
    int ipLen = c.v6 ? 40 : 20;
    int n = 14 + ipLen + tcpLen + len;
    byte[] b = n <= buf.length ? buf : new byte[n];
    int o = 0;
    for (int i = 0; i < 12; i++) {
      b[o++] = (byte) (i < 6 ? (fromClient ? 2 : 4) : (fromClient ? 4 : 2));
    }
    put16(b, o, c.v6 ? 0x86DD : 0x0800);
    o += 2;
    byte[] src = fromClient ? c.client : c.server;
    byte[] dst = fromClient ? c.server : c.client;
    if (c.v6) {
      put32(b, o, 0x60000000);
      put16(b, o + 4, tcpLen + len);
      b[o + 6] = 6;
      b[o + 7] = 64;
      System.arraycopy(src, 0, b, o + 8, 16);
      System.arraycopy(dst, 0, b, o + 24, 16);
    } else {
      b[o] = 0x45;
      b[o + 1] = 0;
      put16(b, o + 2, 20 + tcpLen + len);
      put16(b, o + 4, (int) (written >>> 4));
      put16(b, o + 6, 0x4000);
      b[o + 8] = 64;
      b[o + 9] = 6;
      put16(b, o + 10, 0);
      System.arraycopy(src, 0, b, o + 12, 4);
      System.arraycopy(dst, 0, b, o + 16, 4);
    }
    o += ipLen;
    put16(b, o, fromClient ? c.cport : c.sport);
    put16(b, o + 2, fromClient ? c.sport : c.cport);
    put32(b, o + 4, seq);
    put32(b, o + 8, (flags & 0x010) != 0 ? ack : 0);
    put16(b, o + 12, ((tcpLen / 4) << 12) | flags);
    put16(b, o + 14, syn ? 64240 : 502);
    put32(b, o + 16, 0);
    int p = o + 20;
    int ts = (int) (timeMicros / 1000);
    int ecr = fromClient ? c.serverTsVal : c.clientTsVal;
    if (fromClient) {
      c.clientTsVal = ts;
    } else {
      c.serverTsVal = ts;
    }
    if (syn) {
      b[p] = 2;
      b[p + 1] = 4;
      put16(b, p + 2, 1460);
      b[p + 4] = 4;
      b[p + 5] = 2;
      b[p + 6] = 8;
      b[p + 7] = 10;
      put32(b, p + 8, ts);
      put32(b, p + 12, ecr);
      b[p + 16] = 1;
      b[p + 17] = 3;
      b[p + 18] = 3;
      b[p + 19] = 7;
    } else {
      b[p] = 1;
      b[p + 1] = 1;
      b[p + 2] = 8;
      b[p + 3] = 10;
      put32(b, p + 4, ts);
      put32(b, p + 8, ecr);
    }
    java.util.Arrays.fill(b, o + tcpLen, o + tcpLen + len, (byte) 0x61);
    Checksum.fill(b, 14);
    epb(b, n);
    timeMicros += 5 + rnd.nextInt(40);
  }

  private void header() throws IOException {
    byte[] h = new byte[48];
    le32(h, 0, 0x0A0D0D0A);
    le32(h, 4, 28);
    le32(h, 8, 0x1A2B3C4D);
    h[12] = 1;
    for (int i = 16; i < 24; i++) {
      h[i] = (byte) 0xFF;
    }
    le32(h, 24, 28);
    le32(h, 28, 1);
    le32(h, 32, 20);
    h[36] = 1;
    le32(h, 40, 262144);
    le32(h, 44, 20);
    out.write(h);
    written += h.length;
  }

  private void epb(byte[] data, int n) throws IOException {
    int padded = (n + 3) & ~3;
    int total = 32 + padded;
    le32(block, 0, 6);
    le32(block, 4, total);
    le32(block, 8, 0);
    le32(block, 12, (int) (timeMicros >>> 32));
    le32(block, 16, (int) timeMicros);
    le32(block, 20, n);
    le32(block, 24, n);
    out.write(block, 0, 28);
    out.write(data, 0, n);
    for (int i = n; i < padded; i++) {
      out.write(0);
    }
    le32(block, 0, total);
    out.write(block, 0, 4);
    written += total;
  }

  private static void put16(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 8);
    b[o + 1] = (byte) v;
  }

  private static void put32(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 24);
    b[o + 1] = (byte) (v >>> 16);
    b[o + 2] = (byte) (v >>> 8);
    b[o + 3] = (byte) v;
  }

  private static void le32(byte[] b, int o, int v) {
    b[o] = (byte) v;
    b[o + 1] = (byte) (v >>> 8);
    b[o + 2] = (byte) (v >>> 16);
    b[o + 3] = (byte) (v >>> 24);
  }
}
