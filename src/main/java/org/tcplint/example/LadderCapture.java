package org.tcplint.example;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tcplint.decode.Checksum;
import org.tcplint.decode.TcpFlags;

/**
 * Writes a {@link Ladder} as a little-endian pcapng file (one Ethernet interface, microsecond
 * timestamps, IPv4 with right IPv4 and TCP checksums, one millisecond between segments), so that
 * examples can be checked, shown and shipped as test data.
 */
public final class LadderCapture {
  private static final byte[] CLIENT = {(byte) 192, 0, 2, 1};
  private static final byte[] SERVER = {(byte) 198, 51, 100, 7};
  private static final long START_MICROS = 1_764_000_000_000_000L;

  private LadderCapture() {}

  public static byte[] pcapng(Ladder ladder) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer shb = le(28);
    shb.putInt(0x0A0D0D0A)
        .putInt(28)
        .putInt(0x1A2B3C4D)
        .putShort((short) 1)
        .putShort((short) 0)
        .putLong(-1L)
        .putInt(28);
    out.writeBytes(shb.array());
    ByteBuffer idb = le(20);
    idb.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(262144).putInt(20);
    out.writeBytes(idb.array());
    long time = START_MICROS;
    byte[] previous = null;
    int id = 1;
    for (Ladder.Step s : ladder.steps()) {
      time += s.sleepMicros();
      if (s.dup()) {
        time -= 990; // a copy made by the capture arrives microseconds after the original
      }
      byte[] frame = s.dup() && previous != null ? previous : frame(s, id++);
      int padded = (frame.length + 3) & ~3;
      int total = 32 + padded;
      ByteBuffer epb = le(total);
      epb.putInt(6)
          .putInt(total)
          .putInt(0)
          .putInt((int) (time >>> 32))
          .putInt((int) time)
          .putInt(frame.length)
          .putInt(frame.length)
          .put(frame);
      epb.position(28 + padded);
      epb.putInt(total);
      out.writeBytes(epb.array());
      previous = frame;
      time += 1000;
    }
    return out.toByteArray();
  }

  private static byte[] frame(Ladder.Step s, int id) {
    ByteArrayOutputStream opts = new ByteArrayOutputStream();
    if (s.mss() >= 0) {
      opts.writeBytes(new byte[] {2, 4, (byte) (s.mss() >>> 8), (byte) s.mss()});
    }
    if (s.wscale() >= 0) {
      opts.writeBytes(new byte[] {1, 3, 3, (byte) s.wscale()});
    }
    if (s.sackPerm()) {
      opts.writeBytes(new byte[] {1, 1, 4, 2});
    }
    if (s.ts()) {
      ByteBuffer t = ByteBuffer.allocate(12);
      t.put((byte) 1)
          .put((byte) 1)
          .put((byte) 8)
          .put((byte) 10)
          .putInt((int) s.tsVal())
          .putInt((int) s.tsEcr());
      opts.writeBytes(t.array());
    }
    if (s.tfoCookie() >= 0) {
      byte[] o = new byte[2 + s.tfoCookie()];
      o[0] = 34;
      o[1] = (byte) o.length;
      for (int i = 2; i < o.length; i++) {
        o[i] = (byte) (0xA0 + i);
      }
      opts.writeBytes(o);
    }
    if (!s.sack().isEmpty()) {
      String[] blocks = s.sack().split(",");
      ByteBuffer t = ByteBuffer.allocate(4 + 8 * blocks.length);
      t.put((byte) 1).put((byte) 1).put((byte) 5).put((byte) (2 + 8 * blocks.length));
      for (String block : blocks) {
        int dash = block.indexOf('-');
        t.putInt((int) Long.parseLong(block.substring(0, dash)));
        t.putInt((int) Long.parseLong(block.substring(dash + 1)));
      }
      opts.writeBytes(t.array());
    }
    if (!s.rawOptions().isEmpty()) {
      opts.writeBytes(java.util.HexFormat.of().parseHex(s.rawOptions()));
    }
    while (opts.size() % 4 != 0) {
      opts.write(0);
    }
    byte[] options = opts.toByteArray();
    int hl = 20 + options.length;
    int flags = 0;
    for (char ch : s.flags().toCharArray()) {
      flags |=
          switch (ch) {
            case 'F' -> TcpFlags.FIN;
            case 'S' -> TcpFlags.SYN;
            case 'R' -> TcpFlags.RST;
            case 'P' -> TcpFlags.PSH;
            case 'A' -> TcpFlags.ACK;
            case 'U' -> TcpFlags.URG;
            case 'E' -> TcpFlags.ECE;
            case 'C' -> TcpFlags.CWR;
            case 'N' -> TcpFlags.AE;
            default -> throw new IllegalArgumentException("flag letter " + ch);
          };
    }
    ByteBuffer b = ByteBuffer.allocate(14 + 20 + hl + s.len());
    b.put(new byte[] {2, 0, 0, 0, 0, (byte) (s.fromClient() ? 2 : 1)});
    b.put(new byte[] {2, 0, 0, 0, 0, (byte) (s.mac() >= 0 ? s.mac() : s.fromClient() ? 1 : 2)});
    b.putShort((short) 0x0800);
    b.put((byte) 0x45)
        .put((byte) s.ecn())
        .putShort((short) (20 + hl + s.len()))
        .putShort((short) id)
        .putShort((short) 0x4000)
        .put((byte) 64)
        .put((byte) 6)
        .putShort((short) 0);
    b.put(s.fromClient() ? CLIENT : SERVER).put(s.fromClient() ? SERVER : CLIENT);
    int sport = s.fromClient() ? 50000 : 80;
    int dport = s.fromClient() ? 80 : 50000;
    b.putShort((short) (s.srcPort() >= 0 ? s.srcPort() : sport))
        .putShort((short) (s.dstPort() >= 0 ? s.dstPort() : dport));
    b.putInt((int) s.seq()).putInt((int) s.ack());
    int offset = s.dataOffset() >= 0 ? s.dataOffset() : hl / 4;
    b.putShort((short) ((offset << 12) | (s.reserved() << 9) | flags))
        .putShort((short) s.window())
        .putShort((short) 0)
        .putShort((short) s.urgent())
        .put(options);
    for (int i = 0; i < s.len(); i++) {
      b.put((byte) s.fill());
    }
    byte[] frame = b.array();
    Checksum.fill(frame, 14);
    if (s.badChecksum() >= 0) {
      frame[14 + 20 + 16] = (byte) (s.badChecksum() >>> 8);
      frame[14 + 20 + 17] = (byte) s.badChecksum();
    }
    return frame;
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
