package org.tcplint.capture;

/**
 * The structure of a capture file is broken: bad magic, bad block length, a block that runs past
 * the end of the file. Carries the byte offset of the damaged block (or header) so that users can
 * inspect the file with a hex editor.
 */
public final class CaptureFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long offset;
  private final String reason;
  private final boolean truncated;

  public CaptureFormatException(long offset, String reason, boolean truncated) {
    super(reason + " at byte offset " + offset);
    this.offset = offset;
    this.reason = reason;
    this.truncated = truncated;
  }

  public static CaptureFormatException malformed(long offset, String reason) {
    return new CaptureFormatException(offset, reason, false);
  }

  public static CaptureFormatException truncated(long offset, String reason) {
    return new CaptureFormatException(offset, reason, true);
  }

  /** Byte offset of the start of the damaged block or header. */
  public long offset() {
    return offset;
  }

  /** The reason without the offset. */
  public String reason() {
    return reason;
  }

  /** True when the file ends inside a block (as opposed to a block that is itself broken). */
  public boolean truncated() {
    return truncated;
  }
}
