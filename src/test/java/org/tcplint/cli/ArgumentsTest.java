package org.tcplint.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Arguments the JVM decoded with loss are read again from the process's raw command line. */
class ArgumentsTest {
  /** A /proc/self/cmdline: each argument's bytes and a NUL. */
  private static byte[] cmdline(byte[]... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] a : args) {
      out.writeBytes(a);
      out.write(0);
    }
    return out.toByteArray();
  }

  private static byte[] b(String ascii) {
    return ascii.getBytes(StandardCharsets.US_ASCII);
  }

  private static final byte[] JAVA = b("java");
  private static final byte[] JAR = b("-jar");
  private static final byte[] PATH = b("/opt/tcplint/target/tcplint.jar");

  @Test
  void aByteThatIsNotUtf8IsRecoveredAsAnEscape() {
    byte[] raw = {'a', (byte) 0xFF, 'b', '.', 'p', 'c', 'a', 'p', 'n', 'g'};
    byte[] cmd = cmdline(JAVA, JAR, PATH, b("check"), b("-q"), raw);
    // under a UTF-8 locale the JVM made U+FFFD of the byte
    String[] args = {"check", "-q", "a\uFFFDb.pcapng"};
    assertArrayEquals(
        new String[] {"check", "-q", "a\uDCFFb.pcapng"}, Arguments.recover(cmd, args));
  }

  @Test
  void utf8ThatTheCLocaleLostIsRecoveredAsText() {
    byte[] cafe = "café.pcapng".getBytes(StandardCharsets.UTF_8);
    byte[] cmd = cmdline(JAVA, JAR, PATH, b("check"), b("-o"), b("r.json"), cafe);
    String expected = "café.pcapng";
    for (String lost : new String[] {"caf\uFFFD\uFFFD.pcapng", "caf??.pcapng"}) {
      assertArrayEquals(
          new String[] {"check", "-o", "r.json", expected},
          Arguments.recover(cmd, new String[] {"check", "-o", "r.json", lost}));
    }
  }

  @Test
  void anEmptyArgumentKeepsItsPlace() {
    byte[] cmd = cmdline(JAVA, JAR, PATH, b("check"), b(""), new byte[] {'x', (byte) 0xFF});
    assertArrayEquals(
        new String[] {"check", "", "x\uDCFF"},
        Arguments.recover(cmd, new String[] {"check", "", "x\uFFFD"}));
  }

  @Test
  void aCommandLineThatDoesNotMatchTheArgumentsIsNotUsed() {
    String[] args = {"check", "a\uFFFDb.pcapng"};
    // another argument where the file name should be
    assertSame(
        args, Arguments.recover(cmdline(JAVA, JAR, PATH, b("check"), b("other.pcapng")), args));
    // fewer arguments than main was given
    assertSame(args, Arguments.recover(cmdline(b("a.pcapng")), args));
    // no command line at all (a system without /proc gives none)
    assertSame(args, Arguments.recover(new byte[0], args));
  }

  @Test
  void onlyArgumentsWithAReplacementCharacterAreLookedAtAgain() {
    assertTrue(Arguments.lossy(new String[] {"check", "a\uFFFDb"}));
    assertFalse(Arguments.lossy(new String[] {"check", "-q", "plain.pcapng"}));
  }
}
