package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.bench.TraceGenerator;

/**
 * A check whose shards renew retired conversations' objects reports what one that allocates a new
 * object for every conversation reports, with one thread and with the partitions of several.
 */
class RenewedConversationsTest {
  @Test
  void renewingConversationsChangesNoReport(@TempDir Path dir) throws Exception {
    Path trace = dir.resolve("trace.pcapng");
    TraceGenerator.generate(trace, 24L << 20, 11);
    for (int threads : new int[] {1, 3}) {
      FileResult fresh;
      FileResult renewed;
      try {
        Shard.renewConversations = false;
        fresh = check(trace, threads);
      } finally {
        Shard.renewConversations = true;
      }
      renewed = check(trace, threads);
      assertTrue(fresh.conversations().size() > 3000, fresh.conversations().size() + "");
      assertSameList(fresh.conversations(), renewed.conversations(), threads);
      assertSameList(fresh.findings(), renewed.findings(), threads);
      assertEquals(fresh.packets(), renewed.packets());
      fresh.release();
      renewed.release();
    }
  }

  /** The same elements in the same order; a difference is shown by its first element. */
  private static <T> void assertSameList(List<T> expected, List<T> actual, int threads) {
    List<T> a = new ArrayList<>(expected);
    List<T> b = new ArrayList<>(actual);
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      assertEquals(a.get(i), b.get(i), "element " + i + " with " + threads + " threads");
    }
    assertEquals(a.size(), b.size(), "elements with " + threads + " threads");
  }

  /** Conversations retired as soon as they close (no linger): a short trace renews many. */
  private static final org.tcplint.rules.Settings NO_LINGER =
      new org.tcplint.rules.Settings(-1, 60_000_000_000L, 0, 300_000_000_000L, 100_000);

  private static FileResult check(Path trace, int threads) {
    try (org.tcplint.api.Tcplint t =
        org.tcplint.api.Tcplint.builder().threads(threads).settings(NO_LINGER).build()) {
      return t.check(trace);
    }
  }
}
