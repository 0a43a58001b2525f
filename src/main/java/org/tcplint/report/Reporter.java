package org.tcplint.report;

import java.io.IOException;
import org.tcplint.check.FileResult;

/**
 * One report format. The run calls {@link #start}, then {@link #file} once per input in argument
 * order, then {@link #end}; a reporter writes as it goes and never needs the whole run in memory.
 */
public interface Reporter {
  default void start() throws IOException {}

  void file(FileResult result) throws IOException;

  void end(RunSummary summary) throws IOException;
}
