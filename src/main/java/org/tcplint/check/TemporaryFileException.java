package org.tcplint.check;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Results could not be written to, or read back from, a temporary file (disk full, no access). */
public final class TemporaryFileException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  public TemporaryFileException(String message, IOException cause) {
    super(
        message + " in " + System.getProperty("java.io.tmpdir") + ": " + cause.getMessage(), cause);
  }
}
