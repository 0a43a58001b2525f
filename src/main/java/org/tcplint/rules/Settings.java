package org.tcplint.rules;

/**
 * Defaults the checks use where a capture does not say: the window scale to assume when the
 * handshake was not captured (-1: none, scale-dependent checks are skipped), the maximum segment
 * lifetime for reuse checks, how long a closed conversation lingers before its state is freed, how
 * long an open one may stay idle (capture time), how many conversations are held at once, how far a
 * compressed capture may expand (decompressed bytes per compressed byte, applied once {@link
 * #EXPANSION_FLOOR} bytes were decompressed) and how many findings a file keeps.
 */
public record Settings(
    int assumedWindowScale,
    long mslNanos,
    long lingerNanos,
    long idleNanos,
    int maxConversations,
    long maxExpansion,
    long maxFindingsPerFile) {
  /** The default expansion limit: 1000 decompressed bytes per compressed byte. */
  public static final long DEFAULT_MAX_EXPANSION = 1000;

  /** The default cap on findings kept per file. */
  public static final long DEFAULT_MAX_FINDINGS_PER_FILE = 1_000_000;

  /**
   * Decompressed bytes after which the expansion limit applies (64 MiB): a small file with an
   * extreme ratio (a capture of zeros) is read in full.
   */
  public static final long EXPANSION_FLOOR = 64L << 20;

  /** The default expansion limit and findings cap. */
  public Settings(
      int assumedWindowScale,
      long mslNanos,
      long lingerNanos,
      long idleNanos,
      int maxConversations) {
    this(
        assumedWindowScale,
        mslNanos,
        lingerNanos,
        idleNanos,
        maxConversations,
        DEFAULT_MAX_EXPANSION,
        DEFAULT_MAX_FINDINGS_PER_FILE);
  }

  /** These settings with another expansion limit. */
  public Settings withMaxExpansion(long ratio) {
    return new Settings(
        assumedWindowScale,
        mslNanos,
        lingerNanos,
        idleNanos,
        maxConversations,
        ratio,
        maxFindingsPerFile);
  }

  /** These settings with another cap on findings kept per file. */
  public Settings withMaxFindingsPerFile(long cap) {
    return new Settings(
        assumedWindowScale, mslNanos, lingerNanos, idleNanos, maxConversations, maxExpansion, cap);
  }

  /**
   * MSL 60 s, linger 5 s after a close, open conversations idle for 300 s freed, and at most {@link
   * #defaultMaxConversations()} conversations held at once.
   */
  public static final Settings DEFAULTS =
      new Settings(
          -1, 60_000_000_000L, 5_000_000_000L, 300_000_000_000L, defaultMaxConversations());

  /**
   * Bytes of heap a held conversation may take, with its share of the tables and the records of
   * retired ones (measured: about 2.5 KB held, with its endpoints' texts, in a capture of short
   * closed conversations; up to four records of about 150 bytes each per conversation held).
   */
  static final long BYTES_PER_CONVERSATION = 3072;

  /**
   * The default cap on conversations held at once: 100,000, or as many as half the heap holds at
   * {@link #BYTES_PER_CONVERSATION} each when the heap is smaller (21,845 with {@code -Xmx128m},
   * 43,690 with {@code -Xmx256m}), so that a flood of new conversations is counted ({@code
   * capture.flow-table-full}) before the heap runs out. The launcher, which sizes the heap to the
   * threads, names the part of it that is not the threads' ({@code tcplint.baseHeapMb}): the cap is
   * derived from that part, so it, and the report, are the same whatever {@code -j} the heap was
   * sized for. The heap is {@code -Xmx} as given (the VM's {@code MaxHeapSize}), not {@link
   * Runtime#maxMemory()}, which leaves out a survivor space whose size the collector chooses: the
   * same {@code -Xmx} gives the same cap, and the same report, whatever the collector's settings.
   */
  public static int defaultMaxConversations() {
    long base = Long.getLong("tcplint.baseHeapMb", 0) << 20;
    // MaxHeapSize is at least maxMemory(): where maxMemory() already decides the cap, the VM's
    // management beans (about 20 ms to load, in every run) are not asked.
    long atLeast = Runtime.getRuntime().maxMemory();
    long heap;
    if (base > 0 && atLeast >= base) {
      heap = base;
    } else if (base == 0 && atLeast / 2 / BYTES_PER_CONVERSATION >= 100_000) {
      heap = atLeast;
    } else {
      heap = base > 0 ? Math.min(maxHeap(), base) : maxHeap();
    }
    long fit = heap / 2 / BYTES_PER_CONVERSATION;
    return (int) Math.max(1000, Math.min(100_000, fit));
  }

  /** The heap's limit as set ({@code -Xmx}), or {@link Runtime#maxMemory()} where not known. */
  static long maxHeap() {
    try {
      String v =
          java.lang.management.ManagementFactory.getPlatformMXBean(
                  com.sun.management.HotSpotDiagnosticMXBean.class)
              .getVMOption("MaxHeapSize")
              .getValue();
      return Long.parseLong(v);
    } catch (RuntimeException | LinkageError e) {
      return Runtime.getRuntime().maxMemory(); // another VM
    }
  }
}
