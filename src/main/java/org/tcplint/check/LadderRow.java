package org.tcplint.check;

import java.util.List;
import org.tcplint.rules.Finding;

/**
 * One segment of a conversation as a ladder diagram draws it (an arrow between the client's and the
 * server's column, like the figures of RFC 9293 or Wireshark's Flow Graph): plain values that a
 * drawing shows as they are, with no bytes to parse and no presentation in them, for the terminal
 * ladder and for any other drawing of the same conversation.
 *
 * @param frame the frame number (Wireshark's {@code frame.number})
 * @param timeNanos nanoseconds since the conversation's first segment (Wireshark's {@code
 *     tcp.time_relative}); 0 for frames without a timestamp
 * @param fromClient true for an arrow from the client to the server
 * @param flags the flag names set, in the order SYN FIN RST PSH ACK URG ECE CWR AE (empty for none)
 * @param seq the sequence number relative to the sender's ISN (rules.md clarification 16)
 * @param ack the acknowledgment number relative to the receiver's ISN; 0 without ACK
 * @param hasAck the ACK flag is set, so {@code ack} means something
 * @param rawSeq the 32-bit sequence number as sent
 * @param rawAck the 32-bit acknowledgment field as sent
 * @param len the payload length (from the IP header)
 * @param window the window, scaled by the sender's shift once both SYNs showed it
 * @param options the TCP options of a SYN or SYN-ACK ({@code MSS=1460 WS=128 SACK_PERM}), empty on
 *     other segments
 * @param phase where the segment stands in the conversation's life
 * @param marks the findings on this frame, in the order of the report
 */
public record LadderRow(
    long frame,
    long timeNanos,
    boolean fromClient,
    List<String> flags,
    long seq,
    long ack,
    boolean hasAck,
    long rawSeq,
    long rawAck,
    int len,
    long window,
    String options,
    Phase phase,
    List<Mark> marks) {

  /** The part of a conversation a segment belongs to. */
  public enum Phase {
    /** The SYNs at the start and the ACK that follows them. */
    HANDSHAKE,
    /** Between the handshake and the first FIN or RST. */
    DATA,
    /** The first FIN or RST and everything after it. */
    CLOSE
  }

  /**
   * A finding drawn on its row. When the finding compares the row's sequence or acknowledgment
   * number with another value, {@code field} is {@code "seq"} or {@code "ack"} and {@code expected}
   * is that value in relative numbers, like the row's; otherwise both are null.
   */
  public record Mark(Finding finding, String field, Long expected) {}
}
