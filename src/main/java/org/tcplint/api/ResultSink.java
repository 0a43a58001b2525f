package org.tcplint.api;

import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.rules.Finding;

/**
 * Receives a checked file's results once they are final: its conversations by stream number, then
 * its findings by frame, then the whole result. Stream numbers (Wireshark's {@code tcp.stream}) are
 * final only when the whole capture was read, so a file's results come at its end. Called on the
 * thread that asked for the check.
 */
public interface ResultSink {
  /** One conversation of the file, in stream order. */
  default void conversation(ConversationSummary c) {}

  /** One finding of the file, by frame (file-level findings included). */
  default void finding(Finding f) {}

  /** The file's result, after its conversations and findings. */
  default void end(FileResult r) {}
}
