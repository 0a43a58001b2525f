package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tcplint.rules.Catalog;
import org.tcplint.testing.Cli;

/**
 * {@code tcplint rules} in its three formats: the anchors of a rule, a rule no anchor tool checks,
 * and the closing count.
 */
class RulesCommandTest {
  private static final String COUNT = "134 rules; 39 checked by none of Wireshark, Suricata, Zeek";

  private static List<String> lines(String... args) {
    return Cli.run(args).lines().toList();
  }

  private static String line(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
  }

  @Test
  void textShowsWhoChecksEachRuleAndEndsWithTheCount() {
    List<String> out = lines("rules");
    assertEquals(
        "id                                       severity tier  checked by                condition",
        out.get(0));
    assertEquals(
        "handshake.synack-wrong-ack               error    core  Suricata, Zeek            SYN-ACK"
            + " ack ≠ ISNc+1 (with SYN data L: ack not in [ISNc+1, ISNc+1+L])",
        line(out, "handshake.synack-wrong-ack "));
    assertEquals(
        "seq.out-of-order                         info     full  Wireshark                 a segment"
            + " that fills a hole (bytes never captured) within the reordering time: max(3 ms, the"
            + " handshake RTT) after the sender's highest segment (clarification 12)",
        line(out, "seq.out-of-order "));
    assertEquals(
        "conv.l2-change                           info     core  none                      MAC"
            + " address of an endpoint changes during the conversation",
        line(out, "conv.l2-change "));
    assertEquals(COUNT, out.get(out.size() - 1));
    assertEquals(Catalog.all().size() + 2, out.size());
  }

  @Test
  void markdownHasTheAnchorColumnsMarksUncheckedRulesAndEndsWithTheCount() {
    List<String> out = lines("rules", "--format", "markdown");
    assertEquals(
        "| id | severity | tier | checked by | RFC | condition | Wireshark | Suricata | Zeek |"
            + " Other |",
        line(out, "| id "));
    assertEquals(
        "| <a id=\"handshake.synack-wrong-ack\"></a>`handshake.synack-wrong-ack` | error | core |"
            + " Suricata, Zeek | 9293 §3.10.7.3 (SEG.ACK =< ISS or > SND.NXT → RST) | SYN-ACK ack ≠"
            + " ISNc+1 (with SYN data L: ack not in [ISNc+1, ISNc+1+L]) | (`ack_lost_segment` if ack"
            + " too high) | `3whs_synack_with_wrong_ack` | `bad_SYN_ack` | — |",
        line(out, "| <a id=\"handshake.synack-wrong-ack\">"));
    assertEquals(
        "| <a id=\"conv.l2-change\"></a>`conv.l2-change` | info | core | **none** | — | MAC address"
            + " of an endpoint changes during the conversation | — | — | — | Snort 129:9/10 |",
        line(out, "| <a id=\"conv.l2-change\">"));
    assertEquals("", out.get(out.size() - 2));
    assertEquals(COUNT, out.get(out.size() - 1));
  }

  @Test
  void jsonAddsTheAnchorsBesideTheFieldsItHadWithNullWhereAToolDoesNotCheck() {
    String text = Cli.run("rules", "--format", "json");
    JsonArray rules = JsonParser.parseString(text).getAsJsonArray();
    assertEquals(Catalog.all().size(), rules.size());
    JsonObject expected =
        JsonParser.parseString(
                """
                {"id": "handshake.synack-wrong-ack", "severity": "error", "tier": "core",
                 "rfc": "9293 §3.10.7.3 (SEG.ACK =< ISS or > SND.NXT → RST)",
                 "summary": "SYN-ACK ack ≠ ISNc+1 (with SYN data L: ack not in [ISNc+1, ISNc+1+L])",
                 "wireshark": "(`ack_lost_segment` if ack too high)",
                 "suricata": "`3whs_synack_with_wrong_ack`", "zeek": "`bad_SYN_ack`",
                 "other": null, "checkedBy": ["Suricata", "Zeek"]}
                """)
            .getAsJsonObject();
    assertEquals(expected, find(rules, "handshake.synack-wrong-ack"));
    JsonObject none =
        JsonParser.parseString(
                """
                {"id": "conv.l2-change", "severity": "info", "tier": "core", "rfc": "—",
                 "summary": "MAC address of an endpoint changes during the conversation",
                 "wireshark": null, "suricata": null, "zeek": null, "other": "Snort 129:9/10",
                 "checkedBy": []}
                """)
            .getAsJsonObject();
    assertEquals(none, find(rules, "conv.l2-change"));
    assertTrue(text.contains("\"wireshark\": null,"), "null fields are written, not left out");
    for (JsonElement e : rules) {
      assertEquals(10, e.getAsJsonObject().size(), e.toString());
    }
  }

  private static JsonObject find(JsonArray rules, String id) {
    for (JsonElement e : rules) {
      if (e.getAsJsonObject().get("id").getAsString().equals(id)) {
        return e.getAsJsonObject();
      }
    }
    throw new AssertionError(id + " not listed");
  }
}
