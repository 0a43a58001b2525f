package org.tcplint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.example.Ladder;
import org.tcplint.example.LadderCapture;
import org.tcplint.testing.Packets;
import org.tcplint.testing.PcapngWriter;
import org.tcplint.testing.SharedCaptures;

/**
 * The cases of the timestamp, ECN and SACK rules that the one-line examples do not show: what keeps
 * legal traffic quiet (retransmissions, reordering, D-SACK, AccECN, capture gaps) and the
 * once-per-direction counting.
 */
class TimestampEcnSackTest {
  private static final String TS = "C S 500 0 ts=100/0 ; S SA 9000 501 ts=700/100 ; ";
  private static final String SACK =
      "C S 500 0 sackperm ; S SA 9000 501 sackperm ; C A 501 9001 ; ";

  private static List<Finding> of(String ladder, String rule) {
    FileResult r =
        new Checker(new RuleLevels()).check(LadderCapture.pcapng(Ladder.parse(ladder)), "t");
    return r.findings().stream().filter(f -> f.rule().equals(rule)).toList();
  }

  private static List<Finding> all(String ladder, String prefix) {
    FileResult r =
        new Checker(new RuleLevels()).check(LadderCapture.pcapng(Ladder.parse(ladder)), "t");
    return r.findings().stream().filter(f -> f.rule().startsWith(prefix)).toList();
  }

  @Test
  void retransmissionKeepsItsOldTsvalWithoutRegression() {
    String ladder =
        TS
            + "C A 501 9001 ts=101/700 ; C PA 501 9001 len=10 ts=102/700 ;"
            + " C PA 511 9001 len=10 ts=103/700 ; C PA 501 9001 len=10 ts=102/700";
    assertEquals(List.of(), all(ladder, "ts."));
  }

  @Test
  void segmentReorderedBeforeTheCaptureIsNotARegression() {
    String ladder =
        TS
            + "C A 501 9001 ts=101/700 ; C PA 511 9001 len=10 ts=103/700 ;"
            + " C PA 501 9001 len=10 ts=102/700";
    assertEquals(List.of(), of(ladder, "ts.tsval-regression"));
  }

  @Test
  void regressionIsReportedOncePerDirectionWithACount() {
    String ladder =
        TS
            + "C A 501 9001 ts=200/700 ; C PA 501 9001 len=10 ts=150/700 ;"
            + " C PA 511 9001 len=10 ts=120/700";
    List<Finding> f = of(ladder, "ts.tsval-regression");
    assertEquals(1, f.size(), f.toString());
    assertEquals(4, f.get(0).frame());
    assertEquals(200L, f.get(0).expected());
    assertEquals(150L, f.get(0).actual());
    assertTrue(f.get(0).message().endsWith("(first of 2 regressions)"), f.get(0).message());
  }

  @Test
  void tsecrUnseenIsAWarningAndNeedsAGaplessPeer() {
    List<Finding> f = of(TS + "C A 501 9001 ts=101/800", "ts.tsecr-unseen");
    assertEquals(1, f.size());
    assertEquals(Severity.WARNING, f.get(0).severity());
    // The server's direction has a gap: the TSval 800 may be on a segment the capture missed.
    String gap =
        TS
            + "C A 501 9001 ts=101/700 ; S PA 9001 501 len=10 ts=710/101 ;"
            + " S PA 9021 501 len=10 ts=790/101 ; C A 501 9031 ts=102/800";
    assertEquals(List.of(), of(gap, "ts.tsecr-unseen"));
    // Without the handshake there is nothing to judge by.
    assertEquals(List.of(), of("C A 501 9001 ts=101/700 ; S A 9001 501 ts=600/900", "ts."));
  }

  @Test
  void synAckMayEchoAnyCopyOfTheSyn() {
    String ladder =
        "C S 500 0 ts=100/0 ; C S 500 0 ts=130/0 ; S SA 9000 501 ts=700/100 ;"
            + " S SA 9000 501 ts=760/130 ; C A 501 9001 ts=140/760";
    assertEquals(List.of(), all(ladder, "ts."));
    List<Finding> f =
        of(
            "C S 500 0 ts=100/0 ; C S 500 0 ts=130/0 ; S SA 9000 501 ts=700/120",
            "ts.synack-echo-mismatch");
    assertEquals(1, f.size());
    assertEquals(130L, f.get(0).expected());
    assertEquals(120L, f.get(0).actual());
  }

  @Test
  void missingTimestampsCountedOncePerDirection() {
    String ladder = TS + "C A 501 9001 ; C PA 501 9001 len=5 ; S A 9001 506 ts=701/101";
    List<Finding> f = of(ladder, "ts.missing-after-negotiation");
    assertEquals(1, f.size(), f.toString());
    assertEquals(3, f.get(0).frame());
    assertTrue(f.get(0).message().contains("(first of 2 segments without TSopt)"));
    // A RST may go without TSopt.
    assertEquals(List.of(), of(TS + "C A 501 9001 ts=101/700 ; C R 501 0", "ts."));
  }

