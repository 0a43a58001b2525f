package org.tcplint.flow;

import static org.tcplint.decode.SeqNum.geq;
import static org.tcplint.decode.SeqNum.gt;
import static org.tcplint.decode.SeqNum.leq;
import static org.tcplint.decode.SeqNum.lt;

/**
 * The sequence ranges of one direction that were never captured (holes below its next seq), so that
 * a segment below nxt can be told apart: one that fills a hole (its bytes arrive for the first
 * time: out of order, or the capture missed the first copy) from one whose bytes were captured
 * before (a retransmission). rules.md clarifications 12 and 13: a hole ends when its bytes arrive
 * or when the receiver acknowledges beyond it.
 *
 * <p>Bounded: at most {@link #MAX} holes are kept per direction; when more open, the oldest
 * (lowest) is forgotten and {@link #forgotten} counts it. Values are raw 32-bit sequence numbers
 * compared modulo 2^32.
 */
public final class Holes {
  /** Most holes kept per direction. */
  public static final int MAX = 16;

  private int[] ranges; // start, end pairs, ascending and disjoint
  private int count;

  /** Holes dropped because more than {@link #MAX} were open at once. */
  public int forgotten;

  /** No hole, none forgotten: as new (the array is kept for the next conversation). */
  void reset() {
    count = 0;
    forgotten = 0;
  }

  /** Number of open holes. */
  public int count() {
    return count;
  }

  /** Start of open hole {@code i} (ascending). */
  public int start(int i) {
    return ranges[2 * i];
  }

  /** End (exclusive) of open hole {@code i}. */
  public int end(int i) {
    return ranges[2 * i + 1];
  }

  /** Opens the hole {@code [start, end)} above every open hole (the sender jumped past nxt). */
  public void open(int start, int end) {
    if (ranges == null) {
      ranges = new int[8];
    }
    if (count == MAX) {
      System.arraycopy(ranges, 2, ranges, 0, 2 * (count - 1));
      count--;
      forgotten++;
    } else if (2 * count == ranges.length) {
      ranges = java.util.Arrays.copyOf(ranges, ranges.length * 2);
    }
    ranges[2 * count] = start;
    ranges[2 * count + 1] = end;
    count++;
  }

  /**
   * Removes {@code [start, end)} from the holes (those bytes have now been captured) and returns
   * how many bytes of holes it covered: 0 when every byte of the range was captured before.
   */
  public long fill(int start, int end) {
    long filled = 0;
    for (int i = 0; i < count; i++) {
      int hs = ranges[2 * i];
      int he = ranges[2 * i + 1];
      if (leq(end, hs) || geq(start, he)) {
        continue;
      }
      int from = gt(start, hs) ? start : hs;
      int to = lt(end, he) ? end : he;
      filled += Integer.toUnsignedLong(to - from);
      boolean keepLeft = gt(start, hs);
      boolean keepRight = lt(end, he);
      if (keepLeft && keepRight && count == MAX) {
        ranges[2 * i] = end; // no room to split: the lower piece is forgotten
        forgotten++;
      } else if (keepLeft && keepRight) {
        // split into [hs, start) and [end, he)
        if (2 * count == ranges.length) {
          ranges = java.util.Arrays.copyOf(ranges, ranges.length * 2);
        }
        System.arraycopy(ranges, 2 * (i + 1), ranges, 2 * (i + 2), 2 * (count - 1 - i));
        count++;
        ranges[2 * i + 1] = start;
        ranges[2 * (i + 1)] = end;
        ranges[2 * (i + 1) + 1] = he;
        i++;
      } else if (keepLeft) {
        ranges[2 * i + 1] = start;
      } else if (keepRight) {
        ranges[2 * i] = end;
      } else {
        remove(i);
        i--;
      }
    }
    return filled;
  }

  /**
   * Closes every hole that ends at or below {@code ack}, and cuts one that {@code ack} falls
   * inside: the receiver acknowledged those bytes, so they were sent and only the capture missed
   * them. Returns how many holes were closed or cut.
   */
  public int acknowledged(int ack) {
    int closed = 0;
    while (count > 0 && gt(ack, ranges[0])) {
      closed++;
      if (lt(ack, ranges[1])) {
        ranges[0] = ack;
        break;
      }
      remove(0);
    }
    return closed;
  }

  /** Whether any byte of {@code [start, end)} lies in an open hole. */
  public boolean overlaps(int start, int end) {
    for (int i = 0; i < count; i++) {
      if (lt(start, ranges[2 * i + 1]) && gt(end, ranges[2 * i])) {
        return true;
      }
    }
    return false;
  }

  /** Forgets every open hole (the direction's numbering starts again). */
  public void clear() {
    count = 0;
  }

  /** Bytes in open holes. */
  public long missingBytes() {
    long n = 0;
    for (int i = 0; i < count; i++) {
      n += Integer.toUnsignedLong(ranges[2 * i + 1] - ranges[2 * i]);
    }
    return n;
  }

  private void remove(int i) {
    System.arraycopy(ranges, 2 * (i + 1), ranges, 2 * i, 2 * (count - 1 - i));
    count--;
  }
}
