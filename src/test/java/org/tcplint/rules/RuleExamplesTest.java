package org.tcplint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tcplint.check.Checker;
import org.tcplint.example.Examples;
import org.tcplint.example.LadderCapture;

/**
 * The examples shown by {@code tcplint explain} (and shipped in {@code testdata/rules/}): the wrong
 * ladder gives exactly the stated finding, the right ladder gives none of that rule.
 */
class RuleExamplesTest {
  private final Checker checker = new Checker(new RuleLevels());

  /** The wrong ladder's findings of the example's rule: exactly one, on the example's frame. */
  private static List<Finding> wrongFindings(Checker checker, Examples.Example e) {
    List<Finding> wrong =
        checker.check(LadderCapture.pcapng(e.wrong()), "wrong").findings().stream()
            .filter(f -> f.rule().equals(e.rule()))
            .toList();
    assertEquals(1, wrong.size(), e.rule() + ": " + wrong);
    assertEquals(e.frame(), wrong.get(0).frame(), e.rule());
    return wrong;
  }

  @TestFactory
  Stream<DynamicTest> everyExampleGivesItsFinding() {
    return Examples.all().values().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.rule(),
                    () -> {
                      List<Finding> wrong = wrongFindings(checker, e);
                      assertEquals(e.expected(), wrong.get(0).expected(), e.rule());
                      assertEquals(e.actual(), wrong.get(0).actual(), e.rule());
                      assertTrue(
                          checker
                              .check(LadderCapture.pcapng(e.right()), "right")
                              .findings()
                              .stream()
                              .noneMatch(f -> f.rule().equals(e.rule())),
                          e.rule() + " fires on the right ladder");
                    }));
  }

  /**
   * A rule still fires when every other rule is off: families whose rules are all off are not run,
   * so this pins that each family names its own ids and needs no other family's state.
   */
  @TestFactory
  Stream<DynamicTest> everyExampleFiresWithOnlyItsRuleOn() {
    return Examples.all().values().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.rule(),
                    () -> {
                      RuleLevels only =
                          new RuleLevels()
                              .set("*", Severity.OFF)
                              .set(e.rule(), Catalog.get(e.rule()).severity());
                      List<Finding> wrong =
                          new Checker(only)
                              .check(LadderCapture.pcapng(e.wrong()), "wrong").findings().stream()
                                  .filter(f -> f.rule().equals(e.rule()))
                                  .toList();
                      assertEquals(1, wrong.size(), e.rule() + ": " + wrong);
                      assertEquals(e.frame(), wrong.get(0).frame(), e.rule());
                    }));
  }

  /**
   * Every catalog rule can fire: its example gives its finding (above), or it is a capture rule
   * that a ladder cannot express and whose own tests build the damaged file.
   */
  @Test
  void everyRuleHasAnExample() {
    Set<String> capture =
        Set.of(
            "capture.malformed",
            "capture.truncated",
            "capture.snaplen",
            "capture.unsupported-link",
            "capture.flow-table-full", // FloodTest: needs more conversations than a ladder
            "capture.state-freed", // FloodTest: needs more conversations than a ladder
            "capture.findings-capped", // LimitsTest: needs more findings than its cap
            "decode.malformed");
    for (RuleDescriptor d : Catalog.all()) {
      if (!capture.contains(d.id())) {
        assertTrue(Examples.get(d.id()) != null, d.id() + " has no example");
      }
    }
  }
}
