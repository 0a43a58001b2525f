package org.tcplint.capture;

/**
 * One record read from a capture: a packet (EPB, SPB, obsolete PB or classic pcap record) or a
 * pcapng custom block, which Wireshark lists as a frame of its own. A reader fills the same
 * instance for every record; {@link #data} is the reader's own buffer and is valid only until the
 * next call to {@link CaptureReader#next(Frame)}.
 */
public final class Frame {
  /** What kind of record this frame is. */
  public enum Kind {
    PACKET,
    CUSTOM_BLOCK
  }

  /** Buffer holding the captured bytes; valid until the next read. */
  public byte[] data;

  /** Offset of the first captured byte in {@link #data}. */
  public int offset;

  /** Captured length. */
  public int capLen;

  /** Original length on the wire. */
  public long origLen;

  /** 1-based frame number, equal to Wireshark's {@code frame.number}. */
  public long number;

  /** Byte offset of the record (block or record header) in the (decompressed) file. */
  public long fileOffset;

  /** Seconds since the epoch; valid when {@link #hasTimestamp}. */
  public long tsSeconds;

  /** Nanoseconds within the second (0..999,999,999). */
  public int tsNanos;

  public boolean hasTimestamp;

  /** Interface index within the pcapng section, or 0 for pcap. */
  public int interfaceId;

  /** 0-based pcapng section index. */
  public int section;

  /** LINKTYPE_* value of the interface. */
  public int linkType;

  /** Snapshot length of the interface (0 = unlimited). */
  public int snapLen;

  /** pcapng {@code epb_flags} (direction in the two low bits), or 0 when absent. */
  public int epbFlags;

  public Kind kind = Kind.PACKET;

  /** Copies the record metadata and the captured bytes into a fresh, independent frame. */
  public Frame copy() {
    Frame f = new Frame();
    f.data = java.util.Arrays.copyOfRange(data, offset, offset + capLen);
    f.offset = 0;
    f.capLen = capLen;
    f.origLen = origLen;
    f.number = number;
    f.fileOffset = fileOffset;
    f.tsSeconds = tsSeconds;
    f.tsNanos = tsNanos;
    f.hasTimestamp = hasTimestamp;
    f.interfaceId = interfaceId;
    f.section = section;
    f.linkType = linkType;
    f.snapLen = snapLen;
    f.epbFlags = epbFlags;
    f.kind = kind;
    return f;
  }
}
