package org.tcplint.capture;

import java.io.Closeable;
import java.io.IOException;

/** Streams the records of one capture file in file order, reusing one {@link Frame}. */
public interface CaptureReader extends Closeable {

  /**
   * Reads the next record into {@code frame}.
   *
   * @return false at the clean end of the file
   * @throws CaptureFormatException when the file structure is broken; records read before stay
   *     valid, and no further record can be read
   */
  boolean next(Frame frame) throws IOException, CaptureFormatException;

  /** {@code "pcap"} or {@code "pcapng"}. */
  String format();

  /** Bytes consumed so far (of the decompressed stream). */
  long position();
}
