package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.rules.Finding;
import org.tcplint.rules.Severity;
import org.tcplint.testing.StandIns;

/** The spill list reads back what was added, sorted and stable, whether it spilled or not. */
class SpillListTest {
  /** key, then the order of addition (to see stability). */
  record Item(int key, int seq) {}

  static final SpillList.Codec<Item> CODEC =
      new SpillList.Codec<>() {
        @Override
        public void write(RunData.Out out, Item v) throws IOException {
          out.writeInt(v.key());
          out.writeInt(v.seq());
        }

        @Override
        public Item read(RunData.In in) throws IOException {
          return new Item(in.readInt(), in.readInt());
        }
      };

  static final SpillList.Order<Item> BY_KEY = new SpillList.Order<>(Item::key, null);
  static final Comparator<Item> KEY_COMPARATOR = Comparator.comparingInt(Item::key);

  static List<Item> random(int n, int keys, long seed) {
    Random r = new Random(seed);
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(new Item(r.nextInt(keys), i));
    }
    return items;
  }

  @Test
  void aSharedListReadsWhatTheOriginalHeldWhateverTheOriginalDoesAfterwards() {
    List<Item> items = random(2_000, 50, 3);
    List<Item> expected = new ArrayList<>(items);
    expected.sort(KEY_COMPARATOR);
    SpillList<Item> original = new SpillList<>(CODEC, BY_KEY, null, 10_000);
    items.forEach(original::add);
    SpillList<Item> shared = original.shared();
    assertEquals(2_000, shared.size());
    // the original sorts (a copy of) its elements, gets more, and is closed: the shared list still
    // reads the elements as they were when shared, sorted
    assertEquals(expected, new ArrayList<>(original));
    original.add(new Item(-1, -1));
    assertEquals(new Item(-1, -1), original.get(0));
    original.close();
    assertEquals(expected, new ArrayList<>(shared));
    assertEquals(expected, new ArrayList<>(shared), "read twice");
    shared.add(new Item(-2, -2));
    assertEquals(2_001, new ArrayList<>(shared).size());
    shared.close();

    SpillList<Item> closedAtOnce = new SpillList<>(CODEC, BY_KEY, null, 10_000);
    items.forEach(closedAtOnce::add);
    SpillList<Item> kept = closedAtOnce.shared();
    closedAtOnce.close(); // as the command line releases a result once its reporter has it
    assertEquals(expected, new ArrayList<>(kept));

    try (SpillList<Item> spilled = new SpillList<>(CODEC, BY_KEY, null, 100)) {
      items.forEach(spilled::add);
      assertNull(spilled.shared(), "a list with temporary files is not shared");
    }
  }

  @Test
  void readsBackSortedAndStableWithAndWithoutRuns() {
    List<Item> items = random(10_000, 300, 1);
    List<Item> expected = new ArrayList<>(items);
    expected.sort(KEY_COMPARATOR); // List.sort is stable
    for (int limit : new int[] {1, 7, 1000, 100_000}) {
      try (SpillList<Item> list = new SpillList<>(CODEC, BY_KEY, null, limit)) {
        items.forEach(list::add);
        assertEquals(10_000, list.size());
        assertEquals(expected, new ArrayList<>(list), "limit " + limit);
        assertEquals(expected, new ArrayList<>(list), "read twice, limit " + limit);
        if (limit >= 10_000) {
          assertEquals(0, list.runs());
        } else {
          assertTrue(list.runs() >= 1 && list.runs() < SpillList.MAX_RUNS, "runs " + list.runs());
        }
      }
    }
  }

  @Test
  void getWalksSequentiallyAndStillAnswersRandomAccess() {
    List<Item> items = random(500, 50, 2);
    List<Item> expected = new ArrayList<>(items);
    expected.sort(KEY_COMPARATOR);
    try (SpillList<Item> list = new SpillList<>(CODEC, BY_KEY, null, 64)) {
      items.forEach(list::add);
      for (int i = 0; i < 500; i++) {
        assertEquals(expected.get(i), list.get(i));
      }
      assertEquals(expected.get(3), list.get(3));
      assertEquals(expected.get(499), list.get(499));
      assertThrows(IndexOutOfBoundsException.class, () -> list.get(500));
      assertEquals(expected, list.stream().toList());
    }
  }

  @Test
  void lateAdditionsAreCombinedIntoTheirEarlierNeighbour() {
    // combine keeps the key and adds up the seq fields: the late ones do not count in size().
    try (SpillList<Item> list =
        new SpillList<>(CODEC, BY_KEY, (a, b) -> new Item(a.key(), a.seq() + b.seq()), 2)) {
      list.add(new Item(5, 1));
      list.add(new Item(1, 10));
      list.add(new Item(3, 100));
      list.addLate(new Item(5, 1000)); // after a run was written: combined across runs
      list.addLate(new Item(1, 10_000));
      list.addLate(new Item(5, 100_000));
      assertEquals(3, list.size());
      assertEquals(
          List.of(new Item(1, 10_010), new Item(3, 100), new Item(5, 101_001)),
          new ArrayList<>(list));
    }
  }

  @Test
  void closeDeletesTheRuns() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = runs(tmp);
    SpillList<Item> list = new SpillList<>(CODEC, BY_KEY, null, 10);
    random(100, 10, 3).forEach(list::add);
    assertEquals(9, list.runs());
    List<Path> during = runs(tmp);
    during.removeAll(before);
    assertEquals(1, during.size(), "the list's runs share one file");
    list.close();
    for (Path p : during) {
      assertFalse(Files.exists(p), p + " still there");
    }
    assertTrue(list.isEmpty());
  }

  @Test
  void emptyCopiesTheSettingsNotTheElements() {
    try (SpillList<Item> list = new SpillList<>(CODEC, BY_KEY, null, 3)) {
      random(10, 5, 4).forEach(list::add);
      SpillList<Item> copy = list.empty();
      assertEquals(0, copy.size());
      list.forEach(copy::add);
      assertEquals(new ArrayList<>(list), new ArrayList<>(copy));
      copy.close();
    }
    assertThrows(IllegalArgumentException.class, () -> new SpillList<>(CODEC, BY_KEY, null, 0));
  }

  /**
   * Puts a disk that holds {@code capacity} bytes in all in place of the real one, for every run
   * file: each is a stand-in channel that writes to the real file until the disk is full, then
   * fails as a full disk does; {@link #realDisk()} takes it away.
   */
  static void diskOf(long capacity) {
    AtomicLong used = new AtomicLong();
    RunStore.channels =
        file -> {
          FileChannel real = FileChannel.open(file, StandardOpenOption.WRITE);
          FileChannel disk = mock(FileChannel.class);
          doAnswer(
                  call -> {
                    ByteBuffer b = call.getArgument(0);
                    if (used.addAndGet(b.remaining()) > capacity) {
                      throw new IOException("No space left on device");
                    }
                    return real.write(b, call.getArgument(1));
                  })
              .when(disk)
              .write(any(ByteBuffer.class), anyLong());
          doAnswer(call -> fail("a piece is written at its place"))
              .when(disk)
              .write(any(ByteBuffer.class));
          StandIns.closesWith(disk, real);
          return disk;
        };
  }

  /** The real disk again, after {@link #diskOf}. */
  static void realDisk() {
    RunStore.channels = file -> FileChannel.open(file, StandardOpenOption.WRITE);
  }

  // a full disk while results spill: the runs written stay, the rest is kept in memory
  @Test
  void aRunThatCannotBeWrittenForAFullDiskKeepsTheRestInMemoryAndSaysSo(@TempDir Path tmp)
      throws IOException {
    List<String> told = new ArrayList<>();
    SpillList.tellTo(told::add);
    SpillList.directory = tmp;
    // 1,000 items of 12 bytes a run (and 4 for its end): two runs fit, the third does not
    diskOf(30_000);
    try (SpillList<Item> list = new SpillList<>(CODEC, BY_KEY, null, 1000)) {
      List<Item> items = random(5000, 700, 11);
      items.forEach(list::add);
      assertEquals(2, list.runs());
      assertEquals(1, runs(tmp).size(), "the two runs written, in one file");
      List<Item> sorted = new ArrayList<>(items);
      sorted.sort(KEY_COMPARATOR);
      assertEquals(sorted, new ArrayList<>(list));
      assertEquals(5000, list.size());
    } finally {
      SpillList.directory = null;
      realDisk();
      SpillList.tellTo(m -> {});
    }
    assertEquals(List.of(), runs(tmp));
    assertEquals(1, told.size(), told.toString());
    String prefix = "cannot write the temporary file " + tmp.resolve("tcplint-");
    assertTrue(told.get(0).startsWith(prefix), told.get(0));
    assertTrue(
        told.get(0)
            .endsWith(
                ".run (no space left on device): results are kept in memory instead, which may"
                    + " need a larger heap for big captures (set TMPDIR to a writable directory"
                    + " with free space)"),
        told.get(0));
  }

  // the same while the runs are merged into one: they stay as they are
  @Test
  void aMergedRunThatCannotBeWrittenLeavesTheRunsAsTheyAre(@TempDir Path tmp) throws IOException {
    List<String> told = new ArrayList<>();
    SpillList.tellTo(told::add);
    SpillList.directory = tmp;
    // 64 runs of 10 items (124 bytes each) fit, their merge (7,684 bytes) does not
    diskOf(SpillList.MAX_RUNS * 124 + 1000);
    try (SpillList<Item> list = new SpillList<>(CODEC, BY_KEY, null, 10)) {
      List<Item> items = random(2000, 90, 12);
      items.forEach(list::add);
      assertEquals(SpillList.MAX_RUNS, list.runs());
      assertEquals(1, runs(tmp).size(), "the runs, in one file; the merged run's is deleted");
      List<Item> sorted = new ArrayList<>(items);
      sorted.sort(KEY_COMPARATOR);
      assertEquals(sorted, new ArrayList<>(list));
    } finally {
      SpillList.directory = null;
      realDisk();
      SpillList.tellTo(m -> {});
    }
    assertEquals(List.of(), runs(tmp));
    assertEquals(1, told.size(), told.toString());
    assertTrue(
        told.get(0).contains(".run (no space left on device): results are kept"), told.toString());
  }

  // minor item of issue 18: an unwritable TMPDIR must not lose the reports
  @Test
  void withoutATemporaryDirectoryTheElementsStayInMemoryAndThatIsSaidOnce(@TempDir Path tmp)
      throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
    List<String> told = new ArrayList<>();
    SpillList.tellTo(told::add);
    for (Path where : List.of(tmp.resolve("missing"), file.resolve("below-a-file"))) {
      SpillList.directory = where;
      try (SpillList<Item> a = new SpillList<>(CODEC, BY_KEY, null, 3);
          SpillList<Item> b = new SpillList<>(CODEC, BY_KEY, null, 2)) {
        List<Item> items = random(200, 50, 9);
        items.forEach(a::add);
        items.forEach(b::add);
        assertEquals(0, a.runs());
        assertEquals(200, a.size());
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(java.util.Comparator.comparingInt(Item::key)); // stable, like the list
        assertEquals(sorted, new ArrayList<>(a));
        assertEquals(sorted, new ArrayList<>(b));
      } finally {
        SpillList.directory = null;
      }
    }
    assertEquals(1, told.size(), told.toString());
    assertTrue(told.get(0).contains("cannot create a temporary file in " + tmp), told.get(0));
    assertTrue(told.get(0).contains("kept in memory"), told.get(0));
    SpillList.tellTo(m -> {});
  }

  // a program that checks capture after capture keeps no name of a run deleted (deleteOnExit would)
  @Test
  void runsDeletedAreForgotten(@TempDir Path tmp) throws IOException {
    SpillList.directory = tmp;
    try {
      int before = TempFiles.live();
      for (int round = 0; round < 3; round++) {
        try (SpillList<Item> list = new SpillList<>(CODEC, BY_KEY, null, 10)) {
          random(100, 50, round).forEach(list::add); // a run at each 11th element: 9 runs
          assertEquals(9, list.runs());
          assertEquals(1, runs(tmp).size());
          assertEquals(before + 1, TempFiles.live()); // the file that holds the 9 runs
        }
        assertEquals(List.of(), runs(tmp));
        assertEquals(before, TempFiles.live());
      }
    } finally {
      SpillList.directory = null;
    }
  }

  static List<Path> runs(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(
          s.filter(p -> p.getFileName().toString().startsWith("tcplint-"))
              .filter(p -> p.toString().endsWith(".run"))
              .toList());
    }
  }

  @Test
  void tallyCountsAddedElementsByCategoryWhetherTheySpillOrNot() {
    for (int limit : new int[] {1, 3, 1000}) {
      try (SpillList<Item> list =
          new SpillList<>(CODEC, BY_KEY, (a, b) -> a, limit, v -> v.key() % 3, 3)) {
        for (int i = 0; i < 10; i++) {
          list.add(new Item(i, i)); // keys 0..9: categories 0,1,2,0,1,2,0,1,2,0
        }
        list.addLate(new Item(4, 99)); // combined into key 4: not a new element
        assertArrayEquals(new long[] {4, 3, 3}, list.tally(), "limit " + limit);
        long[] copy = list.tally();
        copy[0] = 100;
        assertArrayEquals(new long[] {4, 3, 3}, list.tally(), "tally() returns a copy");
        try (SpillList<Item> empty = list.empty()) {
          assertArrayEquals(new long[] {0, 0, 0}, empty.tally());
          empty.add(new Item(2, 0));
          assertArrayEquals(new long[] {0, 0, 1}, empty.tally());
        }
      }
    }
    try (SpillList<Item> plain = new SpillList<>(CODEC, BY_KEY, null, 10)) {
      plain.add(new Item(1, 1));
      assertNull(plain.tally());
    }
  }

  @Test
  void severityCountsAreTheSameFromTheTallyAndFromAPass() {
    Severity[] sev = {Severity.INFO, Severity.ERROR, Severity.WARNING, Severity.INFO};
    List<Finding> plain = new ArrayList<>();
    try (SpillList<Finding> spilled = Codecs.findings(2)) {
      for (int i = 0; i < 11; i++) {
        Finding f =
            new Finding("r" + i, sev[i % 4], i, i, null, "m", null, null, null, null, null, null);
        plain.add(f);
        spilled.add(f);
      }
      long[] expected = new long[Severity.values().length];
      expected[Severity.INFO.ordinal()] = 5; // i = 0, 3, 4, 7, 8
      expected[Severity.ERROR.ordinal()] = 3; // i = 1, 5, 9
      expected[Severity.WARNING.ordinal()] = 3; // i = 2, 6, 10
      FileResult a = new FileResult("a", "pcap", null, 0, 0, 0, List.of(), 0, plain, null, null);
      FileResult b = new FileResult("b", "pcap", null, 0, 0, 0, List.of(), 0, spilled, null, null);
      assertArrayEquals(expected, a.severityCounts());
      assertArrayEquals(expected, b.severityCounts());
      FileResult onlyErrors = b.filterFindings(f -> f.severity() == Severity.ERROR);
      long[] errors = new long[Severity.values().length];
      errors[Severity.ERROR.ordinal()] = 3;
      assertArrayEquals(errors, onlyErrors.severityCounts());
      onlyErrors.release();
    }
  }

  /** Key, then a tie-breaking name, then the order of addition. */
  record Named(int key, String name, int seq) {}

  static final SpillList.Order<Named> BY_KEY_THEN_NAME =
      new SpillList.Order<>(Named::key, Comparator.comparing(Named::name));

  static final SpillList.Codec<Named> NAMED_CODEC =
      new SpillList.Codec<>() {
        @Override
        public void write(RunData.Out out, Named v) {
          out.writeInt(v.key());
          out.writeString(v.name());
          out.writeInt(v.seq());
        }

        @Override
        public Named read(RunData.In in) throws IOException {
          return new Named(in.readInt(), in.readString(), in.readInt());
        }
      };

  static final Comparator<Named> NAMED_COMPARATOR =
      Comparator.comparingInt(Named::key).thenComparing(Named::name);

  @Test
  void sortMatchesTheJdkStableSortOnRandomNearlySortedAndReversedInput() {
    Random r = new Random(7);
    for (int n : new int[] {0, 1, 2, 31, 32, 33, 64, 100, 1000, 5000}) {
      List<List<Named>> inputs = new ArrayList<>();
      List<Named> random = new ArrayList<>();
      List<Named> nearly = new ArrayList<>();
      List<Named> reversed = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        random.add(new Named(r.nextInt(50) - 25, "r" + r.nextInt(4), i));
        nearly.add(new Named(i + (r.nextInt(10) == 0 ? -r.nextInt(40) : 0), "n", i));
        reversed.add(new Named(n - i / 3, i % 2 == 0 ? "b" : "a", i));
      }
      inputs.add(random);
      inputs.add(nearly);
      inputs.add(reversed);
      for (List<Named> in : inputs) {
        List<Named> expected = new ArrayList<>(in);
        expected.sort(NAMED_COMPARATOR); // stable
        long[] keys = new long[n];
        Object[] values = in.toArray();
        for (int i = 0; i < n; i++) {
          keys[i] = in.get(i).key();
        }
        SpillList.sort(keys, values, n, BY_KEY_THEN_NAME);
        assertEquals(expected, List.of(values), "n " + n);
        for (int i = 0; i < n; i++) {
          assertEquals(expected.get(i).key(), keys[i], "keys move with their values");
        }
      }
    }
  }

  @Test
  void runsAreMergedByKeyThenTieThenOrderOfAddition() {
    Random r = new Random(11);
    List<Named> items = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      items.add(new Named(r.nextInt(100), "x" + r.nextInt(3), i));
    }
    List<Named> expected = new ArrayList<>(items);
    expected.sort(NAMED_COMPARATOR);
    for (int limit : new int[] {1, 10, 77, 5000}) {
      try (SpillList<Named> list = new SpillList<>(NAMED_CODEC, BY_KEY_THEN_NAME, null, limit)) {
        items.forEach(list::add);
        assertEquals(expected, new ArrayList<>(list), "limit " + limit);
      }
    }
  }

  @Test
  void elementsHeldEncodedReadBackAsObjectsHeldWould() {
    int n = SpillList.ENCODE_AFTER;
    List<Item> items = random(3 * n, 40, 21);
    List<Item> expected = new ArrayList<>(items);
    expected.sort(KEY_COMPARATOR);

    try (SpillList<Item> list = new SpillList<>(CODEC, BY_KEY, null, 100_000)) {
      items.subList(0, n - 1).forEach(list::add);
      assertFalse(list.holdsEncoded(), "fewer than ENCODE_AFTER held: objects");
      items.subList(n - 1, items.size()).forEach(list::add);
      assertTrue(list.holdsEncoded());
      assertEquals(expected, new ArrayList<>(list));
      list.trim(); // cut to what it holds; may still grow
      assertEquals(expected, new ArrayList<>(list), "trimmed");
      list.add(new Item(-1, -1));
      assertEquals(new Item(-1, -1), list.get(0));
      assertEquals(expected, new ArrayList<>(list).subList(1, expected.size() + 1));
      list.close(); // back to objects, then encoded again
      assertFalse(list.holdsEncoded());
      items.forEach(list::add);
      assertEquals(expected, new ArrayList<>(list), "after close");
    }

    // An iterator taken before more elements come, the first of which spills the list (whose
    // buffer is then written from its start): it still reads the elements held when it was taken.
    try (SpillList<Item> list = new SpillList<>(CODEC, BY_KEY, null, 2 * n)) {
      items.subList(0, 2 * n).forEach(list::add);
      assertTrue(list.holdsEncoded());
      assertEquals(0, list.runs());
      List<Item> first = new ArrayList<>(items.subList(0, 2 * n));
      first.sort(KEY_COMPARATOR);
      java.util.Iterator<Item> before = list.iterator();
      items.subList(2 * n, items.size()).forEach(list::add); // spills once, then holds more
      assertEquals(1, list.runs());
      List<Item> read = new ArrayList<>();
      before.forEachRemaining(read::add);
      assertEquals(first, read);
      assertEquals(expected, new ArrayList<>(list));
    }

    // A shared list and its original both get more elements, each its own.
    try (SpillList<Item> a = new SpillList<>(CODEC, BY_KEY, null, 100_000)) {
      items.subList(0, 2 * n).forEach(a::add);
      SpillList<Item> b = a.shared();
      a.add(new Item(-1, -1));
      b.add(new Item(-2, -2));
      b.add(new Item(100, -3));
      List<Item> inA = new ArrayList<>(items.subList(0, 2 * n));
      inA.add(new Item(-1, -1));
      inA.sort(KEY_COMPARATOR);
      List<Item> inB = new ArrayList<>(items.subList(0, 2 * n));
      inB.add(new Item(-2, -2));
      inB.add(new Item(100, -3));
      inB.sort(KEY_COMPARATOR);
      assertEquals(inA, new ArrayList<>(a));
      assertEquals(inB, new ArrayList<>(b));
      b.close();
    }

    // A list shared when it holds its limit: the original's next element spills it, and the shared
    // list still reads what both held.
    try (SpillList<Item> a = new SpillList<>(CODEC, BY_KEY, null, 2 * n)) {
      items.subList(0, 2 * n).forEach(a::add);
      SpillList<Item> b = a.shared();
      a.add(new Item(-1, -1));
      a.add(new Item(-2, -2));
      assertEquals(1, a.runs());
      List<Item> held = new ArrayList<>(items.subList(0, 2 * n));
      held.sort(KEY_COMPARATOR);
      assertEquals(held, new ArrayList<>(b));
      assertEquals(2 * n + 2, new ArrayList<>(a).size());
      b.close();
    }
  }

  @Test
  void withoutATemporaryDirectoryManyElementsAreHeldEncoded(@TempDir Path tmp) {
    SpillList.tellTo(m -> {});
    SpillList.directory = tmp.resolve("missing");
    try (SpillList<Item> list = new SpillList<>(CODEC, BY_KEY, null, 10)) {
      List<Item> items = random(5 * SpillList.ENCODE_AFTER, 50, 22);
      items.forEach(list::add);
      assertEquals(0, list.runs());
      assertTrue(list.holdsEncoded());
      List<Item> sorted = new ArrayList<>(items);
      sorted.sort(KEY_COMPARATOR);
      assertEquals(sorted, new ArrayList<>(list));
    } finally {
      SpillList.directory = null;
    }
  }

  // After a read has sorted an encoded list, an element added with the greatest key is compared,
  // for the tie-break, with the element now last in order, not with the one added last.
  @Test
  void anEncodedListSortedByAReadStillSortsWhatComesAfter() {
    List<Named> items = new ArrayList<>();
    items.add(new Named(100, "m", 0));
    for (int i = 1; i <= SpillList.ENCODE_AFTER + 100; i++) {
      items.add(new Named(i % 50, "a", i));
    }
    try (SpillList<Named> list = new SpillList<>(NAMED_CODEC, BY_KEY_THEN_NAME, null, 100_000)) {
      items.forEach(list::add);
      assertTrue(list.holdsEncoded());
      List<Named> expected = new ArrayList<>(items);
      expected.sort(NAMED_COMPARATOR);
      assertEquals(expected, new ArrayList<>(list)); // sorted by this read
      Named after = new Named(100, "c", -1); // before (100, "m"), after the last added
      list.add(after);
      expected.add(after);
      expected.sort(NAMED_COMPARATOR);
      assertEquals(expected, new ArrayList<>(list));
    }
  }
}
