package org.tcplint.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.tcplint.check.SpillList;

/** The SARIF artifacts' spool loses no line when its temporary file stops taking writes. */
class SpooledLinesTest {
  private static List<String> lines(int n) {
    List<String> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add("{\"location\":{\"uri\":\"capture-" + i + ".pcapng\"}}");
    }
    return l;
  }

  // a full disk while the artifacts wait for the end of the run
  @Test
  void aWriteThatFailsForAFullDiskKeepsTheRestInMemoryAndSaysSo() throws IOException {
    List<String> told = new ArrayList<>();
    SpillList.tellTo(told::add);
    AtomicLong used = new AtomicLong();
    AtomicReference<Path> spool = new AtomicReference<>();
    SpooledLines.opener =
        file -> {
          spool.set(file);
          OutputStream real = Files.newOutputStream(file);
          OutputStream disk = mock(OutputStream.class);
          doAnswer(
                  call -> {
                    byte[] b = call.getArgument(0);
                    // the disk takes 1,000 bytes: the write that goes beyond leaves part of it
                    int room = (int) Math.max(0, 1000 - used.get());
                    real.write(b, 0, Math.min(room, b.length));
                    if (used.addAndGet(b.length) > 1000) {
                      throw new IOException("No space left on device");
                    }
                    return null;
                  })
              .when(disk)
              .write(any(byte[].class));
          org.tcplint.testing.StandIns.closesWith(disk, real);
          return disk;
        };
    List<String> read = new ArrayList<>();
    try {
      SpooledLines s = new SpooledLines("tcplint-", ".test", 200);
      List<String> lines = lines(100);
      lines.forEach(s::add);
      assertTrue(Files.size(spool.get()) >= 800, "some lines went to the file");
      s.forEach(read::add);
      assertEquals(lines, read);
      assertTrue(Files.notExists(spool.get()), "the file is deleted at the end");
    } finally {
      SpooledLines.opener = Files::newOutputStream;
      SpillList.tellTo(m -> {});
    }
    assertEquals(
        List.of(
            "cannot write the temporary file "
                + spool.get()
                + " (no space left on device): results are kept in memory instead, which may need"
                + " a larger heap for big captures (set TMPDIR to a writable directory with free"
                + " space)"),
        told);
  }

  @Test
  void withoutFailuresTheLinesComeBackFromTheFile() throws IOException {
    SpooledLines s = new SpooledLines("tcplint-", ".test", 100);
    List<String> lines = lines(50);
    lines.forEach(s::add);
    List<String> read = new ArrayList<>();
    s.forEach(read::add);
    assertEquals(lines, read);
  }
}
