package org.tcplint.capture;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng (draft-ietf-opsawg-pcapng): several sections, each in its own byte order; interface
 * description blocks with link type, snaplen, {@code if_tsresol} and {@code if_tsoffset}; packet
 * records from EPB, SPB and the obsolete PB; custom blocks (CB/DCB) reported as frames of their
 * own, as Wireshark does; every other block skipped by its length.
 */
final class PcapngReader implements CaptureReader {
  static final int SHB = 0x0A0D0D0A;
  static final int IDB = 1;
  static final int PB = 2;
  static final int SPB = 3;
  static final int NRB = 4;
  static final int ISB = 5;
  static final int EPB = 6;
  static final int DSB = 0x0A;
  static final int CB = 0x00000BAD;
  static final int DCB = 0x40000BAD;
  static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  static final int SHB_MAX = 1024 * 1024;

  /**
   * Interface description blocks a section may have (a sanity limit, like a block's length): a
   * capture merged from many hosts has hundreds. Each chunk of a capture read on several threads
   * starts with its section's interfaces, read again; millions of them ran the heap out.
   */
  static final int MAX_INTERFACES = 65_536;

  /** Bytes of interface description blocks a section may have, for the same reason. */
  static final int MAX_INTERFACE_BYTES = 4 << 20;

  private final ByteInput in;
  private final List<Interface> interfaces = new ArrayList<>();
  private long interfaceBytes; // of the section's interface description blocks
  private boolean bigEndian;
  private int section = -1;
  private long frameNumber;

  /** What an IDB says about its interface. */
  private record Interface(
      int linkType, int snapLen, boolean decimal, int exponent, long offsetSeconds) {}

  PcapngReader(ByteInput in) throws IOException, CaptureFormatException {
    this.in = in;
    if (!in.ensure(12)) {
      throw CaptureFormatException.truncated(
          0, "pcapng section header truncated: " + in.available() + " bytes present");
    }
  }

  /**
   * Reads a capture that continues in section {@code index}: the bytes start with that section's
   * header block (and its interface blocks), replayed to restore the state a chunk starts in.
   */
  PcapngReader inSection(int index) {
    section = index - 1;
    return this;
  }

