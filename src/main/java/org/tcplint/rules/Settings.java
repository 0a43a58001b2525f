package org.tcplint.rules;

/**
 * Defaults the checks use where a capture does not say: the window scale to assume when the
 * handshake was not captured (-1: none, scale-dependent checks are skipped), the maximum segment
 * lifetime for reuse checks, how long a closed conversation lingers before its state is freed, how
 * long an open one may stay idle (capture time), and how many conversations are held at once.
 */
public record Settings(
    int assumedWindowScale, long mslNanos, long lingerNanos, long idleNanos, int maxConversations) {
  /**
   * MSL 60 s, linger 5 s after a close, open conversations idle for 300 s freed, at most 100,000
   * conversations held at once (about 150 MB of state).
   */
  public static final Settings DEFAULTS =
      new Settings(-1, 60_000_000_000L, 5_000_000_000L, 300_000_000_000L, 100_000);
}
