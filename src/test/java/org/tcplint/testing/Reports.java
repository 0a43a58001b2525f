package org.tcplint.testing;

import java.io.IOException;
import java.io.StringWriter;
import org.tcplint.check.FileResult;
import org.tcplint.report.ReportOptions;
import org.tcplint.report.Reporter;
import org.tcplint.report.Reporters;
import org.tcplint.report.RunSummary;

/** Reports written for tests. */
public final class Reports {
  private Reports() {}

  /** The whole report of one file in {@code format}, with its summary. */
  public static String of(String format, FileResult r, ReportOptions options) throws IOException {
    StringWriter out = new StringWriter();
    Reporter rep = Reporters.create(format, out, options);
    rep.start();
    rep.file(r);
    RunSummary.Totals totals = new RunSummary.Totals();
    totals.add(r);
    rep.end(totals.summary(0, 0));
    return out.toString();
  }
}
