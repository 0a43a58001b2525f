package org.tcplint.capture;

import java.io.IOException;

/**
 * Classic libpcap files: the four magics (micro- and nanosecond resolution, both byte orders). The
 * "modified" (Kuznetzov) format is rejected with a clear message.
 */
final class PcapReader implements CaptureReader {
  static final int MAGIC_US = 0xA1B2C3D4;
  static final int MAGIC_NS = 0xA1B23C4D;
  static final int MAGIC_KUZNETZOV = 0xA1B2CD34;
  private static final int HEADER = 24;
  private static final int RECORD_HEADER = 16;

  private final ByteInput in;
  private final boolean bigEndian;
  private final boolean nanos;
  private final int linkType;
  private final int snapLen;
  private long frameNumber;

  /** True for the four pcap magics and the Kuznetzov one, in either byte order. */
  static boolean isMagic(int be) {
    int le = Integer.reverseBytes(be);
    for (int m : new int[] {MAGIC_US, MAGIC_NS, MAGIC_KUZNETZOV}) {
      if (be == m || le == m) {
        return true;
      }
    }
    return false;
  }

  PcapReader(ByteInput in) throws IOException, CaptureFormatException {
    this.in = in;
    if (!in.ensure(HEADER)) {
      throw CaptureFormatException.truncated(
          0, "pcap file header truncated: " + in.available() + " of " + HEADER + " bytes present");
    }
    byte[] b = in.buffer();
    int p = in.pos();
    int magicBe = Bytes.i32(b, p, true);
    int magicLe = Bytes.i32(b, p, false);
    if (magicBe == MAGIC_KUZNETZOV || magicLe == MAGIC_KUZNETZOV) {
      throw CaptureFormatException.malformed(
          0, "modified (Kuznetzov) pcap format is not supported; convert it with editcap");
    }
    if (magicBe == MAGIC_US || magicBe == MAGIC_NS) {
      bigEndian = true;
      nanos = magicBe == MAGIC_NS;
    } else if (magicLe == MAGIC_US || magicLe == MAGIC_NS) {
      bigEndian = false;
      nanos = magicLe == MAGIC_NS;
    } else {
      throw CaptureFormatException.malformed(
          0, String.format("not a pcap file (magic 0x%08x)", magicBe));
    }
    int major = Bytes.u16(b, p + 4, bigEndian);
    int minor = Bytes.u16(b, p + 6, bigEndian);
    if (major != 2) {
      throw CaptureFormatException.malformed(
          4, "unsupported pcap version " + major + "." + minor + " (only 2.x is defined)");
    }
    snapLen = Bytes.i32(b, p + 16, bigEndian);
    int network = Bytes.i32(b, p + 20, bigEndian);
    if ((network & 0x03FF0000) != 0) {
      throw CaptureFormatException.malformed(
          20, String.format("link-type reserved bits are not zero (0x%08x)", network & 0x03FF0000));
    }
    linkType = network & 0xFFFF;
    in.advance(HEADER);
  }

  @Override
  public boolean next(Frame f) throws IOException, CaptureFormatException {
    long offset = in.position();
    if (!in.ensure(RECORD_HEADER)) {
      if (in.available() == 0) {
        return false;
      }
      throw CaptureFormatException.truncated(
          offset,
          "file ends inside a packet record header ("
              + in.available()
              + " of "
              + RECORD_HEADER
              + " bytes)");
    }
    byte[] b = in.buffer();
    int p = in.pos();
    long sec = Bytes.u32(b, p, bigEndian);
    long frac = Bytes.u32(b, p + 4, bigEndian);
    long incl = Bytes.u32(b, p + 8, bigEndian);
    long orig = Bytes.u32(b, p + 12, bigEndian);
    if (incl > ByteInput.MAX_RECORD) {
      throw CaptureFormatException.malformed(
          offset, "packet record captured length " + incl + " is larger than the 16 MiB limit");
    }
    int len = (int) incl;
    if (!in.ensure(RECORD_HEADER + len)) {
      throw CaptureFormatException.truncated(
          offset,
          "file ends inside a packet record ("
              + (in.available() - RECORD_HEADER)
              + " of "
              + len
              + " captured bytes)");
    }
    b = in.buffer();
    p = in.pos();
    long nanosTotal = nanos ? frac : frac * 1000L;
    f.kind = Frame.Kind.PACKET;
    f.data = b;
    f.offset = p + RECORD_HEADER;
    f.capLen = len;
    f.origLen = orig;
    f.number = ++frameNumber;
    f.fileOffset = offset;
    f.tsSeconds = sec + nanosTotal / 1_000_000_000L;
    f.tsNanos = (int) (nanosTotal % 1_000_000_000L);
    f.hasTimestamp = true;
    f.interfaceId = 0;
    f.section = 0;
    f.linkType = linkType;
    f.snapLen = snapLen;
    f.epbFlags = 0;
    in.advance(RECORD_HEADER + len);
    return true;
  }

  @Override
  public String format() {
    return "pcap";
  }

  @Override
  public long position() {
    return in.position();
  }

  @Override
  public void close() {}
}
