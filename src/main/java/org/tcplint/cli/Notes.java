package org.tcplint.cli;

import java.util.Map;

/**
 * Where tcplint deliberately differs from an anchor tool or makes a catalog condition precise, said
 * in {@code explain}.
 */
final class Notes {
  private static final Map<String, String> NOTES =
      Map.ofEntries(
          Map.entry(
              "opt.wscale-unsolicited",
              "Suricata silently disables scaling; RFC 7323 §2.2 says a SYN-ACK must not carry WS"
                  + " when the SYN did not, so tcplint reports it."),
          Map.entry(
              "conv.port-reuse",
              "Like Wireshark, any SYN with a new ISN on a known 4-tuple starts a new stream, even"
                  + " mid-connection; Suricata only reuses a session after LAST_ACK."),
          Map.entry(
              "close.fin-unacked",
              "Zeek's SF needs only both FINs; tcplint also wants each FIN acknowledged."),
          Map.entry(
              "pkt.missing-ack",
              "Wireshark's completeness counts a FIN only with ACK; tcplint classifies a bare FIN as a"
                  + " close too and flags the missing ACK here."),
          Map.entry(
              "ts.unsolicited-in-synack",
              "Suricata accepts it (liberal-timestamps); RFC 7323 §3.2 does not."),
          Map.entry(
              "handshake.syn-in-established",
              "Suricata's est_syn_resend_diff_seq compares the ack field; tcplint compares the ISN."),
          Map.entry(
              "pkt.bad-checksum",
              "Not for offloaded checksums (see capture.checksum-offload). Beyond the catalog: a"
                  + " single verified segment of a direction counts as offloaded only when its checksum is"
                  + " an offload placeholder (0 or the folded pseudo-header sum); zeek/syn-bad.pcap's"
                  + " lone SYN with 0x9999 is a bad checksum."),
          Map.entry(
              "capture.checksum-offload",
              "Beyond the catalog's 'every checksum wrong': Linux and FreeBSD leave the folded"
                  + " pseudo-header sum (the placeholder the NIC completes) in offloaded segments and"
                  + " compute small ones themselves, so placeholders count as offload in a direction that"
                  + " also has right checksums."),
          Map.entry(
              "pkt.bad-data-offset",
              "Such a segment is part of its conversation (as tshark's tcp.stream has it) and changes"
                  + " nothing else; it is not also reported as decode.malformed."),
          Map.entry(
              "ts.tsecr-unseen",
              "Clarification 8: reported as a warning, and only with the handshake captured and no"
                  + " capture gap in the peer's direction (a missed segment could carry the TSval)."),
          Map.entry(
              "ecn.ect-on-ack-or-retx",
              "Not for AccECN connections, whose implementations mark ACKs and retransmissions ECT"
                  + " as RFC 8311 §4.3 allows."));

  private Notes() {}

  static String note(String id) {
    return NOTES.get(id);
  }
}
