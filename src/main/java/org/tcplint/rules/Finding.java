package org.tcplint.rules;

/**
 * One violation or classification: rule, severity, where (stream, frame, direction) and what
 * (message, expected and actual raw numbers when the rule compares numbers, byte offset for capture
 * faults). {@code stream} is -1 for file-level findings. {@code endpoints} (client then server) and
 * {@code relSeq} (the relative seq of the segment it is about; null for findings made at the end of
 * a conversation) identify the finding independently of frame numbers and times, for baselines.
 * {@code frameOffset} is the byte offset of the frame's record when known.
 */
public record Finding(
    String rule,
    Severity severity,
    int stream,
    long frame,
    String direction,
    String message,
    Long expected,
    Long actual,
    Long offset,
    String endpoints,
    Long relSeq,
    Long frameOffset) {

  /** This finding with another stream number and message (the rest unchanged). */
  public Finding withStream(int newStream, String newMessage) {
    return new Finding(
        rule,
        severity,
        newStream,
        frame,
        direction,
        newMessage,
        expected,
        actual,
        offset,
        endpoints,
        relSeq,
        frameOffset);
  }
}
