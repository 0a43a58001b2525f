package org.tcplint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tcplint.testing.CaptureBuilder;
import org.tcplint.testing.Packets;

/** Handshake repeats, resets, reuse and capture artefacts: exact finding plus a silent twin. */
class MoreRuleScenariosTest {
  @TempDir Path dir;

  static CaptureBuilder open3() {
    return RuleScenariosTest.open3();
  }

  static CaptureBuilder closed() {
    return open3().c("FA", 501, 9001).s("FA", 9001, 502).c("A", 502, 9002).done();
  }

  /** rule, bad trace, frame, expected (or null), actual (or null), good trace. */
  static Stream<Arguments> cases() {
    CaptureBuilder storm = open3();
    for (int i = 0; i < 1000; i++) {
      storm.c("RA", 501, 9001).sleep(1000);
    }
    CaptureBuilder calm = open3();
    for (int i = 0; i < 999; i++) {
      calm.c("RA", 501, 9001).sleep(1000);
    }
    CaptureBuilder synFlood = CaptureBuilder.tcp();
    CaptureBuilder fewSyns = CaptureBuilder.tcp();
    for (int i = 0; i < 11; i++) {
      synFlood.c("S", 1000 + 100 * i, 0).done();
      if (i < 10) {
        fewSyns.c("S", 1000 + 100 * i, 0).done();
      }
    }
    byte[] otherMac =
        Packets.ethernet(
            Packets.ip(
                "192.0.2.1",
                "198.51.100.7",
                0,
                77,
                Packets.tcp(50000, 80, 501, 9001, 0x010, 65535, 0, new byte[0], new byte[0])));
    otherMac[6] = 0x0A; // source MAC changes
    return Stream.of(
        Arguments.of(
            "handshake.syn-options-changed",
            CaptureBuilder.tcp().c("S", 500, 0).mss(1460).c("S", 500, 0).mss(1400).pcapng(),
            2L,
            null,
            null,
            CaptureBuilder.tcp().c("S", 500, 0).mss(1460).c("S", 500, 0).mss(1460).pcapng()),
        Arguments.of(
            "handshake.synack-isn-changed",
            CaptureBuilder.tcp().c("S", 500, 0).s("SA", 9000, 501).s("SA", 7000, 501).pcapng(),
            3L,
            9000L,
            7000L,
            CaptureBuilder.tcp().c("S", 500, 0).s("SA", 9000, 501).s("SA", 9000, 501).pcapng()),
        Arguments.of(
            "handshake.synack-ack-changed",
            CaptureBuilder.tcp().c("S", 500, 0).s("SA", 9000, 501).s("SA", 9000, 502).pcapng(),
            3L,
            501L,
            502L,
            CaptureBuilder.tcp().c("S", 500, 0).s("SA", 9000, 501).s("SA", 9000, 501).pcapng()),
        Arguments.of(
            "handshake.synack-after-established",
            open3().s("PA", 9001, 501).len(5).s("SA", 9000, 501).pcapng(),
            5L,
            null,
            null,
            CaptureBuilder.tcp()
                .c("S", 500, 0)
                .s("SA", 9000, 501)
                .s("SA", 9000, 501)
                .c("A", 501, 9001)
                .pcapng()),
        Arguments.of(
            "handshake.challenge-ack",
            open3().c("S", 500, 0).s("A", 9001, 501).pcapng(),
            5L,
            null,
            null,
            open3().c("S", 500, 0).s("PA", 9001, 501).len(3).pcapng()),
        Arguments.of(
            "handshake.syn-after-partial",
            CaptureBuilder.tcp().c("PA", 501, 9001).len(5).c("S", 70000, 0).pcapng(),
            2L,
            null,
            null,
            CaptureBuilder.tcp().c("PA", 501, 9001).len(5).pcapng()),
        Arguments.of(
            "handshake.syn-isn-changed",
            CaptureBuilder.tcp().c("S", 500, 0).c("S", 800, 0).pcapng(),
            2L,
            null,
            null,
            CaptureBuilder.tcp().c("S", 500, 0).c("S", 500, 0).pcapng()),
        Arguments.of(
            "handshake.syn-flood-on-tuple", synFlood.pcapng(), 11L, null, null, fewSyns.pcapng()),
        Arguments.of(
            "handshake.syn-with-data",
            CaptureBuilder.tcp().c("S", 500, 0).len(10).pcapng(),
            1L,
            null,
            null,
            CaptureBuilder.tcp().c("S", 500, 0).pcapng()),
        Arguments.of(
            "tfo.data-not-acked",
            CaptureBuilder.tcp().c("S", 500, 0).tfo(8).len(10).s("SA", 9000, 501).pcapng(),
            2L,
            511L,
            501L,
            CaptureBuilder.tcp().c("S", 500, 0).tfo(8).len(10).s("SA", 9000, 511).pcapng()),
        Arguments.of(
            "tfo.data-not-resent",
            CaptureBuilder.tcp()
                .c("S", 500, 0)
                .tfo(8)
                .len(10)
                .s("SA", 9000, 501)
                .c("A", 501, 9001)
                .pcapng(),
            2L,
            511L,
            501L,
            CaptureBuilder.tcp()
                .c("S", 500, 0)
                .tfo(8)
                .len(10)
                .s("SA", 9000, 501)
                .c("A", 501, 9001)
                .c("PA", 501, 9001)
                .len(10)
                .pcapng()),
        Arguments.of(
            "seq.ack-unsent-data",
            open3()
                .c("PA", 501, 9001)
                .len(10)
                .s("A", 9001, 600)
                .c("PA", 511, 9001)
                .len(10)
                .pcapng(),
            5L,
            511L,
            600L,
            open3().c("PA", 501, 9001).len(10).s("A", 9001, 511).pcapng()),
        Arguments.of(
            "close.fin-invalid-ack",
            open3().s("FA", 9001, 900).c("PA", 501, 9002).len(10).pcapng(),
            4L,
            501L,
            900L,
            open3().s("FA", 9001, 501).pcapng()),
        Arguments.of(
            "close.pending-data",
            open3().c("PA", 601, 9001).len(10).c("FA", 611, 9001).s("FA", 9001, 501).pcapng(),
            6L,
            null,
            null,
            open3().c("FA", 501, 9001).s("FA", 9001, 502).pcapng()),
        Arguments.of(
            "close.syn-during-shutdown",
            open3().c("FA", 501, 9001).c("S", 70000, 0).pcapng(),
            5L,
            null,
            null,
            closed().c("S", 70000, 0).pcapng()),
        Arguments.of("close.fin-rst-storm", storm.pcapng(), 1003L, null, null, calm.pcapng()),
        Arguments.of(
            "close.rst-after-fin",
            open3().c("FA", 501, 9001).s("A", 9001, 502).c("RA", 502, 9001).pcapng(),
            6L,
            null,
            null,
            open3().c("RA", 501, 9001).pcapng()),
        Arguments.of(
            "close.spontaneous",
            CaptureBuilder.tcp().c("FA", 501, 9001).pcapng(),
            1L,
            null,
            null,
            open3().c("FA", 501, 9001).pcapng()),
        Arguments.of(
            "close.inappropriate-fin",
            CaptureBuilder.tcp().c("S", 500, 0).c("FA", 501, 0).pcapng(),
            2L,
            null,
            null,
            open3().c("FA", 501, 9001).pcapng()),
        Arguments.of(
            "conv.reuse-premature",
            closed().c("S", 70000, 0).pcapng(),
            7L,
            null,
            null,
            closed().sleep(130_000_000L).c("S", 70000, 0).pcapng()),
        Arguments.of(
            "conv.reuse-isn-not-increasing",
            closed().c("S", 100, 0).pcapng(),
            7L,
            503L,
            100L,
            closed().c("S", 70000, 0).pcapng()),
        Arguments.of(
            "conv.l2-change",
            open3().frame(otherMac).pcapng(),
            4L,
            null,
            null,
            open3().c("A", 501, 9001).pcapng()),
        Arguments.of(
            "conv.one-direction",
            CaptureBuilder.tcp().c("S", 500, 0).pcapng(),
            1L,
            null,
            null,
            open3().pcapng()),
        Arguments.of(
            "conv.role-flip",
            CaptureBuilder.tcp().s("SA", 9000, 501).c("S", 500, 0).c("A", 501, 9001).pcapng(),
            1L,
            null,
            null,
            open3().pcapng()),
        Arguments.of(
            "rst.reply-shape",
            CaptureBuilder.tcp().c("S", 500, 0).s("RA", 77, 501).pcapng(),
            2L,
            0L,
            77L,
            CaptureBuilder.tcp().c("S", 500, 0).s("RA", 0, 501).pcapng()),
        Arguments.of(
            "rst.in-window-inexact",
            open3().c("RA", 600, 9001).pcapng(),
            4L,
            501L,
            600L,
            open3().c("RA", 501, 9001).pcapng()),
        Arguments.of(
            "rst.out-of-window",
            open3().c("R", 900000, 0).pcapng(),
            4L,
            501L,
            900000L,
            open3().c("R", 501, 0).pcapng()),
        Arguments.of(
            "rst.invalid-ack",
            open3().c("RA", 501, 12000).pcapng(),
            4L,
            9001L,
            12000L,
            open3().c("RA", 501, 9001).pcapng()),
        Arguments.of(
            "rst.in-time-wait",
            closed().s("R", 9002, 0).pcapng(),
            7L,
            null,
            null,
            closed().pcapng()),
        Arguments.of(
            "capture.duplicate",
            open3().c("PA", 501, 9001).len(5).sleep(-990).frame(lastFrameCopy()).pcapng(),
            5L,
            null,
            null,
            open3().c("PA", 501, 9001).len(5).pcapng()),
        Arguments.of(
            "handshake.synack-wrong-ack",
            CaptureBuilder.tcp().c("S", 500, 0).tfo(8).len(10).s("SA", 9000, 520).pcapng(),
            2L,
            501L,
            520L,
            CaptureBuilder.tcp().c("S", 500, 0).tfo(8).len(10).s("SA", 9000, 511).pcapng()));
  }

  /** The 4th segment of open3 + one data segment, captured twice (same IP id). */
  static byte[] lastFrameCopy() {
    return Packets.ethernet(
        Packets.ip(
            "192.0.2.1",
            "198.51.100.7",
            0,
            4,
            Packets.tcp(50000, 80, 501, 9001, 0x018, 65535, 0, new byte[0], new byte[5])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ruleFiresAndTwinIsSilent(
      String rule, byte[] bad, long frame, Long expected, Long actual, byte[] good)
      throws IOException {
    List<Finding> found = RuleScenariosTest.of(RuleScenariosTest.check(dir, bad), rule);
    assertEquals(1, found.size(), rule + " findings: " + found);
    Finding f = found.get(0);
    assertEquals(frame, f.frame(), rule + ": " + f);
    assertEquals(expected, f.expected(), rule + ": " + f);
    assertEquals(actual, f.actual(), rule + ": " + f);
    assertTrue(
        RuleScenariosTest.of(RuleScenariosTest.check(dir, good), rule).isEmpty(),
        rule + " fires on the correct trace");
  }
}
