package org.tcplint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tcplint.rules.Anchors.Tool;

/** The catalog's anchor columns: filled for every rule, as the spec's rule tables have them. */
class CatalogTest {
  /** Rules tcplint added beside the spec's tables: their anchor cells were filled by hand. */
  private static final Set<String> NOT_IN_THE_TABLES =
      Set.of(
          "capture.malformed",
          "capture.truncated",
          "capture.snaplen",
          "capture.duplicate",
          "capture.checksum-offload",
          "capture.unsupported-link",
          "decode.malformed",
          "capture.flow-table-full",
          "capture.state-freed",
          "capture.findings-capped");

  @Test
  void everyRuleHasItsFourAnchorCells() {
    for (RuleDescriptor d : Catalog.all()) {
      Anchors a = d.anchors();
      for (String cell : List.of(a.wireshark(), a.suricata(), a.zeek(), a.other())) {
        assertFalse(cell.isBlank(), d.id());
        assertEquals(cell.strip(), cell, d.id());
      }
    }
  }

  @Test
  void aCellCountsAsACheckWhenItNamesOne() {
    assertTrue(Anchors.checks("`bad_SYN_ack`"));
    assertTrue(Anchors.checks("history `Q`"));
    assertTrue(Anchors.checks("completeness without bit 1"));
    assertFalse(Anchors.checks("—"));
    assertFalse(
        Anchors.checks("— (Zeek does not follow the ACK of a FIN; `SF` needs only both FINs)"));
    assertFalse(Anchors.checks("(`ack_lost_segment` if ack too high)"));
  }

  @Test
  void checkedByListsTheToolsInCatalogOrder() {
    assertEquals(
        List.of(Tool.SURICATA, Tool.ZEEK),
        Catalog.get("handshake.synack-wrong-ack").anchors().checkedBy());
    assertEquals(
        List.of(Tool.WIRESHARK, Tool.SURICATA, Tool.ZEEK),
        Catalog.get("pkt.bad-data-offset").anchors().checkedBy());
    assertEquals(List.of(Tool.WIRESHARK), Catalog.get("seq.out-of-order").anchors().checkedBy());
    assertEquals(List.of(), Catalog.get("close.fin-unacked").anchors().checkedBy());
    assertEquals(List.of(), Catalog.get("conv.l2-change").anchors().checkedBy());
  }

  @Test
  void wiresharkNotesAreAboutCatalogRules() {
    for (String id : Catalog.wiresharkNoteIds()) {
      assertTrue(Catalog.contains(id), "wireshark-notes.tsv names an unknown rule " + id);
      assertFalse(Catalog.wiresharkNote(id).isBlank(), id);
    }
    assertNull(Catalog.wiresharkNote("pkt.syn-urg"));
  }

  /**
   * The anchor cells are the Suricata, Zeek, Wireshark and Other cells of {@code spec/rules.md} §8,
   * word for word, and every rule of those tables is in the catalog.
   */
  @Test
  void anchorsAreTheCellsOfTheSpecTables() throws Exception {
    Path spec = Path.of(System.getProperty("tcplint.shared", "../shared"), "spec", "rules.md");
    Assumptions.assumeTrue(Files.isRegularFile(spec), spec + " not found; skipping");
    Map<String, String[]> rows = new LinkedHashMap<>();
    boolean tables = false;
    for (String line : Files.readAllLines(spec)) {
      if (line.startsWith("## ")) {
        tables = line.startsWith("## 8.");
      } else if (tables && line.startsWith("| `")) {
        String[] c = line.substring(2, line.length() - 2).split(" \\| ", -1);
        assertEquals(8, c.length, line);
        rows.put(c[0].replace("`", ""), c);
      }
    }
    assertTrue(rows.size() > 100, "rows read from " + spec);
    for (Map.Entry<String, String[]> e : rows.entrySet()) {
      String[] c = e.getValue();
      assertEquals(
          new Anchors(c[5], c[3], c[4], c[7]), Catalog.get(e.getKey()).anchors(), e.getKey());
    }
    for (RuleDescriptor d : Catalog.all()) {
      assertTrue(
          rows.containsKey(d.id()) || NOT_IN_THE_TABLES.contains(d.id()),
          d.id() + " is neither in the spec tables nor one of tcplint's own rules");
    }
  }
}
