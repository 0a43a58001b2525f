package org.tcplint.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tcplint.capture.CaptureFormatException;
import org.tcplint.capture.Captures;
import org.tcplint.capture.Frame;
import org.tcplint.decode.Packet;
import org.tcplint.decode.PacketDecoder;
import org.tcplint.decode.TcpFlags;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.FlowTable;
import org.tcplint.flow.Segment;
import org.tcplint.testing.SharedCaptures;

/**
 * Differential test against tshark 4.0.17 (oracle files beside every capture in the shared corpus):
 * per frame the record metadata ({@code *.frames.tsv}), and per TCP frame the ports, raw and
 * relative seq/ack, flags, TCP length, window, stream index and the stream's completeness ({@code
 * *.tshark.tsv}). Captures tshark refuses must give our capture error, not a crash.
 */
class TsharkDifferentialTest {

  /** What our pipeline saw in one frame. */
  record Row(
      long frame,
      int iface,
      long sec,
      int nanos,
      boolean hasTime,
      long len,
      int capLen,
      boolean tcp,
      int srcPort,
      int dstPort,
      long seq,
      long ack,
      int flags,
      int tcpLen,
      int window,
      int stream,
      Conversation conv,
      int side,
      Packet.Status status) {}

  record Result(List<Row> rows, Map<Integer, Integer> completeness, CaptureFormatException error) {}

  static Result analyse(Path capture) throws IOException {
    List<Row> rows = new ArrayList<>();
    Map<Integer, Conversation> convs = new HashMap<>();
    Frame f = new Frame();
    Packet p = new Packet();
    Segment s = new Segment();
    PacketDecoder decoder = new PacketDecoder();
    FlowTable table = new FlowTable(c -> {});
    CaptureFormatException error = null;
    try (Captures.Opened o = Captures.open(capture)) {
      while (o.reader().next(f)) {
        decoder.decode(f, p);
        if (p.isTcp()) {
          s.fill(f, p);
          Conversation c = table.lookup(s);
          c.account(s);
          convs.put(c.stream(), c);
          rows.add(
              new Row(
                  f.number,
                  f.interfaceId,
                  f.tsSeconds,
                  f.tsNanos,
                  f.hasTimestamp,
                  f.origLen,
                  f.capLen,
                  true,
                  s.srcPort,
                  s.dstPort,
                  Integer.toUnsignedLong(s.seq),
                  Integer.toUnsignedLong(s.ack),
                  s.flags,
                  s.len,
                  s.window,
                  c.stream(),
                  c,
                  s.side,
                  p.status()));
        } else if (p.hasTcpHeader()) {
          rows.add(
              new Row(
                  f.number,
                  f.interfaceId,
                  f.tsSeconds,
                  f.tsNanos,
                  f.hasTimestamp,
                  f.origLen,
                  f.capLen,
                  false,
                  p.srcPort(),
                  p.dstPort(),
                  Integer.toUnsignedLong(p.seq()),
                  Integer.toUnsignedLong(p.ack()),
                  p.flags(),
                  -1,
                  p.window(),
                  -1,
                  null,
                  0,
                  p.status()));
        } else {
          rows.add(
              new Row(
                  f.number,
                  f.interfaceId,
                  f.tsSeconds,
                  f.tsNanos,
                  f.hasTimestamp,
                  f.origLen,
                  f.capLen,
                  false,
                  p.hasTcpPorts() ? p.srcPort() : -1,
                  p.hasTcpPorts() ? p.dstPort() : -1,
                  0,
                  0,
                  0,
                  -1,
                  0,
                  -1,
                  null,
                  0,
                  p.status()));
        }
      }
    } catch (CaptureFormatException e) {
      error = e;
    }
    Map<Integer, Integer> completeness = new HashMap<>();
    convs.forEach((k, v) -> completeness.put(k, v.completeness()));
    return new Result(rows, completeness, error);
  }

