package org.tcplint.check;

import java.util.List;
import org.tcplint.rules.Finding;

/**
 * Everything checked in one capture file. {@code error} is null when the file read cleanly; {@code
 * firstTime} is frame 1's timestamp ({@code seconds.nanoseconds}), a fingerprint of the capture for
 * the lua-bridge, or null.
 */
public record FileResult(
    String path,
    String format,
    String compression,
    long packets,
    long tcpSegments,
    long bytesRead,
    List<ConversationSummary> conversations,
    List<Finding> findings,
    String error,
    String firstTime) {

  /** The same result with other findings (after suppressions or a baseline). */
  public FileResult withFindings(List<Finding> kept) {
    return new FileResult(
        path,
        format,
        compression,
        packets,
        tcpSegments,
        bytesRead,
        conversations,
        kept,
        error,
        firstTime);
  }
}
