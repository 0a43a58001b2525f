package org.tcplint.cli;

import java.util.Map;

/** Where tcplint deliberately differs from an anchor tool, said in {@code explain}. */
final class Notes {
  private static final Map<String, String> NOTES =
      Map.of(
          "opt.wscale-unsolicited",
          "Suricata silently disables scaling; RFC 7323 §2.2 says a SYN-ACK must not carry WS"
              + " when the SYN did not, so tcplint reports it.",
          "conv.port-reuse",
          "Like Wireshark, any SYN with a new ISN on a known 4-tuple starts a new stream, even"
              + " mid-connection; Suricata only reuses a session after LAST_ACK.",
          "close.fin-unacked",
          "Zeek's SF needs only both FINs; tcplint also wants each FIN acknowledged.",
          "pkt.missing-ack",
          "Wireshark's completeness counts a FIN only with ACK; tcplint classifies a bare FIN as a"
              + " close too and flags the missing ACK here.",
          "ts.unsolicited-in-synack",
          "Suricata accepts it (liberal-timestamps); RFC 7323 §3.2 does not.",
          "handshake.syn-in-established",
          "Suricata's est_syn_resend_diff_seq compares the ack field; tcplint compares the ISN.");

  private Notes() {}

  static String note(String id) {
    return NOTES.get(id);
  }
}
