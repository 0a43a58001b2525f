package org.tcplint.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes pcapng blocks from code: any byte order, several sections and interfaces, SPB, PB. */
public final class PcapngWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

  /** Starts a section in the given byte order. */
  public PcapngWriter section(ByteOrder order) {
    this.order = order;
    ByteBuffer body = buf(16);
    body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
    return block(0x0A0D0D0A, body.array(), new byte[0]);
  }

  /** An interface; {@code tsresol} is the raw if_tsresol byte, or -1 for the default (µs). */
  public PcapngWriter iface(int linkType, int snapLen, int tsresol) {
    return iface(linkType, snapLen, tsresol, 0);
  }

  public PcapngWriter iface(int linkType, int snapLen, int tsresol, long tsOffset) {
    ByteBuffer body = buf(8);
    body.putShort((short) linkType).putShort((short) 0).putInt(snapLen);
    ByteArrayOutputStream opts = new ByteArrayOutputStream();
    if (tsresol >= 0) {
      opts.writeBytes(option(9, new byte[] {(byte) tsresol}));
    }
    if (tsOffset != 0) {
      opts.writeBytes(option(14, buf(8).putLong(tsOffset).array()));
    }
    return block(1, body.array(), endOptions(opts));
  }

  /** Enhanced packet block; {@code ts} in the interface's units. */
  public PcapngWriter epb(int iface, long ts, byte[] data, int origLen) {
    ByteBuffer body = buf(20);
    body.putInt(iface)
        .putInt((int) (ts >>> 32))
        .putInt((int) ts)
        .putInt(data.length)
        .putInt(origLen);
    return block(6, concat(body.array(), pad(data)), new byte[0]);
  }

  public PcapngWriter epb(int iface, long ts, byte[] data) {
    return epb(iface, ts, data, data.length);
  }

  /** Enhanced packet block with an epb_flags option. */
  public PcapngWriter epbWithFlags(int iface, long ts, byte[] data, int flags) {
    ByteBuffer body = buf(20);
    body.putInt(iface)
        .putInt((int) (ts >>> 32))
        .putInt((int) ts)
        .putInt(data.length)
        .putInt(data.length);
    ByteArrayOutputStream opts = new ByteArrayOutputStream();
    opts.writeBytes(option(2, buf(4).putInt(flags).array()));
    return block(6, concat(body.array(), pad(data)), endOptions(opts));
  }

  /** Simple packet block. */
  public PcapngWriter spb(byte[] data, int origLen) {
    ByteBuffer body = buf(4);
    body.putInt(origLen);
    return block(3, concat(body.array(), pad(data)), new byte[0]);
  }

  /** Obsolete packet block. */
  public PcapngWriter pb(int iface, long ts, byte[] data) {
    ByteBuffer body = buf(20);
    body.putShort((short) iface)
        .putShort((short) 0)
        .putInt((int) (ts >>> 32))
        .putInt((int) ts)
        .putInt(data.length)
        .putInt(data.length);
    return block(2, concat(body.array(), pad(data)), new byte[0]);
  }

  /** A custom block (listed as a frame by Wireshark). */
  public PcapngWriter custom(boolean copy, byte[] data) {
    ByteBuffer body = buf(4);
    body.putInt(32473);
    return block(copy ? 0x00000BAD : 0x40000BAD, concat(body.array(), pad(data)), new byte[0]);
  }

  /** Any other block (NRB, ISB, DSB, unknown): skipped by readers. */
  public PcapngWriter other(int type, byte[] body) {
    return block(type, pad(body), new byte[0]);
  }

  /** Raw bytes, for corrupt files. */
  public PcapngWriter raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  public byte[] bytes() {
    return out.toByteArray();
  }

  public int size() {
    return out.size();
  }

  private PcapngWriter block(int type, byte[] body, byte[] options) {
    int len = 12 + body.length + options.length;
    ByteBuffer b = buf(len);
    b.putInt(type).putInt(len).put(body).put(options).putInt(len);
    out.writeBytes(b.array());
    return this;
  }

  private byte[] option(int code, byte[] value) {
    ByteBuffer b = buf(4 + ((value.length + 3) & ~3));
    b.putShort((short) code).putShort((short) value.length).put(value);
    return b.array();
  }

  private byte[] endOptions(ByteArrayOutputStream opts) {
    if (opts.size() == 0) {
      return new byte[0];
    }
    opts.writeBytes(new byte[4]);
    return opts.toByteArray();
  }

  private ByteBuffer buf(int n) {
    return ByteBuffer.allocate(n).order(order);
  }

  static byte[] pad(byte[] data) {
    byte[] p = new byte[(data.length + 3) & ~3];
    System.arraycopy(data, 0, p, 0, data.length);
    return p;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
