package org.tcplint.bench;

import java.io.IOException;
import java.nio.file.Path;
import org.tcplint.capture.CaptureFormatException;
import org.tcplint.capture.Captures;
import org.tcplint.capture.Frame;
import org.tcplint.decode.Packet;
import org.tcplint.decode.PacketDecoder;
import org.tcplint.flow.Segment;

/**
 * The part of a check that no check can skip, as a process of its own: reads every record of a
 * capture with tcplint's reader, decodes its headers and fills the segment the conversation tracker
 * would be handed (TCP options included), and does nothing else: no conversations, no rules, no
 * report. Its whole-process time is a floor under {@code tcplint check}'s on the same file, and
 * {@code bench/run.sh} prints it beside the others.
 *
 * <pre>java -Xmx256m -cp target/tcplint.jar org.tcplint.bench.ReadFloor trace.pcapng</pre>
 */
public final class ReadFloor {
  private ReadFloor() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: ReadFloor CAPTURE");
      System.exit(2);
    }
    long[] n = scan(Path.of(args[0]));
    System.out.printf("%d packets, %d TCP segments (%x)%n", n[0], n[1], n[2]);
  }

  /**
   * Reads and decodes {@code capture}; returns its packets, its TCP segments and a sum of fields of
   * every segment (printed, so that nothing read is dead code to the compiler).
   */
  static long[] scan(Path capture) throws IOException, CaptureFormatException {
    Frame f = new Frame();
    Packet p = new Packet();
    Segment s = new Segment();
    PacketDecoder decoder = new PacketDecoder();
    long packets = 0;
    long tcp = 0;
    long sum = 0;
    try (Captures.Opened o = Captures.open(capture)) {
      while (o.reader().next(f)) {
        packets++;
        decoder.decode(f, p);
        if (p.status() == Packet.Status.TCP) {
          s.fill(f, p);
          tcp++;
          sum += s.seq ^ s.ack ^ s.srcPort ^ s.len ^ s.options.tsVal;
        }
      }
    }
    return new long[] {packets, tcp, sum};
  }
}
