package org.tcplint.testing;

import static org.mockito.Mockito.doAnswer;

import java.io.Closeable;
import java.io.IOException;

/** Helpers for Mockito stand-ins of files that fail (a full disk). */
public final class StandIns {
  private StandIns() {}

  /** Closing the stand-in {@code disk} (a Mockito mock) closes the {@code real} file. */
  public static void closesWith(Closeable disk, Closeable real) throws IOException {
    doAnswer(
            call -> {
              real.close();
              return null;
            })
        .when(disk)
        .close();
  }
}
