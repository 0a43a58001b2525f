package org.tcplint.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tcplint.check.Checker;
import org.tcplint.check.FileResult;
import org.tcplint.report.JsonReport;
import org.tcplint.rules.RuleLevels;

/**
 * Every capture in {@code testdata/} has a golden {@code *.expected.json} beside it (the file's
 * report object). {@code -Dgolden.update=true} rewrites them; review the diff.
 */
class GoldenTest {
  @TestFactory
  Stream<DynamicTest> everyTestdataCaptureMatchesItsGoldenReport() throws IOException {
    boolean update = Boolean.getBoolean("golden.update");
    Checker checker = new Checker(new RuleLevels());
    return Testdata.captures().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    p.toString(),
                    () -> {
                      FileResult r =
                          checker.check(p, p.toString().replace(java.io.File.separatorChar, '/'));
                      String json = JsonReport.fileJson(r);
                      Path golden = Path.of(p.toString().replace(".pcapng", ".expected.json"));
                      if (update) {
                        Files.writeString(golden, json);
                      }
                      assertTrue(Files.exists(golden), golden + " missing (-Dgolden.update=true)");
                      assertEquals(Files.readString(golden), json, p + " report changed");
                    }));
  }
}