  /** Parses tshark's 12-character {@code tcp.flags.str} (positions, with the AccECN ACE form). */
  static int flags(String str) {
    int v = 0;
    int[] bits = {
      0x800,
      0x400,
      0x200,
      TcpFlags.AE,
      TcpFlags.CWR,
      TcpFlags.ECE,
      TcpFlags.URG,
      TcpFlags.ACK,
      TcpFlags.PSH,
      TcpFlags.RST,
      TcpFlags.SYN,
      TcpFlags.FIN
    };
    if (str.charAt(3) == '-' && str.charAt(5) == '-') {
      int ace = str.charAt(4) - '0';
      v |=
          ((ace & 4) != 0 ? TcpFlags.AE : 0)
              | ((ace & 2) != 0 ? TcpFlags.CWR : 0)
              | ((ace & 1) != 0 ? TcpFlags.ECE : 0);
      for (int i = 0; i < 12; i++) {
        if ((i < 3 || i > 5) && str.charAt(i) != '\u00b7') {
          v |= bits[i];
        }
      }
      return v;
    }
    for (int i = 0; i < 12; i++) {
      if (str.charAt(i) != '\u00b7') {
        v |= bits[i];
      }
    }
    return v;
  }

  /**
   * The report itself (the checker with its eviction of closed and idle conversations) lists the
   * streams tshark lists, with the same completeness.
   */
  @TestFactory
  Stream<DynamicTest> reportedConversationsAreTsharksStreams() {
    return SharedCaptures.all().stream()
        .filter(c -> Files.exists(Path.of(c + ".tshark.tsv")))
        .map(
            c ->
                DynamicTest.dynamicTest(
                    SharedCaptures.name(c),
                    () -> {
                      Map<Integer, String[]> last = new HashMap<>();
                      Map<Integer, Integer> rows = new HashMap<>();
                      Map<Integer, String[]> first = new HashMap<>();
                      java.util.Set<Integer> broken = new java.util.HashSet<>();
                      for (String[] x : SharedCaptures.tsv(Path.of(c + ".tshark.tsv"))) {
                        if (x[1].isEmpty()) {
                          continue;
                        }
                        int stream = Integer.parseInt(x[1]);
                        last.put(stream, x);
                        first.putIfAbsent(stream, x);
                        rows.merge(stream, 1, Integer::sum);
                        if (x[11].isEmpty()) {
                          broken.add(stream); // a TCP header tshark itself calls malformed
                        }
                      }
                      org.tcplint.check.FileResult r =
                          new org.tcplint.check.Checker(new org.tcplint.rules.RuleLevels())
                              .check(c, c.toString());
                      Map<Integer, Integer> ours = new HashMap<>();
                      r.conversations().forEach(cs -> ours.put(cs.stream(), cs.completeness()));
                      java.util.Set<Integer> expected = new java.util.TreeSet<>(last.keySet());
                      // A stream of only headers cut before their window field is not one of
                      // ours; one with a bad data offset (base header readable) is, as in tshark.
                      expected.removeIf(
                          st ->
                              broken.contains(st)
                                  && rows.get(st)
                                      .equals(
                                          (int)
                                              SharedCaptures.tsv(Path.of(c + ".tshark.tsv"))
                                                  .stream()
                                                  .filter(
                                                      x ->
                                                          x[1].equals(String.valueOf(st))
                                                              && x[11].isEmpty()
                                                              && x[12].isEmpty())
                                                  .count()));
                      assertEquals(expected, new java.util.TreeSet<>(ours.keySet()), "streams");
                      for (int st : expected) {
                        int want = Integer.parseInt(last.get(st)[13]);
                        boolean artefact =
                            rows.get(st) == 1
                                && (flags(first.get(st)[8]) & (TcpFlags.SYN | TcpFlags.ACK))
                                    != TcpFlags.SYN;
                        if (!artefact && !broken.contains(st)) {
                          assertEquals(want, ours.get(st), "stream " + st + " completeness");
                        }
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyCaptureAgreesWithTshark() {
    List<Path> captures = SharedCaptures.all();
    assertTrue(captures.size() >= 150, "expected the whole corpus, found " + captures.size());
    return captures.stream()
        .map(c -> DynamicTest.dynamicTest(SharedCaptures.name(c), () -> compare(c)));
  }

  static void compare(Path capture) throws IOException {
    String name = SharedCaptures.name(capture);
    Path err = Path.of(capture + ".tshark.err");
    Result r = analyse(capture);
    if (Files.exists(err)) {
      assertTrue(
          r.error() != null,
          name
              + ": tshark refuses this file ("
              + Files.readString(err).trim()
              + ") but tcplint read it without error");
      return;
    }
    if (Files.size(capture) == 0) {
      // Deliberate: tshark shows a 0-byte file as an empty capture; for a CI job an empty file
      // means the capture failed, so tcplint reports it (capture.truncated, exit 3).
      assertTrue(
          r.error() != null && r.error().truncated(), name + ": empty file must be an error");
      return;
    }
    List<String[]> frames = SharedCaptures.tsv(Path.of(capture + ".frames.tsv"));
    List<String[]> tcp = SharedCaptures.tsv(Path.of(capture + ".tshark.tsv"));
    boolean tsharkReadsAsCapture = frames.stream().noneMatch(x -> x[6].startsWith("mime_dlt"));
    if (!tsharkReadsAsCapture) {
      // tshark fell back to showing the file as a MIME object: it is not a readable capture.
      assertTrue(r.error() != null, name + ": broken pcapng read without error");
      return;
    }
    if (r.error() != null) {
      fail(name + ": tcplint reports " + r.error().getMessage() + " but tshark reads the file");
    }
    assertEquals(frames.size(), r.rows().size(), name + ": frame count");
    Map<Long, Row> byFrame = new LinkedHashMap<>();
    for (Row row : r.rows()) {
      byFrame.put(row.frame(), row);
    }
    for (String[] x : frames) {
      long n = Long.parseLong(x[0]);
      Row row = byFrame.get(n);
      String where = name + " frame " + n;
      if (!x[1].isEmpty()) {
        assertEquals(Integer.parseInt(x[1]), row.iface(), where + ": interface_id");
      }
      assertEquals(Long.parseLong(x[4]), row.len(), where + ": frame.len");
      assertEquals(Integer.parseInt(x[5]), row.capLen(), where + ": frame.cap_len");
      if (!x[3].isEmpty() && normalised(x[3])) {
        assertTrue(row.hasTime(), where + ": timestamp missing");
        assertEquals(x[3], row.sec() + "." + String.format("%09d", row.nanos()), where + ": time");
      }
    }
    Map<Integer, Integer> lastCompleteness = new HashMap<>();
    Map<Integer, String[]> firstRow = new HashMap<>();
    Map<Integer, Integer> rowsPerStream = new HashMap<>();
    java.util.Set<Integer> streamsWithBrokenHeaders = new java.util.HashSet<>();
    int compared = 0;
    Map<Conversation, int[]> secondPass = new HashMap<>();
    for (String[] x : tcp) {
      long n = Long.parseLong(x[0]);
      Row row = byFrame.get(n);
      String where = name + " frame " + n;
      String protocols = frames.get((int) n - 1)[6];
      if (protocols.contains("icmp")) {
        // TCP headers quoted inside ICMP errors are not segments of a conversation.
        continue;
      }
      if (!row.tcp()) {
        // A TCP header we flag as broken (bad data offset, cut below 20 bytes): tshark still
        // shows the fields it could read; so do we.
        assertTrue(
            row.status() == Packet.Status.MALFORMED || row.status() == Packet.Status.TCP_HEADER_CUT,
            where
                + ": tshark sees TCP, tcplint does not ("
                + protocols
                + ", "
                + row.status()
                + ")");
        if (!x[4].isEmpty()) {
          assertEquals(Integer.parseInt(x[4]), row.srcPort(), where + ": srcport");
          assertEquals(Integer.parseInt(x[7]), row.dstPort(), where + ": dstport");
        }
        if (!x[9].isEmpty() && row.status() == Packet.Status.MALFORMED) {
          assertEquals(Long.parseLong(x[9]), row.seq(), where + ": seq_raw");
          assertEquals(Long.parseLong(x[10]), row.ack(), where + ": ack_raw");
          assertEquals(flags(x[8]), row.flags(), where + ": flags " + x[8]);
          assertEquals(Integer.parseInt(x[12]), row.window(), where + ": window");
        }
        if (!x[1].isEmpty()) {
          streamsWithBrokenHeaders.add(Integer.parseInt(x[1]));
        }
        continue;
      }
      compared++;
      assertEquals(Integer.parseInt(x[1]), row.stream(), where + ": tcp.stream");
      assertEquals(Integer.parseInt(x[4]), row.srcPort(), where + ": srcport");
      assertEquals(Integer.parseInt(x[7]), row.dstPort(), where + ": dstport");
      assertEquals(flags(x[8]), row.flags(), where + ": flags " + x[8]);
      assertEquals(Long.parseLong(x[9]), row.seq(), where + ": seq_raw");
      assertEquals(Long.parseLong(x[10]), row.ack(), where + ": ack_raw");
      assertEquals(Integer.parseInt(x[11]), row.tcpLen(), where + ": tcp.len");
      assertEquals(Integer.parseInt(x[12]), row.window(), where + ": window");
      // tshark -2 shows relative numbers against the bases as they stand in its second pass:
      // each side starts from its final first-pass base, and a SYN-ACK with a new ISN moves it
      // again when it is dissected. Replay that over our final bases.
      int[] bases =
          secondPass.computeIfAbsent(
              row.conv(), k -> new int[] {k.endpoint(0).baseSeq, k.endpoint(1).baseSeq});
      int synAck = TcpFlags.SYN | TcpFlags.ACK;
      if ((row.flags() & synAck) == synAck && (int) row.seq() != bases[row.side()]) {
        bases[row.side()] = (int) row.seq();
      }
      long seqRel = Integer.toUnsignedLong((int) row.seq() - bases[row.side()]);
      assertEquals(Long.parseLong(x[16]), seqRel, where + ": tcp.seq (relative)");
      if ((row.flags() & TcpFlags.ACK) != 0) {
        long ackRel = Integer.toUnsignedLong((int) row.ack() - bases[1 - row.side()]);
        assertEquals(Long.parseLong(x[17]), ackRel, where + ": tcp.ack (relative)");
      }
      lastCompleteness.put(row.stream(), Integer.parseInt(x[13]));
      firstRow.putIfAbsent(row.stream(), x);
      rowsPerStream.merge(row.stream(), 1, Integer::sum);
    }
    for (Map.Entry<Integer, Integer> e : lastCompleteness.entrySet()) {
      int stream = e.getKey();
      if (streamsWithBrokenHeaders.contains(stream)) {
        continue;
      }
      String[] first = firstRow.get(stream);
      boolean startsWithPureSyn = (flags(first[8]) & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN;
      if (rowsPerStream.get(stream) == 1 && !startsWithPureSyn) {
        // tshark's first-row artefact (captures/README.md): the first row of a stream that does
        // not begin with a SYN omits that packet's own bits; for a one-packet stream that row is
        // the only one and shows 0. tcplint reports the bits the packet really contributes.
        assertEquals(0, e.getValue(), name + " stream " + stream + ": first-row artefact");
        ARTEFACTS.incrementAndGet();
        continue;
      }
      assertEquals(
          e.getValue(),
          r.completeness().get(stream),
          name + " stream " + stream + ": tcp.completeness");
      STREAMS.incrementAndGet();
    }
    COUNTS.add(new long[] {frames.size(), compared});
  }

  static final java.util.concurrent.atomic.AtomicInteger ARTEFACTS =
      new java.util.concurrent.atomic.AtomicInteger();
  static final java.util.concurrent.atomic.AtomicInteger STREAMS =
      new java.util.concurrent.atomic.AtomicInteger();

  @org.junit.jupiter.api.AfterAll
  static void summary() {
    long frames = COUNTS.stream().mapToLong(c -> c[0]).sum();
    long tcp = COUNTS.stream().mapToLong(c -> c[1]).sum();
    System.out.printf(
        "tshark differential: %d captures read, %d frames, %d TCP segments, %d streams compared"
            + " (%d one-packet first-row artefacts)%n",
        COUNTS.size(), frames, tcp, STREAMS.get(), ARTEFACTS.get());
  }

  static final List<long[]> COUNTS = java.util.Collections.synchronizedList(new ArrayList<>());

  /** tshark prints out-of-range fractions unnormalised (e.g. ".1000000000"); skip those. */
  private static boolean normalised(String epoch) {
    int dot = epoch.indexOf('.');
    return !epoch.startsWith("-") && dot > 0 && epoch.length() - dot - 1 == 9;
  }
}
