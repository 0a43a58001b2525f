package org.tcplint.report;

import org.tcplint.rules.Severity;

/**
 * What reporters need to know of the run: tool version, the {@code --fail-on} threshold (null for
 * never), colour and quiet for text.
 */
public record ReportOptions(String version, Severity failOn, boolean colour, boolean quiet) {}
