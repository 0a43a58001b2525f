package org.tcplint.rules;

/**
 * Defaults the checks use where a capture does not say: the window scale to assume when the
 * handshake was not captured (-1: none, scale-dependent checks are skipped), the maximum segment
 * lifetime for reuse checks, and how long a closed conversation lingers before its state is freed.
 */
public record Settings(int assumedWindowScale, long mslNanos, long lingerNanos) {
  public static final Settings DEFAULTS = new Settings(-1, 60_000_000_000L, 5_000_000_000L);
}
