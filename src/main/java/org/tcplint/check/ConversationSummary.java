package org.tcplint.check;

/** One conversation as reported (cli.md JSON schema version 1). */
public record ConversationSummary(
    int stream,
    String client,
    String server,
    String service,
    long firstFrame,
    long lastFrame,
    long packets,
    long bytes,
    String open,
    String close,
    int completeness,
    String connState,
    String history,
    Object windowScale,
    long firstTimeNanos,
    long lastTimeNanos) {

  /** Both window scale shift counts, when both SYNs offered scaling. */
  public record Scales(int client, int server) {}

  /** Seconds from the first to the last segment. */
  public double duration() {
    return (lastTimeNanos - firstTimeNanos) / 1e9;
  }
}
