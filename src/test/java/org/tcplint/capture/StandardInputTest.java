package org.tcplint.capture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard input closed at start is told apart from an open one, without reading from it. */
class StandardInputTest {
  @TempDir Path dir;

  // row 8
  @Test
  void descriptorZeroLeadingIntoTheJvmIsNotStandardInput() throws Exception {
    Path home = Files.createDirectories(dir.resolve("jdk/lib"));
    Files.writeString(home.resolve("modules"), "JVM's own");
    Path fds = Files.createDirectories(dir.resolve("proc/self/fd"));
    Files.createSymbolicLink(fds.resolve("0"), home.resolve("modules"));
    InputStream in = mock(InputStream.class);
    assertFalse(StandardInput.isOpen(fds.resolve("0"), dir.resolve("jdk").toString(), in));
    verify(in, never()).read();
  }

  @Test
  void noDescriptorZeroIsNotStandardInput() throws Exception {
    Path fds = Files.createDirectories(dir.resolve("proc/self/fd"));
    assertFalse(
        StandardInput.isOpen(
            fds.resolve("0"), dir.toString(), new ByteArrayInputStream(new byte[0])));
  }

  @Test
  void aDescriptorThatDoesNotAnswerIsNotStandardInput() throws Exception {
    InputStream in = mock(InputStream.class);
    when(in.available()).thenThrow(new IOException("Bad file descriptor"));
    assertFalse(StandardInput.isOpen(dir.resolve("no-proc/fd/0"), dir.toString(), in));
  }

  @Test
  void aPipeOrAFileIsStandardInput() throws Exception {
    Path fds = Files.createDirectories(dir.resolve("proc/self/fd"));
    Files.createSymbolicLink(fds.resolve("0"), dir.resolve("capture.pcapng"));
    InputStream in = new ByteArrayInputStream(new byte[] {1, 2, 3});
    assertTrue(StandardInput.isOpen(fds.resolve("0"), dir.resolve("jdk").toString(), in));
    assertTrue(StandardInput.isOpen(dir.resolve("no-proc/fd/0"), dir.toString(), in));
  }
}