  @Test
  void synWhoseOptionsTheSnaplenCutOffersUnknownOptions() {
    byte[] tsOption = {1, 1, 8, 10, 0, 0, 0, 100, 0, 0, 0, 0};
    byte[] syn =
        Packets.ethernet(
            Packets.ip(
                "192.0.2.1",
                "198.51.100.7",
                0,
                Packets.tcp(50000, 80, 500, 0, 0x002, 65535, 0, tsOption, new byte[0])));
    byte[] synAck =
        Packets.ethernet(
            Packets.ip(
                "198.51.100.7",
                "192.0.2.1",
                0,
                Packets.tcp(
                    80,
                    50000,
                    9000,
                    501,
                    0x012,
                    65535,
                    0,
                    new byte[] {1, 1, 8, 10, 0, 0, 2, (byte) 188, 0, 0, 0, 100},
                    new byte[0])));
    long t = 1_764_000_000_000_000L;
    byte[] capture =
        new PcapngWriter()
            .section(java.nio.ByteOrder.LITTLE_ENDIAN)
            .iface(1, 0, -1)
            .epb(0, t, java.util.Arrays.copyOf(syn, 60), syn.length)
            .epb(0, t + 1000, synAck)
            .bytes();
    FileResult r = new Checker(new RuleLevels()).check(capture, "cut");
    assertTrue(r.findings().stream().noneMatch(f -> f.rule().startsWith("ts.")), r.toString());
  }

  @Test
  void dsackInsideTheSecondBlock() {
    String ladder =
        SACK
            + "C PA 501 9001 len=10 ; C PA 511 9001 len=10 ; C PA 521 9001 len=10 ;"
            + " C PA 521 9001 len=10 ; S A 9001 501 sack=521-531,511-531";
    List<Finding> f = of(ladder, "opt.dsack");
    assertEquals(1, f.size());
    assertEquals(8, f.get(0).frame());
    assertEquals(List.of(), of(ladder, "opt.sack-block-invalid"));
  }

  @Test
  void invalidBlocks() {
    String data = SACK + "C PA 501 9001 len=10 ; C PA 511 9001 len=10 ; C PA 521 9001 len=10 ; ";
    // A second block below the cumulative ACK.
    List<Finding> below = of(data + "S A 9001 521 sack=511-521,501-511", "opt.sack-block-invalid");
    assertEquals(1, below.size(), below.toString());
    assertEquals(521L, below.get(0).expected());
    assertEquals(511L, below.get(0).actual());
    // Left edge not below the right edge.
    List<Finding> empty = of(data + "S A 9001 501 sack=521-511", "opt.sack-block-invalid");
    assertEquals(1, empty.size(), empty.toString());
    assertEquals(511L, empty.get(0).expected());
    assertEquals(521L, empty.get(0).actual());
    // An ordinary SACK of out-of-order data is legal.
    assertEquals(List.of(), all(data + "S A 9001 501 sack=511-531", "opt.sack-block"));
    assertEquals(List.of(), all(data + "S A 9001 501 sack=511-531", "opt.dsack"));
  }

  @Test
  void ectOnRetransmissionsAndProbes() {
    String setup = "C SEC 500 0 ; S SAE 9000 501 ; C A 501 9001 ; ";
    List<Finding> retx =
        of(
            setup + "C PA 501 9001 len=10 ecn=2 ; C PA 501 9001 len=10 ecn=2",
            "ecn.ect-on-ack-or-retx");
    assertEquals(1, retx.size());
    assertEquals(5, retx.get(0).frame());
    assertTrue(retx.get(0).message().startsWith("a retransmission"), retx.get(0).message());
    List<Finding> probe =
        of(setup + "S A 9001 501 win=0 ; C PA 501 9001 len=1 ecn=1", "ecn.ect-on-ack-or-retx");
    assertEquals(1, probe.size());
    assertTrue(probe.get(0).message().startsWith("a zero-window probe"));
    // AccECN (SYN with AE, CWR and ECE; SYN-ACK with CWR) may mark its ACKs and use the flags.
    String accecn =
        "C SECN 500 0 ; S SAC 9000 501 ; C AE 501 9001 ecn=2 ; S ACE 9001 501 ecn=1 ;"
            + " C PA 501 9001 len=10 ecn=2";
    assertEquals(List.of(), all(accecn, "ecn."));
  }

  /** tcpdump's AccECN handshake capture: the negotiation and its ACE counters are legal. */
  @Test
  void accEcnCaptureIsQuiet() {
    Path capture = SharedCaptures.root().resolve("tcpdump/accecn_handshake.pcap");
    FileResult r = new Checker(new RuleLevels()).check(capture, "accecn");
    assertTrue(
        r.findings().stream().noneMatch(f -> f.rule().startsWith("ecn.")), r.findings().toString());
  }
}
