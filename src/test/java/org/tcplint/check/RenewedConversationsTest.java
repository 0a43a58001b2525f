package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.bench.TraceGenerator;
import org.tcplint.rules.RuleLevels;
import org.tcplint.testing.CaptureBuilder;

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

  // a SYN with a new ISN on a 4-tuple whose closed conversation still lingers starts a new stream
  // while the old one waits in the queue of closed ones; once the old object leaves the queue it is
  // renewed for another 4-tuple, which must not take the new stream's key along
  @Test
  void aReplacedConversationKeepsItsKeyWhenTheOldOneIsRenewed() {
    byte[] capture =
        CaptureBuilder.closedThenOthers(true, 1100)
            .s("SA", 30000, 70001)
            .c("A", 70001, 30001)
            .done()
            .pcapng();
    FileResult fresh;
    try {
      Shard.renewConversations = false;
      fresh = new Checker(new RuleLevels()).check(capture, "replaced");
    } finally {
      Shard.renewConversations = true;
    }
    FileResult renewed = new Checker(new RuleLevels()).check(capture, "replaced");
    ConversationSummary second = renewed.conversations().get(1);
    assertEquals("192.0.2.1:50000", second.client());
    assertEquals(3, second.packets(), "SYN, SYN-ACK and ACK of the new ISN in one stream");
    assertEquals(1 + 1 + 1100, renewed.conversations().size());
    assertSameList(fresh.conversations(), renewed.conversations(), 1);
    assertSameList(fresh.findings(), renewed.findings(), 1);
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
