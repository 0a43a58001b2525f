package org.tcplint.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tcplint.capture.Frame;
import org.tcplint.decode.LinkType;
import org.tcplint.decode.Packet;
import org.tcplint.decode.PacketDecoder;

/**
 * Fuzz target for {@link PacketDecoder} on one frame: any link type, lengths and bytes give a
 * status (TCP, not IP, malformed, ...) and never an exception.
 */
class DecoderFuzzTest {
  private static final int[] LINKS = {
    LinkType.ETHERNET,
    LinkType.NULL,
    LinkType.LOOP,
    LinkType.RAW,
    LinkType.RAW_BSD,
    LinkType.RAW_OPENBSD,
    LinkType.IPV4,
    LinkType.IPV6,
    LinkType.LINUX_SLL,
    LinkType.LINUX_SLL2
  };

  @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
  void frame(FuzzedDataProvider data) {
    boolean checksums = data.consumeBoolean();
    int selector = data.consumeInt(0, LINKS.length);
    int link = selector < LINKS.length ? LINKS[selector] : data.consumeInt();
    int lead = data.consumeInt(0, 16);
    long origLen = data.consumeLong();
    byte[] bytes = data.consumeRemainingAsBytes();
    Frame f = new Frame();
    f.data = new byte[lead + bytes.length + lead];
    System.arraycopy(bytes, 0, f.data, lead, bytes.length);
    f.offset = lead;
    f.capLen = bytes.length;
    f.origLen = origLen < 0 ? bytes.length : origLen;
    f.number = 1;
    f.linkType = link;
    Packet p = new Packet();
    new PacketDecoder().verifyChecksums(checksums).decode(f, p);
    assertNotNull(p.status());
    if (p.status() == Packet.Status.TCP) {
      // Every view of a decoded segment stays inside the captured bytes.
      assertTrue(p.hasTcpHeader());
      assertTrue(p.tcpOffset() >= f.offset && p.tcpOffset() + 20 <= f.offset + f.capLen);
      assertTrue(p.optionsOffset() <= p.optionsEnd() && p.optionsEnd() <= f.offset + f.capLen);
      assertTrue(p.capturedPayload() >= 0);
      p.srcPort();
      p.dstPort();
      p.seq();
      p.ack();
      p.flags();
      p.window();
      p.urgentPointer();
      assertNotNull(p.srcAddress());
      assertNotNull(p.dstAddress());
    }
  }
}
