package org.tcplint.testing;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds TCP conversations as captures, reading like the RFC figures:
 *
 * <pre>
 * CaptureBuilder.tcp().c("S", 500, 0).s("SA", 9000, 5001).c("A", 501, 9001).pcapng()
 * </pre>
 *
 * Client C is 192.0.2.1:50000 and server S 198.51.100.7:80 unless set otherwise; each segment is 1
 * ms after the previous one. Flags letters: S F R P A U E C N.
 */
public final class CaptureBuilder {
  private String client = "192.0.2.1";
  private int clientPort = 50000;
  private String server = "198.51.100.7";
  private int serverPort = 80;
  private final List<byte[]> frames = new ArrayList<>();
  private final List<Long> times = new ArrayList<>();
  private long timeMicros = 1_764_000_000_000_000L;

  public static CaptureBuilder tcp() {
    return new CaptureBuilder();
  }

  /**
   * The client's conversation opened and closed by both FINs (ISNs 500 and 9000); with {@code
   * newIsn} a SYN with ISN 70000 on the same 4-tuple right after; then 10 s of silence on it and
   * {@code others} SYNs of other clients (192.0.2.2 and up, ports from 40000), enough traffic for a
   * flow table to free the closed conversation. Ends with the first client current again.
   */
  public static CaptureBuilder closedThenOthers(boolean newIsn, int others) {
    CaptureBuilder b = tcp().openedAndClosed();
    if (newIsn) {
      b.c("S", 70000, 0).done();
    }
    b.sleep(10_000_000L);
    for (int i = 0; i < others; i++) {
      b.client("192.0.2." + (2 + i % 200), 40000 + i).c("S", 1000 + i, 0).done();
    }
    return b.client("192.0.2.1", 50000);
  }

  /**
   * A conversation of the current client opened by the three-way handshake (ISNs 500 and 9000) and
   * closed by both FINs in three segments: six segments.
   */
  public CaptureBuilder openedAndClosed() {
    return c("S", 500, 0)
        .s("SA", 9000, 501)
        .c("A", 501, 9001)
        .c("FA", 501, 9001)
        .s("FA", 9001, 502)
        .c("A", 502, 9002)
        .done();
  }

  public CaptureBuilder client(String addr, int port) {
    client = addr;
    clientPort = port;
    return this;
  }

  public CaptureBuilder server(String addr, int port) {
    server = addr;
    serverPort = port;
    return this;
  }

  /** Segment from the client. */
  public Seg c(String flags, long seq, long ack) {
    return new Seg(this, true, flags, seq, ack);
  }

  /** Segment from the server. */
  public Seg s(String flags, long seq, long ack) {
    return new Seg(this, false, flags, seq, ack);
  }

  /** Advances the clock. */
  public CaptureBuilder sleep(long micros) {
    timeMicros += micros;
    return this;
  }

  /** Appends a raw Ethernet frame. */
  public CaptureBuilder frame(byte[] ethernet) {
    frames.add(ethernet);
    times.add(timeMicros);
    timeMicros += 1000;
    return this;
  }

  /** One segment under construction; {@link #c}/{@link #s} on it finish it and start the next. */
  public static final class Seg {
    private final CaptureBuilder b;
    private final boolean fromClient;
    private final String flags;
    private final long seq;
    private final long ack;
    private int window = 65535;
    private int len;
    private int urgent;
    private int ecn;
    private final ByteArrayOutputStream options = new ByteArrayOutputStream();

    Seg(CaptureBuilder b, boolean fromClient, String flags, long seq, long ack) {
      this.b = b;
      this.fromClient = fromClient;
      this.flags = flags;
      this.seq = seq;
      this.ack = ack;
    }

    public Seg len(int n) {
      len = n;
      return this;
    }

    public Seg win(int w) {
      window = w;
      return this;
    }

    public Seg urg(int p) {
      urgent = p;
      return this;
    }

    public Seg ecn(int codepoint) {
      ecn = codepoint;
      return this;
    }

    public Seg mss(int v) {
      options.writeBytes(new byte[] {2, 4, (byte) (v >>> 8), (byte) v});
      return this;
    }

    public Seg ws(int shift) {
      options.writeBytes(new byte[] {1, 3, 3, (byte) shift});
      return this;
    }

