package org.tcplint.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names are the bytes on disk: a byte that is not UTF-8 is kept as an escape, never lost. */
class FileNamesTest {
  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void anInvalidByteIsEscapedAndValidUtf8AndAsciiAreText() {
    assertEquals(
        "a\uDCFFb.pcapng", FileNames.decode("a\377b.pcapng".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals("café.pcapng", FileNames.decode("café.pcapng".getBytes(StandardCharsets.UTF_8)));
    assertEquals("plain.pcap", FileNames.decode("plain.pcap".getBytes(StandardCharsets.US_ASCII)));
    // a four-byte sequence (U+1F600) is one code point, a surrogate pair
    assertEquals("\uD83D\uDE00", FileNames.decode(bytes(0xF0, 0x9F, 0x98, 0x80)));
    // Latin-1 é (0xE9) then 'x': a lead byte not followed by a continuation byte
    assertEquals("caf\uDCE9x", FileNames.decode(bytes('c', 'a', 'f', 0xE9, 'x')));
    // a sequence cut short at the end, an overlong '/', an encoded surrogate (U+D800)
    assertEquals("\uDCE2\uDC82", FileNames.decode(bytes(0xE2, 0x82)));
    assertEquals("\uDCC0\uDCAF", FileNames.decode(bytes(0xC0, 0xAF)));
    assertEquals("\uDCED\uDCA0\uDC80", FileNames.decode(bytes(0xED, 0xA0, 0x80)));
  }

  @Test
  void bytesAreThoseTheNameWasDecodedFrom() {
    byte[][] names = {
      bytes('a', 0xFF, 'b'),
      "café €😀".getBytes(StandardCharsets.UTF_8),
      bytes(0xC0, 0xAF, 0xE2, 0x82, 'x', 0xED, 0xA0, 0x80, 0x80),
      bytes('p', 'l', 'a', 'i', 'n'),
      bytes(0xF0, 0x90, 0x82, 0x80), // U+10080: its low surrogate is U+DC80, not an escape
    };
    for (byte[] raw : names) {
      assertArrayEquals(raw, FileNames.bytes(FileNames.decode(raw)));
    }
    assertEquals("\uD800\uDC80", FileNames.decode(bytes(0xF0, 0x90, 0x82, 0x80)));
    assertFalse(FileNames.escaped("\uD800\uDC80", 1));
    assertTrue(FileNames.escaped("a\uDC80", 1));
  }

  @Test
  void printableWritesEachEscapedByteAsHex() {
    assertEquals("a\\xffb.pcapng", FileNames.printable("a\uDCFFb.pcapng"));
    assertEquals("caf\\xe9 \\xc0\\xaf", FileNames.printable("caf\uDCE9 \uDCC0\uDCAF"));
    assertEquals("café 😀 \uD800\uDC80", FileNames.printable("café 😀 \uD800\uDC80"));
    String plain = "plain.pcap";
    assertEquals(plain, FileNames.printable(plain));
  }

  /** The name's bytes, read back from the path by the public way: its file: URI. */
  private static String rawPath(Path p) {
    return p.toAbsolutePath().toUri().getRawPath();
  }

  @Test
  void aRelativeNameStaysRelativeWithItsBytes(@TempDir Path dir) throws IOException {
    Path rel = FileNames.path("sub/a\uDCFFb.pcapng");
    assertFalse(rel.isAbsolute());
    assertEquals(2, rel.getNameCount());
    Path onDisk = Path.of(URI.create(dir.toUri() + "sub/a%FFb.pcapng"));
    Files.createDirectories(onDisk.getParent());
    Files.writeString(onDisk, "x");
    assertEquals(onDisk, dir.resolve(rel));
    assertTrue(Files.exists(dir.resolve(rel)));
    assertEquals("sub/a\uDCFFb.pcapng", FileNames.name(rel));
    assertEquals("./../x/caf\uDCE9", FileNames.name(FileNames.path("./../x/caf\uDCE9")));
    assertEquals("./café", FileNames.name(FileNames.path("./café")));
    assertTrue(rawPath(FileNames.path("./café")).endsWith("/./caf%C3%A9"));
    assertEquals(Path.of("plain/name.pcap"), FileNames.path("plain/name.pcap"));
  }

  @Test
  void anAbsoluteNameIsItsPath(@TempDir Path dir) throws IOException {
    Path onDisk = Path.of(URI.create(dir.toUri() + "a%FFb%C3%A9.pcapng"));
    Files.writeString(onDisk, "x");
    String name = dir + "/a\uDCFFbé.pcapng";
    Path p = FileNames.path(name);
    assertTrue(p.isAbsolute());
    assertEquals(onDisk, p);
    assertEquals(rawPath(onDisk), rawPath(p));
    assertEquals("x", Files.readString(p));
    assertEquals(name, FileNames.name(p));
    assertEquals(name, FileNames.name(onDisk));
  }

  @Test
  void aDirectoryWalkFindsARawNameAndNamesItFaithfully(@TempDir Path dir) throws IOException {
    Path sub = Files.createDirectory(Path.of(URI.create(dir.toUri() + "d%FE")));
    Files.writeString(Path.of(URI.create(sub.toUri() + "a%FFb.pcapng")), "x");
    Files.writeString(sub.resolve("plain.pcapng"), "y");
    List<String> found;
    try (Stream<Path> walk = Files.walk(dir)) {
      found = walk.filter(Files::isRegularFile).map(FileNames::name).sorted().toList();
    }
    assertEquals(List.of(dir + "/d\uDCFE/a\uDCFFb.pcapng", dir + "/d\uDCFE/plain.pcapng"), found);
    for (String name : found) {
      assertTrue(Files.isRegularFile(FileNames.path(name)), name);
    }
  }

  @Test
  void systemReasonsAreInLowerCaseLikeTcplintsOwn(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    IOException underAFile =
        org.junit.jupiter.api.Assertions.assertThrows(
            IOException.class, () -> Files.newInputStream(file.resolve("inside")));
    assertEquals("not a directory", FileNames.reason(underAFile));
    assertEquals(
        "no space left on device", FileNames.reason(new IOException("No space left on device")));
    assertEquals("broken pipe", FileNames.reason(new IOException("Broken pipe")));
    assertEquals(
        "read-only file system",
        FileNames.reason(
            new java.nio.file.FileSystemException("x", null, "Read-only file system")));
    assertEquals(
        "permission denied", FileNames.reason(new java.nio.file.AccessDeniedException("x")));
    // Acronyms and messages that start with a file's name are left as they are.
    assertEquals("I/O error", FileNames.reason(new IOException("I/O error")));
    assertEquals("EOF reached", FileNames.reason(new IOException("EOF reached")));
    assertEquals("Out (Is a directory)", FileNames.reason(new IOException("Out (Is a directory)")));
    assertEquals("Report.json: gone", FileNames.reason(new IOException("Report.json: gone")));
    assertEquals("IOException", FileNames.reason(new IOException()));
  }
}
