package org.tcplint.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.cli.Main;
import org.tcplint.report.JsonReport;
import org.tcplint.rules.Finding;
import org.tcplint.rules.Severity;

/** The library API: the same results however a capture is handed over, sinks, configuration. */
class TcplintTest {
  private static final Path SEED = Path.of("testdata/seed-wrong-synack-ack.pcapng");

  @Test
  void aPathBytesAndAStreamGiveTheSameResult() throws Exception {
    try (Tcplint t = Tcplint.builder().threads(2).build()) {
      String fromPath = JsonReport.fileJson(t.check(SEED, "seed"));
      byte[] bytes = Files.readAllBytes(SEED);
      assertEquals(fromPath, JsonReport.fileJson(t.check(bytes, "seed")));
      assertEquals(fromPath, JsonReport.fileJson(t.check(new ByteArrayInputStream(bytes), "seed")));
      // The seed example's wrong SYN-ACK (ERRATA.md): acknowledges 5001 where 501 was due.
      assertTrue(fromPath.contains("handshake.synack-wrong-ack"), fromPath);
      assertTrue(fromPath.contains("\"expected\": 501,"), fromPath);
    }
  }

  @Test
  void ruleLevelsApply() {
    try (Tcplint off = Tcplint.builder().rule("handshake.*", Severity.OFF).threads(1).build()) {
      FileResult r = off.check(SEED);
      assertTrue(
          r.findings().stream().noneMatch(f -> f.rule().startsWith("handshake.")),
          r.findings().toString());
      r.release();
    }
    assertThrows(
        IllegalArgumentException.class, () -> Tcplint.builder().rule("no.such-rule", Severity.OFF));
    assertThrows(IllegalArgumentException.class, () -> Tcplint.builder().threads(0));
  }

  @Test
  void aSinkGetsTheConversationsThenTheFindingsThenTheResult() {
    ResultSink sink = mock(ResultSink.class);
    FileResult expected;
    try (Tcplint t = Tcplint.builder().threads(1).build()) {
      expected = t.check(SEED);
      List<ConversationSummary> conversations = new ArrayList<>(expected.conversations());
      List<Finding> findings = new ArrayList<>(expected.findings());
      t.check(SEED, sink);
      InOrder order = inOrder(sink);
      for (ConversationSummary c : conversations) {
        order.verify(sink).conversation(c);
      }
      for (Finding f : findings) {
        order.verify(sink).finding(f);
      }
      order.verify(sink).end(any(FileResult.class));
      verify(sink, times(conversations.size())).conversation(any());
      verify(sink, times(findings.size())).finding(any());
      assertTrue(findings.size() > 0 && conversations.size() > 0);
    }
  }

  @Test
  void aMissingFileIsAFindingNotAnException() {
    try (Tcplint t = Tcplint.builder().build()) {
      FileResult r = t.check(Path.of("testdata/no-such.pcapng"));
      assertEquals("cannot read: no such file", r.error());
      assertEquals("capture.malformed", r.findings().get(0).rule());
    }
  }

  @Test
  void checkAllKeepsTheOrderGiven() throws Exception {
    List<Path> paths =
        List.of(SEED, Path.of("testdata/clean-http.pcapng"), SEED, Path.of("testdata/none.pcap"));
    List<String> one = new ArrayList<>();
    try (Tcplint t = Tcplint.builder().threads(1).build()) {
      for (FileResult r : t.checkAll(paths, n -> {}, (p, ns) -> {})) {
        one.add(r.path() + " " + r.findings().size() + " " + r.error());
      }
    }
    List<String> three = new ArrayList<>();
    try (Tcplint t = Tcplint.builder().threads(3).build()) {
      for (FileResult r : t.checkAll(paths, n -> {}, (p, ns) -> {})) {
        three.add(r.path() + " " + r.findings().size() + " " + r.error());
      }
    }
    assertEquals(4, one.size());
    assertEquals(one, three);
    assertTrue(one.get(3).endsWith("cannot read: no such file"), one.get(3));
  }