    public Seg sackPerm() {
      options.writeBytes(new byte[] {1, 1, 4, 2});
      return this;
    }

    public Seg ts(long val, long ecr) {
      ByteBuffer t = ByteBuffer.allocate(12);
      t.put((byte) 1)
          .put((byte) 1)
          .put((byte) 8)
          .put((byte) 10)
          .putInt((int) val)
          .putInt((int) ecr);
      options.writeBytes(t.array());
      return this;
    }

    public Seg sack(long... edges) {
      ByteBuffer t = ByteBuffer.allocate(4 + 8 * (edges.length / 2));
      t.put((byte) 1).put((byte) 1).put((byte) 5).put((byte) (2 + 4 * edges.length));
      for (long e : edges) {
        t.putInt((int) e);
      }
      options.writeBytes(t.array());
      return this;
    }

    /** TFO option (kind 34) with a cookie of {@code cookieLen} bytes (0 = request). */
    public Seg tfo(int cookieLen) {
      byte[] o = new byte[2 + cookieLen];
      o[0] = 34;
      o[1] = (byte) (2 + cookieLen);
      for (int i = 0; i < cookieLen; i++) {
        o[2 + i] = (byte) (0xA0 + i);
      }
      options.writeBytes(o);
      return this;
    }

    /** Raw option bytes. */
    public Seg option(int... bytes) {
      for (int v : bytes) {
        options.write(v);
      }
      return this;
    }

    /** Finishes this segment and starts a client segment. */
    public Seg c(String f, long s, long a) {
      done();
      return b.c(f, s, a);
    }

    /** Finishes this segment and starts a server segment. */
    public Seg s(String f, long s, long a) {
      done();
      return b.s(f, s, a);
    }

    /** Finishes this segment and advances the clock. */
    public CaptureBuilder sleep(long micros) {
      return done().sleep(micros);
    }

    /** Finishes this segment and returns the builder. */
    public CaptureBuilder done() {
      byte[] opts = options.toByteArray();
      byte[] padded = new byte[(opts.length + 3) & ~3];
      System.arraycopy(opts, 0, padded, 0, opts.length);
      String src = fromClient ? b.client : b.server;
      String dst = fromClient ? b.server : b.client;
      int sp = fromClient ? b.clientPort : b.serverPort;
      int dp = fromClient ? b.serverPort : b.clientPort;
      b.frame(
          Packets.ethernet(
              Packets.ip(
                  src,
                  dst,
                  ecn,
                  b.frames.size() + 1,
                  Packets.tcp(
                      sp,
                      dp,
                      (int) seq,
                      (int) ack,
                      flagBits(flags),
                      window,
                      urgent,
                      padded,
                      new byte[len]))));
      return b;
    }

    public byte[] pcapng() {
      return done().pcapng();
    }

    public byte[] pcap() {
      return done().pcap();
    }
  }

  /** Flag letters to bits. */
  public static int flagBits(String letters) {
    int f = 0;
    for (char ch : letters.toCharArray()) {
      f |=
          switch (ch) {
            case 'F' -> 0x001;
            case 'S' -> 0x002;
            case 'R' -> 0x004;
            case 'P' -> 0x008;
            case 'A' -> 0x010;
            case 'U' -> 0x020;
            case 'E' -> 0x040;
            case 'C' -> 0x080;
            case 'N' -> 0x100;
            case '.' -> 0;
            default -> throw new IllegalArgumentException("flag letter " + ch);
          };
    }
    return f;
  }

  /** Little-endian pcapng, one Ethernet interface with µs timestamps. */
  public byte[] pcapng() {
    PcapngWriter w = new PcapngWriter().section(ByteOrder.LITTLE_ENDIAN).iface(1, 262144, -1);
    for (int i = 0; i < frames.size(); i++) {
      w.epb(0, times.get(i), frames.get(i));
    }
    return w.bytes();
  }

  /** Little-endian µs pcap, Ethernet. */
  public byte[] pcap() {
    PcapWriter w = new PcapWriter(ByteOrder.LITTLE_ENDIAN, false, 1, 262144);
    for (int i = 0; i < frames.size(); i++) {
      long t = times.get(i);
      w.record(t / 1_000_000, t % 1_000_000, frames.get(i));
    }
    return w.bytes();
  }

  static InetAddress addr(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(s, e);
    }
  }
}
