package org.tcplint.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tcplint.testing.Packets;
import org.tcplint.testing.PcapWriter;
import org.tcplint.testing.PcapngWriter;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class ReaderTest {
  private static final byte[] PKT = Packets.ethernet(Packets.synIpv4(500));

  /** Reads every frame (copied) or throws the capture error. */
  static List<Frame> readAll(byte[] file) throws IOException, CaptureFormatException {
    List<Frame> out = new ArrayList<>();
    try (Captures.Opened o = Captures.open(new ByteArrayInputStream(file))) {
      Frame f = new Frame();
      while (o.reader().next(f)) {
        out.add(f.copy());
      }
    }
    return out;
  }

  /** Reads until the error and returns the frames read before it plus the error. */
  static CaptureFormatException readUntilError(byte[] file, List<Frame> before) throws IOException {
    try (Captures.Opened o = Captures.open(new ByteArrayInputStream(file))) {
      Frame f = new Frame();
      while (o.reader().next(f)) {
        before.add(f.copy());
      }
    } catch (CaptureFormatException e) {
      return e;
    }
    throw new AssertionError("no capture error");
  }

  @ParameterizedTest
  @ValueSource(strings = {"LE", "BE"})
  void pcapngBothByteOrders(String order) throws Exception {
    ByteOrder bo = order.equals("LE") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    byte[] file =
        new PcapngWriter()
            .section(bo)
            .iface(1, 65535, -1)
            .epb(0, 1_500_000_000_123_456L, PKT)
            .bytes();
    List<Frame> frames = readAll(file);
    assertEquals(1, frames.size());
    Frame f = frames.get(0);
    assertEquals(1, f.number);
    assertEquals(1_500_000_000L, f.tsSeconds);
    assertEquals(123_456_000, f.tsNanos);
    assertEquals(PKT.length, f.capLen);
    assertEquals(1, f.linkType);
    assertEquals(PKT[14], f.data[f.offset + 14]);
  }

  @Test
  void sectionsChangeByteOrderAndResetInterfaces() throws Exception {
    byte[] file =
        new PcapngWriter()
            .section(ByteOrder.LITTLE_ENDIAN)
            .iface(1, 0, -1)
            .iface(0, 0, -1)
            .epb(1, 1_000_000L, PKT)
            .section(ByteOrder.BIG_ENDIAN)
            .iface(101, 0, -1)
            .epb(0, 2_000_000L, PKT)
            .bytes();
    List<Frame> frames = readAll(file);
    assertEquals(2, frames.size());
    assertEquals(1, frames.get(0).interfaceId);
    assertEquals(0, frames.get(0).linkType);
    assertEquals(0, frames.get(0).section);
    assertEquals(0, frames.get(1).interfaceId);
    assertEquals(101, frames.get(1).linkType);
    assertEquals(1, frames.get(1).section);
    assertEquals(2, frames.get(1).number);
  }

  @Test
  void tsresolPowersOfTenAndTwoAndOffset() throws Exception {
    byte[] file =
        new PcapngWriter()
            .section(ByteOrder.LITTLE_ENDIAN)
            .iface(1, 0, 9)
            .iface(1, 0, 0x80 | 10)
            .iface(1, 0, 3, 100)
            .epb(0, 1_700_000_000_123_456_789L, PKT)
            .epb(1, (5L << 10) | 512, PKT)
            .epb(2, 2_500L, PKT)
            .bytes();
    List<Frame> frames = readAll(file);
    assertEquals(1_700_000_000L, frames.get(0).tsSeconds);
    assertEquals(123_456_789, frames.get(0).tsNanos);
    assertEquals(5L, frames.get(1).tsSeconds);
    assertEquals(500_000_000, frames.get(1).tsNanos);
    assertEquals(102L, frames.get(2).tsSeconds);
    assertEquals(500_000_000, frames.get(2).tsNanos);
  }

  /**
   * One rule for the options of SHB, IDB and EPB: an option whose length runs past the block end
   * ends the options; the options before it are used, the block and the packets are read.
   */
  @Test
  void optionsPastTheBlockEndAreIgnoredAlikeInSectionInterfaceAndPacketBlocks() throws Exception {
    ByteBuffer shb = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    shb.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
    shb.putShort((short) 4).putShort((short) 200).putInt(0x41414141); // shb_userappl, 200 bytes
    ByteBuffer idb = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    idb.putShort((short) 1).putShort((short) 0).putInt(0);
    idb.putShort((short) 9).putShort((short) 1).putInt(9); // if_tsresol: nanoseconds
    idb.putShort((short) 2).putShort((short) 100).putInt(0x41414141); // if_name, 100 bytes
    int data = (PKT.length + 3) & ~3;
    ByteBuffer epb = ByteBuffer.allocate(20 + data + 16).order(ByteOrder.LITTLE_ENDIAN);
    long ts = 1_700_000_000_123_456_789L;
    epb.putInt(0).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(PKT.length);
    epb.putInt(PKT.length).put(PKT).position(20 + data);
    epb.putShort((short) 2).putShort((short) 4).putInt(0x1); // epb_flags: inbound
    epb.putShort((short) 1).putShort((short) 300).putInt(0x41414141); // comment, 300 bytes
    byte[] file =
        new PcapngWriter()
            .other(0x0A0D0D0A, shb.array())
            .other(1, idb.array())
            .other(6, epb.array())
            .other(6, epb.array())
            .bytes();
    List<Frame> frames = readAll(file);
    assertEquals(2, frames.size());
    Frame f = frames.get(0);
    assertEquals(1_700_000_000L, f.tsSeconds); // the option before the bad one is used
    assertEquals(123_456_789, f.tsNanos);
    assertEquals(0x1, f.epbFlags);
    assertEquals(PKT.length, f.capLen);
  }

  @Test
  void simplePacketUsesFirstInterfaceSnaplenAndHasNoTime() throws Exception {
    byte[] file =
        new PcapngWriter()
            .section(ByteOrder.LITTLE_ENDIAN)
            .iface(1, 40, -1)
            .spb(java.util.Arrays.copyOf(PKT, 40), PKT.length)
            .bytes();
    Frame f = readAll(file).get(0);
    assertEquals(40, f.capLen);
    assertEquals(PKT.length, f.origLen);
    assertFalse(f.hasTimestamp);
  }

  @Test
  void obsoletePacketBlockCustomBlocksAndSkippedBlocksAreNumberedLikeWireshark() throws Exception {
    byte[] file =
        new PcapngWriter()
            .section(ByteOrder.LITTLE_ENDIAN)
            .iface(1, 0, -1)
            .other(4, new byte[] {0, 0, 0, 0}) // NRB
            .pb(0, 1, PKT)
            .custom(true, new byte[] {1, 2, 3})
            .other(5, new byte[12]) // ISB
            .other(0x0A, new byte[8]) // DSB
            .other(0x80000001, new byte[4]) // vendor block
            .custom(false, new byte[5])
            .epbWithFlags(0, 2, PKT, 1)
            .bytes();
    List<Frame> frames = readAll(file);
    assertEquals(4, frames.size());
    assertEquals(Frame.Kind.PACKET, frames.get(0).kind);
    assertEquals(Frame.Kind.CUSTOM_BLOCK, frames.get(1).kind);
    assertEquals(Frame.Kind.CUSTOM_BLOCK, frames.get(2).kind);
    assertEquals(4, frames.get(3).number);
    assertEquals(1, frames.get(3).epbFlags);
  }

  @Test
  void blockLengthNotMultipleOfFour() throws Exception {
    PcapngWriter w = new PcapngWriter().section(ByteOrder.LITTLE_ENDIAN);
    int at = w.size();
    byte[] bad =
        ByteBuffer.allocate(24)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putInt(1)
            .putInt(21)
            .putInt(1)
            .putInt(0)
            .putInt(21)
            .putInt(0)
            .array();
    CaptureFormatException e = readUntilError(w.raw(bad).bytes(), new ArrayList<>());
    assertEquals(at, e.offset());
    assertTrue(e.reason().contains("not a multiple of 4"), e.reason());
    assertFalse(e.truncated());
  }

  @Test
  void blockLengthTooSmallAbsurdAndTrailerMismatch() throws Exception {
    PcapngWriter w = new PcapngWriter().section(ByteOrder.LITTLE_ENDIAN);
    int at = w.size();
    byte[] small =
        ByteBuffer.allocate(12)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putInt(1)
            .putInt(4)
            .putInt(4)
            .array();
    CaptureFormatException e =
        readUntilError(
            new PcapngWriter().section(ByteOrder.LITTLE_ENDIAN).raw(small).bytes(),
            new ArrayList<>());
    assertEquals(at, e.offset());
    assertTrue(e.reason().contains("smaller than the minimum"), e.reason());

    byte[] absurd =
        ByteBuffer.allocate(12)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putInt(6)
            .putInt(0xFFFFFFF0)
            .putInt(0)
            .array();
    e =
        readUntilError(
            new PcapngWriter().section(ByteOrder.LITTLE_ENDIAN).raw(absurd).bytes(),
            new ArrayList<>());
    assertTrue(e.reason().contains("sanity limit"), e.reason());

    byte[] good = new PcapngWriter().section(ByteOrder.LITTLE_ENDIAN).iface(1, 0, -1).bytes();
    good[good.length - 4] = 99;
    e = readUntilError(good, new ArrayList<>());
    assertEquals(at, e.offset());
    assertTrue(e.reason().contains("trailing length 99"), e.reason());
  }

  @Test
  void truncatedFileKeepsEarlierFrames() throws Exception {
    PcapngWriter w =
        new PcapngWriter().section(ByteOrder.LITTLE_ENDIAN).iface(1, 0, -1).epb(0, 1, PKT);
    int at = w.size();
    byte[] full = w.epb(0, 2, PKT).bytes();
    byte[] cut = java.util.Arrays.copyOf(full, full.length - 10);
    List<Frame> before = new ArrayList<>();
    CaptureFormatException e = readUntilError(cut, before);
    assertEquals(1, before.size());
    assertTrue(e.truncated());
    assertEquals(at, e.offset());
  }

  @Test
  void packetBeforeInterfaceAndBadMagic() throws Exception {
    CaptureFormatException e =
        readUntilError(
            new PcapngWriter().section(ByteOrder.LITTLE_ENDIAN).epb(0, 1, PKT).bytes(),
            new ArrayList<>());
    assertTrue(e.reason().contains("interface 0"), e.reason());
    assertEquals(28, e.offset());
    e =
        assertThrows(
            CaptureFormatException.class, () -> readAll(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    assertTrue(e.reason().contains("not a pcap or pcapng file"), e.reason());
    e = assertThrows(CaptureFormatException.class, () -> readAll(new byte[0]));
    assertTrue(e.truncated());
  }

  @ParameterizedTest
  @ValueSource(strings = {"LE-us", "BE-us", "LE-ns", "BE-ns"})
  void pcapMagics(String kind) throws Exception {
    ByteOrder bo = kind.startsWith("LE") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    boolean ns = kind.endsWith("ns");
    byte[] file = new PcapWriter(bo, ns, 1, 65535).record(100, ns ? 5_000 : 5, PKT).bytes();
    Frame f = readAll(file).get(0);
    assertEquals(100, f.tsSeconds);
    assertEquals(5_000, f.tsNanos);
    assertEquals(PKT.length, f.capLen);
  }

  @Test
  void kuznetzovPcapIsRejectedClearly() {
    byte[] file =
        ByteBuffer.allocate(24)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putInt(0xA1B2CD34)
            .putShort((short) 2)
            .putShort((short) 4)
            .array();
    CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> readAll(file));
    assertTrue(e.reason().contains("Kuznetzov"), e.reason());
  }

  @Test
  void pcapTruncatedRecord() throws Exception {
    byte[] full =
        new PcapWriter(ByteOrder.LITTLE_ENDIAN, false, 1, 65535)
            .record(1, 0, PKT)
            .record(2, 0, PKT)
            .bytes();
    List<Frame> before = new ArrayList<>();
    CaptureFormatException e =
        readUntilError(java.util.Arrays.copyOf(full, full.length - 3), before);
    assertEquals(1, before.size());
    assertEquals(24 + 16 + PKT.length, e.offset());
    assertTrue(e.truncated());
  }

  @Test
  void compressedInputDetectedFromMagicBytes() throws Exception {
    byte[] file =
        new PcapWriter(ByteOrder.LITTLE_ENDIAN, false, 1, 65535).record(1, 0, PKT).bytes();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
      g.write(file);
    }
    ByteArrayOutputStream xz = new ByteArrayOutputStream();
    try (XZOutputStream x = new XZOutputStream(xz, new LZMA2Options())) {
      x.write(file);
    }
    ByteArrayOutputStream zs = new ByteArrayOutputStream();
    try (io.airlift.compress.zstd.ZstdOutputStream z =
        new io.airlift.compress.zstd.ZstdOutputStream(zs)) {
      z.write(file);
    }
    for (byte[] c : List.of(gz.toByteArray(), xz.toByteArray(), zs.toByteArray())) {
      assertEquals(1, readAll(c).size());
    }
    try (Captures.Opened o = Captures.open(new ByteArrayInputStream(xz.toByteArray()))) {
      assertEquals(Compression.XZ, o.compression());
      assertEquals("pcap", o.format());
    }
  }
}
