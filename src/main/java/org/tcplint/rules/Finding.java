package org.tcplint.rules;

/**
 * One violation or classification: rule, severity, where (stream, frame, direction) and what
 * (message, expected and actual raw numbers when the rule compares numbers, byte offset for capture
 * faults). {@code stream} is -1 for file-level findings.
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
    Long offset) {}
