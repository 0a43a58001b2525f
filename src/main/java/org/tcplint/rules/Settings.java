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
   * MSL 60 s, linger 5 s after a close, open conversations idle for 300 s freed, and at most {@link
   * #defaultMaxConversations()} conversations held at once.
   */
  public static final Settings DEFAULTS =
      new Settings(
          -1, 60_000_000_000L, 5_000_000_000L, 300_000_000_000L, defaultMaxConversations());

  /**
   * Bytes of heap a held conversation may take, with its share of the tables (measured: ~1.5 KB).
   */
  static final long BYTES_PER_CONVERSATION = 2048;

  /**
   * The default cap on conversations held at once: 100,000, or as many as half the heap holds at
   * {@link #BYTES_PER_CONVERSATION} each when the heap is smaller (32,768 with {@code -Xmx128m},
   * 65,536 with {@code -Xmx256m}), so that a flood of new conversations is counted ({@code
   * capture.flow-table-full}) before the heap runs out.
   */
  public static int defaultMaxConversations() {
    long fit = Runtime.getRuntime().maxMemory() / 2 / BYTES_PER_CONVERSATION;
    return (int) Math.max(1000, Math.min(100_000, fit));
  }
}
