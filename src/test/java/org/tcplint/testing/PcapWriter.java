package org.tcplint.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes classic pcap files from code (either byte order, µs or ns resolution). */
public final class PcapWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteOrder order;
  private final boolean nanos;

  public PcapWriter(ByteOrder order, boolean nanos, int linkType, int snapLen) {
    this.order = order;
    this.nanos = nanos;
    ByteBuffer h = ByteBuffer.allocate(24).order(order);
    h.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4)
        .putShort((short) 2)
        .putShort((short) 4)
        .putInt(0)
        .putInt(0)
        .putInt(snapLen)
        .putInt(linkType);
    out.writeBytes(h.array());
  }

  /** A record; {@code frac} is micro- or nanoseconds as the file's magic says. */
  public PcapWriter record(long sec, long frac, byte[] data, int origLen) {
    ByteBuffer h = ByteBuffer.allocate(16).order(order);
    h.putInt((int) sec).putInt((int) frac).putInt(data.length).putInt(origLen);
    out.writeBytes(h.array());
    out.writeBytes(data);
    return this;
  }

  public PcapWriter record(long sec, long frac, byte[] data) {
    return record(sec, frac, data, data.length);
  }

  public boolean nanos() {
    return nanos;
  }

  public byte[] bytes() {
    return out.toByteArray();
  }
}
