package org.tcplint.check;

import org.tcplint.decode.SeqNum;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;
import org.tcplint.flow.Segment;

/**
 * Zeek's {@code history} letters (compat.md §2.3): upper case for the originator (the client),
 * lower case for the responder. Built per segment before the tracker applies it.
 */
final class History {
  private final StringBuilder letters = new StringBuilder();
  // Per side: letters seen, the last SYN, FIN and RST positions, retransmission and zero-window
  // counts. Fields rather than an array, so that a segment reads them from the object it already
  // has in cache.
  private int seen0;
  private int seen1;
  private long lastSyn; // side 0 in the low 32 bits, side 1 in the high ones
  private long lastFin;
  private long lastRst;
  private int rexmit0;
  private int rexmit1;
  private int zeroWin0;
  private int zeroWin1;
  private static final int A = 1;
  private static final int D = 2;
  private static final int I = 4;
  private static final int Q = 8;
  private static final int S = 16;
  private static final int F = 32;
  private static final int R = 64;
  private static final int H = 128;

  void add(Conversation c, Segment s) {
    int o = c.clientSide < 0 ? 0 : c.clientSide;
    int side = s.side == o ? 0 : 1;
    boolean syn = s.syn();
    boolean fin = s.fin();
    boolean rst = s.rst();
    Endpoint e = c.endpoint(s.side);
    int seen = side == 0 ? seen0 : seen1;
    if (syn && (fin || rst)) {
      once(side, seen, Q, 'Q');
    } else if (fin && rst) {
      once(side, seen, I, 'I');
    } else if (syn) {
      lastSyn = positioned(side, seen, s.hasAck() ? H : S, lastSyn, s.seq, s.hasAck() ? 'H' : 'S');
    } else if (fin) {
      lastFin = positioned(side, seen, F, lastFin, s.seq + s.len, 'F');
    } else if (rst) {
      lastRst = positioned(side, seen, R, lastRst, s.seq, 'R');
    } else if (s.len > 0) {
      once(side, seen, D, 'D');
    } else if (s.hasAck()) {
      once(side, seen, A, 'A');
    }
    if (s.len > 0 && !syn && e.nxtSet && SeqNum.leq(s.seq + s.len, e.nxt)) {
      scaled(side, side == 0 ? ++rexmit0 : ++rexmit1, 'T');
    }
    if (s.window == 0 && !rst && !syn && !fin) {
      scaled(side, side == 0 ? ++zeroWin0 : ++zeroWin1, 'W');
    }
  }

  /**
   * Records the letter when {@code bit} is new on this side or comes at another position than the
   * last time; returns {@code last} (both sides' last positions) with this side's set to {@code
   * pos}.
   */
  private long positioned(int side, int seen, int bit, long last, int pos, char letter) {
    int shift = 32 * side;
    if ((seen & bit) != 0 && (int) (last >>> shift) == pos) {
      return last;
    }
    see(side, seen | bit);
    put(side, letter);
    return (last & ~(0xFFFFFFFFL << shift)) | ((pos & 0xFFFFFFFFL) << shift);
  }

  private void see(int side, int seen) {
    if (side == 0) {
      seen0 = seen;
    } else {
      seen1 = seen;
    }
  }

  /** The letter for the 1st, 10th, 100th, 1,000th and 10,000th time ({@code n}). */
  private void scaled(int side, int n, char letter) {
    if (n == 1 || n == 10 || n == 100 || n == 1000 || n == 10000) {
      put(side, letter);
    }
  }

  private void once(int side, int seen, int bit, char letter) {
    if ((seen & bit) == 0) {
      see(side, seen | bit);
      put(side, letter);
    }
  }

  /** Appends {@code letter} (an ASCII capital), in lower case for the responder's side. */
  private void put(int side, char letter) {
    letters.append(side == 0 ? letter : (char) (letter + ('a' - 'A')));
  }

  @Override
  public String toString() {
    return letters.toString();
  }

  /** As new, for another conversation (the letters' buffer is kept). */
  void reset() {
    letters.setLength(0);
    seen0 = 0;
    seen1 = 0;
    lastSyn = 0;
    lastFin = 0;
    lastRst = 0;
    rexmit0 = 0;
    rexmit1 = 0;
    zeroWin0 = 0;
    zeroWin1 = 0;
  }
}
