package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tcplint.rules.Finding;
import org.tcplint.rules.RuleLevels;
import org.tcplint.testing.SharedCaptures;

/**
 * A conversation's summary (open and close shape) never contradicts its findings, on every capture
 * of {@code testdata/} and of the shared corpus: each close shape has its classification finding
 * and each classification its shape; a rejected open has its RST finding; a refusal that the
 * summary does not show was ignored by the client ({@code rst.ignored}).
 */
class ShapeConsistencyTest {
  private static final Map<String, String> CLOSE =
      Map.of(
          "four-way", "close.graceful-4way",
          "three-way", "close.graceful-3way",
          "simultaneous", "close.simultaneous",
          "half-closed", "close.half-closed-open");

  @TestFactory
  Stream<DynamicTest> testdataShapesAgreeWithFindings() throws IOException {
    return org.tcplint.testing.Testdata.captures().stream()
        .map(p -> DynamicTest.dynamicTest(p.toString(), () -> check(p)));
  }

  @Test
  void corpusShapesAgreeWithFindings() {
    List<Path> files = SharedCaptures.all();
    assertTrue(files.size() > 100, "corpus captures: " + files.size());
    for (Path p : files) {
      check(p);
    }
  }

  private static void check(Path p) {
    FileResult r = new Checker(new RuleLevels()).check(p, p.toString());
    Map<Integer, Set<String>> rules = new HashMap<>();
    for (Finding f : r.findings()) {
      rules.computeIfAbsent(f.stream(), k -> new HashSet<>()).add(f.rule());
    }
    List<String> wrong = new ArrayList<>();
    for (ConversationSummary c : r.conversations()) {
      Set<String> has = rules.getOrDefault(c.stream(), Set.of());
      String where = p + " stream " + c.stream() + " (" + c.open() + "/" + c.close() + "): ";
      for (Map.Entry<String, String> e : CLOSE.entrySet()) {
        if (c.close().equals(e.getKey()) != has.contains(e.getValue())) {
          wrong.add(where + e.getValue());
        }
      }
      boolean resetFinding = has.contains("close.abort") || has.contains("close.rst-after-fin");
      if (c.close().equals("reset") != resetFinding) {
        wrong.add(where + "reset without close.abort/close.rst-after-fin, or the reverse");
      }
      if (c.open().equals("rejected") && !has.contains("handshake.rejected")) {
        wrong.add(where + "rejected without handshake.rejected");
      }
      if (has.contains("handshake.rejected")
          && !c.open().equals("rejected")
          && !has.contains("rst.ignored")) {
        wrong.add(where + "handshake.rejected, but the open is not rejected and no rst.ignored");
      }
      if (has.contains("close.pending-data") && !CLOSE.containsKey(c.close())) {
        wrong.add(where + "close.pending-data without both FINs");
      }
      if (has.contains("close.open-at-end") && !c.close().equals("none")) {
        wrong.add(where + "close.open-at-end with a close");
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }
}