  @Override
  public boolean next(Frame f) throws IOException, CaptureFormatException {
    while (true) {
      long offset = in.position();
      if (!in.ensure(8)) {
        if (in.available() == 0) {
          return false;
        }
        throw CaptureFormatException.truncated(
            offset, "file ends inside a block header (" + in.available() + " of 8 bytes)");
      }
      byte[] b = in.buffer();
      int p = in.pos();
      int type = Bytes.i32(b, p, bigEndian);
      if (type == SHB) {
        if (!in.ensure(12)) {
          throw CaptureFormatException.truncated(offset, "file ends inside a section header block");
        }
        b = in.buffer();
        p = in.pos();
        int magic = Bytes.i32(b, p + 8, true);
        if (magic == BYTE_ORDER_MAGIC) {
          bigEndian = true;
        } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
          bigEndian = false;
        } else {
          throw CaptureFormatException.malformed(
              offset,
              String.format("section header block has a bad byte-order magic 0x%08x", magic));
        }
      } else if (section < 0) {
        throw CaptureFormatException.malformed(
            offset, "pcapng file does not start with a section header block");
      }
      long len = Bytes.u32(b, p + 4, bigEndian);
      String name = blockName(type);
      if (len % 4 != 0) {
        throw CaptureFormatException.malformed(
            offset, name + " total length " + len + " is not a multiple of 4");
      }
      if (len < minimumLength(type)) {
        throw CaptureFormatException.malformed(
            offset,
            name + " total length " + len + " is smaller than the minimum " + minimumLength(type));
      }
      if (len > (type == SHB ? SHB_MAX : ByteInput.MAX_RECORD)) {
        throw CaptureFormatException.malformed(
            offset, name + " total length " + len + " is larger than the sanity limit");
      }
      int n = (int) len;
      if (!in.ensure(n)) {
        throw CaptureFormatException.truncated(
            offset,
            "file ends inside "
                + article(name)
                + " ("
                + in.available()
                + " of "
                + n
                + " bytes present)");
      }
      b = in.buffer();
      p = in.pos();
      long trailer = Bytes.u32(b, p + n - 4, bigEndian);
      if (trailer != len) {
        throw CaptureFormatException.malformed(
            offset,
            name + " trailing length " + trailer + " differs from its leading length " + len);
      }
      boolean frame = false;
      switch (type) {
        case SHB -> readSectionHeader(b, p, offset);
        case IDB -> readInterface(b, p, n, offset);
        case EPB -> frame = readEnhancedPacket(f, b, p, n, offset);
        case SPB -> frame = readSimplePacket(f, b, p, n, offset);
        case PB -> frame = readObsoletePacket(f, b, p, n, offset);
        case CB, DCB -> frame = readCustom(f, b, p, n, offset);
        default -> {
          // NRB, ISB, DSB, process-information and unknown blocks: skipped by length.
        }
      }
      in.advance(n);
      if (frame) {
        return true;
      }
    }
  }

  private void readSectionHeader(byte[] b, int p, long offset) throws CaptureFormatException {
    int major = Bytes.u16(b, p + 12, bigEndian);
    int minor = Bytes.u16(b, p + 14, bigEndian);
    if (major != 1 || (minor != 0 && minor != 2)) {
      throw CaptureFormatException.malformed(
          offset, "unsupported pcapng version " + major + "." + minor + " (expected 1.0)");
    }
    section++;
    interfaces.clear();
    interfaceBytes = 0;
  }

  private void readInterface(byte[] b, int p, int n, long offset) throws CaptureFormatException {
    if (interfaces.size() == MAX_INTERFACES) {
      throw CaptureFormatException.malformed(
          offset,
          "interface description block "
              + (MAX_INTERFACES + 1)
              + " of the section is beyond the sanity limit of "
              + MAX_INTERFACES);
    }
    interfaceBytes += n;
    if (interfaceBytes > MAX_INTERFACE_BYTES) {
      throw CaptureFormatException.malformed(
          offset,
          "the section's interface description blocks pass the sanity limit of "
              + MAX_INTERFACE_BYTES
              + " bytes with this one ("
              + interfaceBytes
              + " bytes)");
    }
    int linkType = Bytes.u16(b, p + 8, bigEndian);
    int snapLen = Bytes.i32(b, p + 12, bigEndian);
    boolean decimal = true;
    int exponent = 6;
    long tsOffset = 0;
    int end = p + n - 4;
    for (int o = firstOption(b, p + 16, end); o >= 0; o = nextOption(b, o, end)) {
      int code = Bytes.u16(b, o, bigEndian);
      int olen = Bytes.u16(b, o + 2, bigEndian);
      if (code == 9 && olen >= 1) {
        int v = b[o + 4] & 0xFF;
        decimal = (v & 0x80) == 0;
        exponent = v & 0x7F;
      } else if (code == 14 && olen >= 8) {
        // if_tsoffset: one signed 64-bit value in the section's byte order.
        tsOffset =
            bigEndian
                ? (Bytes.u32(b, o + 4, true) << 32) | Bytes.u32(b, o + 8, true)
                : leBytesToLong(b, o + 4);
      }
    }
    interfaces.add(new Interface(linkType, snapLen, decimal, exponent, tsOffset));
  }

  private static long leBytesToLong(byte[] b, int o) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[o + i] & 0xFF);
    }
    return v;
  }

  private Interface iface(long id, long offset) throws CaptureFormatException {
    if (id >= interfaces.size()) {
      throw CaptureFormatException.malformed(
          offset,
          "packet block names interface "
              + id
              + " but the section has "
              + interfaces.size()
              + " interface description block(s)");
    }
    return interfaces.get((int) id);
  }

  private boolean readEnhancedPacket(Frame f, byte[] b, int p, int n, long offset)
      throws CaptureFormatException {
    int capLen = readTimedPacket(f, b, p, n, offset, Bytes.u32(b, p + 8, bigEndian), "enhanced ");
    f.epbFlags = epbFlags(b, p + 28 + ((capLen + 3) & ~3), p + n - 4);
    return true;
  }

  /**
   * The layout EPB and the obsolete PB share after the interface id: timestamp (high, low),
   * captured length, original length, data at offset 28. Returns the captured length.
   */
  private int readTimedPacket(Frame f, byte[] b, int p, int n, long offset, long id, String kind)
      throws CaptureFormatException {
    Interface i = iface(id, offset);
    long ts = (Bytes.u32(b, p + 12, bigEndian) << 32) | Bytes.u32(b, p + 16, bigEndian);
    long cap = Bytes.u32(b, p + 20, bigEndian);
    long orig = Bytes.u32(b, p + 24, bigEndian);
    if (cap > n - 32) {
      throw CaptureFormatException.malformed(
          offset, kind + "packet block captured length " + cap + " runs past the block end");
    }
    fill(f, b, p + 28, (int) cap, orig, offset, (int) id, i);
    setTimestamp(f, ts, i);
    return (int) cap;
  }

  private int epbFlags(byte[] b, int o, int end) {
    for (o = firstOption(b, o, end); o >= 0; o = nextOption(b, o, end)) {
      if (Bytes.u16(b, o, bigEndian) == 2 && Bytes.u16(b, o + 2, bigEndian) == 4) {
        return Bytes.i32(b, o + 4, bigEndian);
      }
    }
    return 0;
  }

  /**
   * The option at {@code o}, or -1 when the options end there. One rule for the options of every
   * block (SHB, IDB, EPB): they end at {@code opt_endofopt}, at the end of the block, or at an
   * option whose length runs past the block end; that option and any after it are ignored and the
   * block is read with the options before it (the section header's options are not used at all).
   */
  private int firstOption(byte[] b, int o, int end) {
    if (o + 4 > end) {
      return -1;
    }
    int code = Bytes.u16(b, o, bigEndian);
    int olen = Bytes.u16(b, o + 2, bigEndian);
    if (code == 0 || (long) o + 4 + olen > end) {
      return -1;
    }
    return o;
  }

  /** The option after the one at {@code o}, or -1 (see {@link #firstOption}). */
  private int nextOption(byte[] b, int o, int end) {
    int olen = Bytes.u16(b, o + 2, bigEndian);
    return firstOption(b, o + 4 + ((olen + 3) & ~3), end);
  }

  private boolean readSimplePacket(Frame f, byte[] b, int p, int n, long offset)
      throws CaptureFormatException {
    Interface i = iface(0, offset);
    long orig = Bytes.u32(b, p + 8, bigEndian);
    long cap = Math.min(orig, n - 16);
    if (i.snapLen() > 0) {
      cap = Math.min(cap, i.snapLen() & 0xFFFFFFFFL);
    }
    fill(f, b, p + 12, (int) cap, orig, offset, 0, i);
    f.hasTimestamp = false;
    f.tsSeconds = 0;
    f.tsNanos = 0;
    f.epbFlags = 0;
    return true;
  }

  private boolean readObsoletePacket(Frame f, byte[] b, int p, int n, long offset)
      throws CaptureFormatException {
    readTimedPacket(f, b, p, n, offset, Bytes.u16(b, p + 8, bigEndian), "");
    f.epbFlags = 0;
    return true;
  }

  private boolean readCustom(Frame f, byte[] b, int p, int n, long offset) {
    f.kind = Frame.Kind.CUSTOM_BLOCK;
    f.data = b;
    f.offset = p + 12;
    f.capLen = n - 16;
    f.origLen = n - 16;
    f.number = ++frameNumber;
    f.fileOffset = offset;
    f.hasTimestamp = false;
    f.tsSeconds = 0;
    f.tsNanos = 0;
    f.interfaceId = -1;
    f.section = section;
    f.linkType = -1;
    f.snapLen = 0;
    f.epbFlags = 0;
    return true;
  }

  private void fill(
      Frame f, byte[] b, int data, int capLen, long orig, long offset, int id, Interface i) {
    f.kind = Frame.Kind.PACKET;
    f.data = b;
    f.offset = data;
    f.capLen = capLen;
    f.origLen = orig;
    f.number = ++frameNumber;
    f.fileOffset = offset;
    f.interfaceId = id;
    f.section = section;
    f.linkType = i.linkType();
    f.snapLen = i.snapLen();
  }

  /** Converts a timestamp in the interface's units (if_tsresol) to seconds and nanoseconds. */
  static void setTimestamp(Frame f, long ts, boolean decimal, int exponent, long offsetSeconds) {
    long sec;
    long nanos;
    if (decimal && exponent == 6 && ts >= 0) {
      sec = ts / 1_000_000L; // the common case: microseconds
      nanos = (ts % 1_000_000L) * 1000L;
    } else if (decimal && exponent == 9 && ts >= 0) {
      sec = ts / 1_000_000_000L;
      nanos = ts % 1_000_000_000L;
    } else if (decimal && exponent <= 18) {
      long unit = pow10(exponent);
      sec = Long.divideUnsigned(ts, unit);
      long rem = Long.remainderUnsigned(ts, unit);
      nanos = exponent <= 9 ? rem * pow10(9 - exponent) : rem / pow10(exponent - 9);
    } else if (!decimal && exponent <= 30) {
      sec = ts >>> exponent;
      long rem = ts & ((1L << exponent) - 1);
      nanos = (rem * 1_000_000_000L) >>> exponent;
    } else {
      BigInteger unit = decimal ? BigInteger.TEN.pow(exponent) : BigInteger.ONE.shiftLeft(exponent);
      BigInteger t = new BigInteger(Long.toUnsignedString(ts));
      BigInteger[] qr = t.divideAndRemainder(unit);
      sec = qr[0].longValue();
      nanos = qr[1].multiply(BigInteger.valueOf(1_000_000_000L)).divide(unit).longValue();
    }
    f.tsSeconds = sec + offsetSeconds;
    f.tsNanos = (int) nanos;
    f.hasTimestamp = true;
  }

  private static void setTimestamp(Frame f, long ts, Interface i) {
    setTimestamp(f, ts, i.decimal(), i.exponent(), i.offsetSeconds());
  }

  private static long pow10(int e) {
    long v = 1;
    for (int k = 0; k < e; k++) {
      v *= 10;
    }
    return v;
  }

  static int minimumLength(int type) {
    return switch (type) {
      case SHB -> 28;
      case IDB -> 20;
      case EPB, PB -> 32;
      case SPB -> 16;
      case CB, DCB -> 16;
      default -> 12;
    };
  }

  private static String article(String name) {
    return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
  }

  static String blockName(int type) {
    return switch (type) {
      case SHB -> "section header block";
      case IDB -> "interface description block";
      case EPB -> "enhanced packet block";
      case SPB -> "simple packet block";
      case PB -> "packet block";
      case NRB -> "name resolution block";
      case ISB -> "interface statistics block";
      case DSB -> "decryption secrets block";
      case CB, DCB -> "custom block";
      default -> String.format("block of type 0x%08x", type);
    };
  }

  @Override
  public String format() {
    return "pcapng";
  }

  @Override
  public long position() {
    return in.position();
  }

  @Override
  public void close() {}
}
