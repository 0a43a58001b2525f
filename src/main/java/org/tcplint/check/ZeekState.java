package org.tcplint.check;

import org.tcplint.flow.Conversation;
import org.tcplint.flow.Endpoint;

/**
 * Zeek's {@code conn_state} derived from endpoint states (compat.md §2.1–§2.2). The originator is
 * the client side.
 */
final class ZeekState {
  private ZeekState() {}

  enum St {
    INACTIVE,
    SYN_SENT,
    SYN_ACK_SENT,
    PARTIAL,
    ESTABLISHED,
    CLOSED,
    RESET
  }

  static St state(Conversation c, int side) {
    Endpoint e = c.endpoint(side);
    Endpoint p = c.endpoint(1 - side);
    if (e.rstSent) {
      return St.RESET;
    }
    if (e.finSent) {
      return St.CLOSED;
    }
    // A SYN-ACK answering a SYN puts both endpoints in ESTABLISHED (Zeek does not wait for
    // the third ACK).
    if ((e.synAckSent && p.synSent) || (p.synAckSent && e.synSent)) {
      return St.ESTABLISHED;
    }
    if (e.synSent) {
      return St.SYN_SENT;
    }
    if (e.synAckSent) {
      return St.SYN_ACK_SENT;
    }
    return e.packets > 0 ? St.PARTIAL : St.INACTIVE;
  }

  static String connState(Conversation c, String history) {
    int o = c.clientSide < 0 ? 0 : c.clientSide;
    St os = state(c, o);
    St rs = state(c, 1 - o);
    boolean origInactive = os == St.INACTIVE || os == St.PARTIAL;
    boolean respInactive = rs == St.INACTIVE || rs == St.PARTIAL;
    long ob = c.endpoint(o).bytes;
    long rb = c.endpoint(1 - o).bytes;
    if (rs == St.RESET) {
      if (os == St.SYN_SENT || os == St.SYN_ACK_SENT || (os == St.RESET && ob == 0 && rb == 0)) {
        return "REJ";
      }
      return origInactive ? "RSTRH" : "RSTR";
    }
    if (os == St.RESET) {
      if (respInactive) {
        return history.matches("^\\^?S[^HAFGIQ]*R.*") ? "RSTOS0" : "OTH";
      }
      return "RSTO";
    }
    if (os == St.CLOSED && rs == St.CLOSED) {
      return "SF";
    }
    if (os == St.CLOSED) {
      return respInactive ? "SH" : "S2";
    }
    if (rs == St.CLOSED) {
      return origInactive ? "SHR" : "S3";
    }
    if (os == St.SYN_SENT && rs == St.INACTIVE) {
      return "S0";
    }
    if (os == St.ESTABLISHED && rs == St.ESTABLISHED) {
      return "S1";
    }
    return "OTH";
  }
}
