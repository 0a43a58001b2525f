package org.tcplint.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tcplint.example.Examples;
import org.tcplint.example.LadderCapture;

/**
 * The captures shipped in {@code testdata/}, written from code so that each one's content is
 * reviewable here, and the deliberately unreadable ones kept out of the demo folder in {@code
 * src/test/broken/} (keys starting {@code broken/}). {@code TestdataTest} checks that the committed
 * files equal this output; run {@code main} to rewrite them.
 */
public final class Testdata {
  /** Where the captures that cannot be read to the end live (not in the README's demo run). */
  public static final Path BROKEN = Path.of("src", "test", "broken");

  private Testdata() {}

  /** The file of a key of {@link #all}. */
  public static Path path(String key) {
    return key.startsWith("broken/")
        ? BROKEN.resolve(key.substring("broken/".length()))
        : Path.of("testdata", key);
  }

  /** Every committed capture: {@code testdata/} and {@code src/test/broken/}, sorted. */
  public static java.util.List<Path> captures() throws IOException {
    java.util.List<Path> all = new java.util.ArrayList<>();
    for (Path root : java.util.List.of(Path.of("testdata"), BROKEN)) {
      try (java.util.stream.Stream<Path> s = Files.walk(root)) {
        s.filter(p -> p.toString().endsWith(".pcapng")).forEach(all::add);
      }
    }
    all.sort(null);
    return all;
  }

  /** File name → bytes. */
  public static Map<String, byte[]> all() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    // The seed notes' own example (ERRATA.md): SYN seq 500 answered by ack 5001 instead of 501.
    m.put(
        "seed-wrong-synack-ack.pcapng",
        CaptureBuilder.tcp()
            .c("S", 500, 0)
            .win(1000)
            .mss(100)
            .s("SA", 9000, 5001)
            .win(1000)
            .mss(100)
            .c("A", 501, 9001)
            .win(1000)
            .pcapng());
    m.put(
        "clean-http.pcapng",
        CaptureBuilder.tcp()
            .c("S", 1000, 0)
            .mss(1460)
            .ws(7)
            .sackPerm()
            .s("SA", 5000, 1001)
            .mss(1460)
            .ws(7)
            .sackPerm()
            .c("A", 1001, 5001)
            .c("PA", 1001, 5001)
            .len(100)
            .s("A", 5001, 1101)
            .s("PA", 5001, 1101)
            .len(300)
            .c("A", 1101, 5301)
            .c("FA", 1101, 5301)
            .s("A", 5301, 1102)
            .s("FA", 5301, 1102)
            .c("A", 1102, 5302)
            .pcapng());
    for (Examples.Example e : Examples.all().values()) {
      m.put("rules/" + e.rule() + ".pcapng", LadderCapture.pcapng(e.wrong()));
    }
    byte[] pkt = Packets.ethernet(Packets.synIpv4(500));
    byte[] clean = m.get("clean-http.pcapng");
    m.put("broken/truncated.pcapng", java.util.Arrays.copyOf(clean, clean.length - 30));
    PcapngWriter bad =
        new PcapngWriter()
            .section(java.nio.ByteOrder.LITTLE_ENDIAN)
            .iface(1, 0, -1)
            .epb(0, 1_764_000_000_000_000L, pkt);
    byte[] badBlock =
        java.nio.ByteBuffer.allocate(12)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .putInt(6)
            .putInt(21)
            .putInt(0)
            .array();
    m.put("broken/malformed-block-length.pcapng", bad.raw(badBlock).bytes());
    byte[] full =
        Packets.ethernet(
            Packets.ip(
                "192.0.2.1",
                "198.51.100.7",
                0,
                9,
                Packets.tcp(50000, 80, 500, 0, 0x002, 65535, 0, new byte[0], new byte[100])));
    m.put(
        "capture/snaplen.pcapng",
        new PcapngWriter()
            .section(java.nio.ByteOrder.LITTLE_ENDIAN)
            .iface(1, 64, -1)
            .epb(0, 1_764_000_000_000_000L, java.util.Arrays.copyOf(full, 64), full.length)
            .bytes());
    m.put(
        "capture/unsupported-link.pcapng",
        new PcapngWriter()
            .section(java.nio.ByteOrder.LITTLE_ENDIAN)
            .iface(147, 0, -1)
            .epb(0, 1_764_000_000_000_000L, new byte[] {1, 2, 3, 4})
            .bytes());
    byte[] badIhl = pkt.clone();
    badIhl[14] = 0x43; // IPv4 header length 12 bytes
    m.put(
        "capture/decode-malformed.pcapng",
        new PcapngWriter()
            .section(java.nio.ByteOrder.LITTLE_ENDIAN)
            .iface(1, 0, -1)
            .epb(0, 1_764_000_000_000_000L, badIhl)
            .bytes());
    return m;
  }

  public static void main(String[] args) throws IOException {
    for (Map.Entry<String, byte[]> e : all().entrySet()) {
      Path p = path(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }
}
