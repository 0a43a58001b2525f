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
  private final int[] seen = new int[2];
  private final int[] lastSyn = new int[2];
  private final int[] lastFin = new int[2];
  private final int[] lastRst = new int[2];
  private final int[] rexmit = new int[2];
  private final int[] zeroWin = new int[2];
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
    if (syn && (fin || rst)) {
      once(side, Q, 'Q');
    } else if (fin && rst) {
      once(side, I, 'I');
    } else if (syn) {
      int rel = s.seq;
      int bit = s.hasAck() ? H : S;
      if ((seen[side] & bit) == 0 || lastSyn[side] != rel) {
        seen[side] |= bit;
        lastSyn[side] = rel;
        put(side, s.hasAck() ? 'H' : 'S');
      }
    } else if (fin) {
      int pos = s.seq + s.len;
      if ((seen[side] & F) == 0 || lastFin[side] != pos) {
        seen[side] |= F;
        lastFin[side] = pos;
        put(side, 'F');
      }
    } else if (rst) {
      if ((seen[side] & R) == 0 || lastRst[side] != s.seq) {
        seen[side] |= R;
        lastRst[side] = s.seq;
        put(side, 'R');
      }
    } else if (s.len > 0) {
      once(side, D, 'D');
    } else if (s.hasAck()) {
      once(side, A, 'A');
    }
    if (s.len > 0 && !syn && e.nxtSet && SeqNum.leq(s.seq + s.len, e.nxt)) {
      scaled(side, rexmit, 'T');
    }
    if (s.window == 0 && !rst && !syn && !fin) {
      scaled(side, zeroWin, 'W');
    }
  }

  private void scaled(int side, int[] counter, char letter) {
    int n = ++counter[side];
    if (n == 1 || n == 10 || n == 100 || n == 1000 || n == 10000) {
      put(side, letter);
    }
  }

  private void once(int side, int bit, char letter) {
    if ((seen[side] & bit) == 0) {
      seen[side] |= bit;
      put(side, letter);
    }
  }

  private void put(int side, char letter) {
    letters.append(side == 0 ? letter : Character.toLowerCase(letter));
  }

  @Override
  public String toString() {
    return letters.toString();
  }
}
