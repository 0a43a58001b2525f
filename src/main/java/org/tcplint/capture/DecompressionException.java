package org.tcplint.capture;

import java.io.IOException;

/**
 * The compressed stream around a capture is damaged (bad checksum, data that ends early, trailing
 * garbage, a window or dictionary beyond the memory limit): names the compression, the
 * decompressor's reason and the offset in the compressed file where it stopped.
 */
public final class DecompressionException extends IOException {
  private final String compression;
  private final String reason;
  private final long compressedOffset;
  private final boolean limit;

  public DecompressionException(String compression, String reason, long compressedOffset) {
    this(compression, reason, compressedOffset, false);
  }

  /**
   * @param limit the data is not damaged but expands beyond the configured limit
   */
  public DecompressionException(
      String compression, String reason, long compressedOffset, boolean limit) {
    super(compression + ": " + reason + " (compressed byte offset " + compressedOffset + ")");
    this.compression = compression;
    this.reason = reason;
    this.compressedOffset = compressedOffset;
    this.limit = limit;
  }

  /** True when reading stopped at the expansion limit rather than at damage. */
  public boolean limit() {
    return limit;
  }

  public String compression() {
    return compression;
  }

  public String reason() {
    return reason;
  }

  /** Bytes of the compressed file consumed when the decompressor stopped. */
  public long compressedOffset() {
    return compressedOffset;
  }
}
