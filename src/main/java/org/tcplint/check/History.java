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
  // Per side (index + side): letters seen, the last SYN, FIN and RST positions, retransmission and
  // zero-window counts; one array for the lot.
  private static final int SEEN = 0;
  private static final int LAST_SYN = 2;
  private static final int LAST_FIN = 4;
  private static final int LAST_RST = 6;
  private static final int REXMIT = 8;
  private static final int ZERO_WIN = 10;
  private final int[] st = new int[12];
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
      if ((st[SEEN + side] & bit) == 0 || st[LAST_SYN + side] != rel) {
        st[SEEN + side] |= bit;
        st[LAST_SYN + side] = rel;
        put(side, s.hasAck() ? 'H' : 'S');
      }
    } else if (fin) {
      int pos = s.seq + s.len;
      if ((st[SEEN + side] & F) == 0 || st[LAST_FIN + side] != pos) {
        st[SEEN + side] |= F;
        st[LAST_FIN + side] = pos;
        put(side, 'F');
      }
    } else if (rst) {
      if ((st[SEEN + side] & R) == 0 || st[LAST_RST + side] != s.seq) {
        st[SEEN + side] |= R;
        st[LAST_RST + side] = s.seq;
        put(side, 'R');
      }
    } else if (s.len > 0) {
      once(side, D, 'D');
    } else if (s.hasAck()) {
      once(side, A, 'A');
    }
    if (s.len > 0 && !syn && e.nxtSet && SeqNum.leq(s.seq + s.len, e.nxt)) {
      scaled(side, REXMIT, 'T');
    }
    if (s.window == 0 && !rst && !syn && !fin) {
      scaled(side, ZERO_WIN, 'W');
    }
  }

  private void scaled(int side, int counter, char letter) {
    int n = ++st[counter + side];
    if (n == 1 || n == 10 || n == 100 || n == 1000 || n == 10000) {
      put(side, letter);
    }
  }

  private void once(int side, int bit, char letter) {
    if ((st[SEEN + side] & bit) == 0) {
      st[SEEN + side] |= bit;
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
}