  @Test
  void aStreamHandedToASinkGivesWhatThePathGives() throws Exception {
    List<Object> fromPath = new ArrayList<>();
    List<Object> fromStream = new ArrayList<>();
    try (Tcplint t = Tcplint.builder().threads(2).build()) {
      t.check(SEED, recorder(fromPath));
      t.check(
          new ByteArrayInputStream(Files.readAllBytes(SEED)),
          SEED.toString(),
          recorder(fromStream));
    }
    assertEquals(fromPath, fromStream);
    assertTrue(fromPath.size() >= 3, fromPath.toString()); // a conversation, findings, the end
  }

  private static ResultSink recorder(List<Object> events) {
    return new ResultSink() {
      @Override
      public void conversation(ConversationSummary c) {
        events.add(c);
      }

      @Override
      public void finding(Finding f) {
        events.add(f);
      }

      @Override
      public void end(FileResult r) {
        events.add(r.path() + " " + r.packets() + " " + r.error());
      }
    };
  }

  /** What {@code tcplint check -f FORMAT FILES...} writes on standard output. */
  private static String commandLine(String format, List<Path> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("check", "--no-progress", "-f", format));
    files.forEach(f -> args.add(f.toString()));
    Main.run(
        args.toArray(new String[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aReportIsTheCommandLinesReportInEveryFormat() throws Exception {
    List<Path> files = List.of(SEED, Path.of("testdata/clean-http.pcapng"));
    assertEquals(8, Tcplint.formats().size());
    try (Tcplint t = Tcplint.builder().threads(2).build()) {
      for (String format : Tcplint.formats()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.report(format, t.checkAll(files), out);
        String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(commandLine(format, files), report, format);
        assertTrue(report.length() > 100, format + ": " + report);
      }
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      t.report("json", t.checkAll(List.of(SEED)), json);
      String doc = json.toString(StandardCharsets.UTF_8);
      // RFC 9293: the SYN's ISN 500 takes one sequence number, so the SYN-ACK acknowledges 501.
      assertTrue(doc.contains("\"schemaVersion\": 1"), doc);
      assertTrue(doc.contains("\"expected\": 501,\n") && doc.contains("\"actual\": 5001"), doc);
    }
  }

  @Test
  void aReportFlushesTheCallersStreamButLeavesItOpen() throws Exception {
    OutputStream out = mock(OutputStream.class);
    try (Tcplint t = Tcplint.builder().threads(1).build()) {
      t.report("jsonl", t.checkAll(List.of(SEED)), out);
    }
    verify(out, atLeastOnce()).write(any(byte[].class), anyInt(), anyInt());
    verify(out, atLeastOnce()).flush();
    verify(out, never()).close();
  }

  @Test
  void anUnknownFormatIsRefusedWithTheKnownOnes() {
    try (Tcplint t = Tcplint.builder().threads(1).build()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> t.report("yaml", List.of(), new ByteArrayOutputStream()));
      assertEquals(
          "unknown format 'yaml' (text, json, jsonl, junit, sarif, wireshark, github, html)",
          e.getMessage());
    }
  }

  @Test
  void withoutSummariesTheCountOnlyReportsAreTheSameAndTheOthersAreRefused() throws Exception {
    List<Path> files = List.of(SEED, Path.of("testdata/clean-http.pcapng"));
    try (Tcplint t = Tcplint.builder().threads(2).summaries(false).build()) {
      FileResult r = t.check(SEED);
      assertEquals(1, r.conversationCount());
      assertTrue(r.conversations().isEmpty());
      r.release();
      for (String format : List.of("jsonl", "sarif", "github")) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.report(format, t.checkAll(files), out);
        assertEquals(commandLine(format, files), out.toString(StandardCharsets.UTF_8), format);
      }
      for (String format : List.of("text", "json", "junit", "html", "wireshark")) {
        IllegalStateException e =
            assertThrows(
                IllegalStateException.class,
                () -> t.report(format, List.of(), new ByteArrayOutputStream()),
                format);
        assertTrue(e.getMessage().startsWith("the " + format + " report lists conversations"));
      }
    }
  }
}
