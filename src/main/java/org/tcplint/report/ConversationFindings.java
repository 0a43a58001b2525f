package org.tcplint.report;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.tcplint.check.ConversationSummary;
import org.tcplint.check.FileResult;
import org.tcplint.check.SpillList;
import org.tcplint.rules.Finding;

/**
 * A file's conversations in stream order, each with its findings taken from a list sorted by stream
 * ({@link FileResult#findingsByStream}): one conversation's findings in memory at a time, for the
 * reports grouped by conversation. Findings of a stream with no conversation are skipped.
 */
final class ConversationFindings implements Iterator<ConversationFindings.Group> {
  /** A conversation and its findings (empty when it has none). */
  record Group(ConversationSummary conversation, List<Finding> findings) {}

  private final Iterator<ConversationSummary> conversations;
  private final Iterator<Finding> byStream;
  private Finding next;

  ConversationFindings(FileResult r, SpillList<Finding> byStream) {
    this.conversations = r.conversations().iterator();
    this.byStream = byStream.iterator();
    advance();
  }

  private void advance() {
    next = byStream.hasNext() ? byStream.next() : null;
  }

  /** Whether any finding is left for the conversations still to come. */
  boolean findingsLeft() {
    return next != null;
  }

  @Override
  public boolean hasNext() {
    return conversations.hasNext();
  }

  @Override
  public Group next() {
    ConversationSummary c = conversations.next();
    List<Finding> mine = List.of();
    while (next != null && next.stream() <= c.stream()) {
      if (next.stream() == c.stream()) {
        if (mine.isEmpty()) {
          mine = new ArrayList<>();
        }
        mine.add(next);
      }
      advance();
    }
    return new Group(c, mine);
  }
}
