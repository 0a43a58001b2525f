package org.tcplint.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tcplint.check.SpillListTest.BY_KEY;
import static org.tcplint.check.SpillListTest.CODEC;
import static org.tcplint.check.SpillListTest.KEY_COMPARATOR;
import static org.tcplint.check.SpillListTest.random;
import static org.tcplint.check.SpillListTest.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tcplint.check.SpillListTest.Item;
import org.tcplint.rules.RuleLevels;

class RunStoreTest {
  @AfterEach
  void restore() {
    SpillList.directory = null;
    SpillListTest.realDisk();
    SpillList.tellTo(m -> {});
  }

  private static List<Item> sorted(List<Item> items) {
    List<Item> s = new ArrayList<>(items);
    s.sort(KEY_COMPARATOR); // stable, like the list
    return s;
  }

  // the runs of all the lists that share a store go to one file, deleted with the last list
  @Test
  void listsSharingAStoreWriteOneFileDeletedWhenTheLastIsClosed(@TempDir Path tmp)
      throws IOException {
    SpillList.directory = tmp;
    int before = TempFiles.live();
    RunStore store = new RunStore();
    SpillList<Item> a = new SpillList<>(CODEC, BY_KEY, null, 10).store(store);
    SpillList<Item> b = new SpillList<>(CODEC, BY_KEY, null, 10).store(store);
    List<Item> as = random(100, 50, 1);
    List<Item> bs = random(100, 50, 2);
    for (int i = 0; i < 100; i++) {
      a.add(as.get(i));
      b.add(bs.get(i)); // the two lists' runs alternate in the file
    }
    assertEquals(9, a.runs());
    assertEquals(9, b.runs());
    assertEquals(1, runs(tmp).size());
    assertEquals(before + 1, TempFiles.live());
    assertEquals(sorted(as), new ArrayList<>(a));
    assertEquals(sorted(bs), new ArrayList<>(b));
    a.close();
    assertEquals(1, runs(tmp).size(), "b's runs are still there");
    assertEquals(sorted(bs), new ArrayList<>(b));
    b.close();
    assertEquals(List.of(), runs(tmp));
    assertEquals(before, TempFiles.live());
    // a store whose file was deleted makes a new one for the next run
    try (SpillList<Item> c = new SpillList<>(CODEC, BY_KEY, null, 10).store(store)) {
      List<Item> cs = random(30, 10, 3);
      cs.forEach(c::add);
      assertEquals(2, c.runs());
      assertEquals(1, runs(tmp).size());
      assertEquals(sorted(cs), new ArrayList<>(c));
    }
    assertEquals(List.of(), runs(tmp));
  }

  // lists on several threads at once: each run is written whole, none interleaves with another
  @Test
  void runsWrittenOnSeveralThreadsAtOnceComeBackWhole(@TempDir Path tmp) throws Exception {
    SpillList.directory = tmp;
    RunStore store = new RunStore();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<SpillList<Item>> lists = new ArrayList<>();
      List<Future<List<Item>>> added = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        // runs of 10,000 items of 12 bytes: each handed on in two pieces
        SpillList<Item> list = new SpillList<>(CODEC, BY_KEY, null, 10_000).store(store);
        lists.add(list);
        long seed = 10 + t;
        added.add(
            pool.submit(
                () -> {
                  List<Item> items = random(50_000, 4_000, seed);
                  items.forEach(list::add);
                  return items;
                }));
      }
      for (int t = 0; t < 4; t++) {
        List<Item> items = added.get(t).get();
        assertEquals(4, lists.get(t).runs());
        assertEquals(sorted(items), new ArrayList<>(lists.get(t)));
      }
      assertEquals(1, runs(tmp).size());
      lists.forEach(SpillList::close);
      assertEquals(List.of(), runs(tmp));
    } finally {
      pool.shutdownNow();
    }
  }

  // two runs written at once interleave in the file piece by piece; each reads back as written
  @Test
  void runsWrittenAtOnceInterleaveByPiecesAndReadBackWhole(@TempDir Path tmp) throws IOException {
    RunStore store = new RunStore();
    byte[] a1 = filled(70_000, 'a');
    byte[] a2 = filled(5_000, 'A');
    byte[] b = filled(80_000, 'b');
    RunStore.Run[] runB = new RunStore.Run[1];
    RunStore.Run runA =
        store.append(
            tmp,
            out -> {
              out.write(a1, 0, a1.length);
              // another list spills between this run's pieces
              runB[0] = store.append(tmp, o -> o.write(b, 0, b.length));
              out.write(a2, 0, a2.length);
            });
    assertEquals(1, runs(tmp).size());
    assertEquals(70_000 + 80_000 + 5_000, Files.size(runs(tmp).get(0)));
    byte[] a = new byte[a1.length + a2.length];
    System.arraycopy(a1, 0, a, 0, a1.length);
    System.arraycopy(a2, 0, a, a1.length, a2.length);
    try (java.io.InputStream in = RunStore.open(runA)) {
      assertArrayEquals(a, in.readAllBytes());
    }
    try (java.io.InputStream in = RunStore.open(runB[0])) {
      assertArrayEquals(b, in.readAllBytes());
    }
    store.free(runA);
    assertEquals(1, runs(tmp).size(), "run B is still in use");
    store.free(runB[0]);
    assertEquals(List.of(), runs(tmp));
  }

  private static byte[] filled(int n, char c) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) c);
    return b;
  }

  // a list's runs merged into one leave dead space; once it outweighs the live runs, a new file
  @Test
  void deadSpaceBeyondTheLiveRunsStartsANewFile(@TempDir Path tmp) throws IOException {
    SpillList.directory = tmp;
    for (boolean rotates : new boolean[] {true, false}) {
      RunStore store = new RunStore(rotates ? 0 : Long.MAX_VALUE);
      SpillList<Item> b = new SpillList<>(CODEC, BY_KEY, null, 10).store(store);
      try (SpillList<Item> a = new SpillList<>(CODEC, BY_KEY, null, 10).store(store)) {
        List<Item> bs = random(50, 20, 4);
        bs.forEach(b::add); // 4 runs keep the first file
        List<Item> as = random(SpillList.MAX_RUNS * 10 + 25, 90, 5);
        as.forEach(a::add); // 64 runs merged into a file of their own, then 2 more runs
        assertEquals(3, a.runs());
        // the store's first file, the merged run's, and (rotating) a new file for a's last runs
        assertEquals(rotates ? 3 : 2, runs(tmp).size(), "rotates: " + rotates);
        assertEquals(sorted(as), new ArrayList<>(a));
        assertEquals(sorted(bs), new ArrayList<>(b));
        b.close();
        assertEquals(2, runs(tmp).size(), "rotates: " + rotates);
      } finally {
        b.close();
      }
      assertEquals(List.of(), runs(tmp));
    }
  }

  // a full disk: the runs written stay, the rest is kept in memory, and the file is named
  @Test
  void aRunThatCannotBeWrittenToTheStoreKeepsTheRestInMemoryAndSaysSo(@TempDir Path tmp) {
    List<String> told = new ArrayList<>();
    SpillList.tellTo(told::add);
    SpillList.directory = tmp;
    // 1,000 items of 12 bytes a run (and 4 for its end): two runs fit, the third does not
    SpillListTest.diskOf(30_000);
    List<Item> items = random(5000, 700, 11);
    try (SpillList<Item> list = new SpillList<>(CODEC, BY_KEY, null, 1000).store(new RunStore())) {
      items.forEach(list::add);
      assertEquals(2, list.runs());
      assertEquals(sorted(items), new ArrayList<>(list));
      assertEquals(5000, list.size());
    }
    assertEquals(List.of(), listing(tmp));
    assertEquals(1, told.size(), told.toString());
    String prefix = "cannot write the temporary file " + tmp.resolve("tcplint-");
    assertTrue(told.get(0).startsWith(prefix), told.get(0));
    assertTrue(
        told.get(0).contains(".run (no space left on device): results are kept"), told.get(0));
  }

  // no directory to write in: everything is kept in memory, and the directory is named
  @Test
  void aStoreThatCannotCreateItsFileKeepsEverythingInMemory(@TempDir Path tmp) {
    List<String> told = new ArrayList<>();
    SpillList.tellTo(told::add);
    SpillList.directory = tmp.resolve("missing");
    List<Item> items = random(200, 50, 9);
    try (SpillList<Item> list = new SpillList<>(CODEC, BY_KEY, null, 3).store(new RunStore())) {
      items.forEach(list::add);
      assertEquals(0, list.runs());
      assertEquals(sorted(items), new ArrayList<>(list));
    }
    assertEquals(1, told.size(), told.toString());
    assertTrue(
        told.get(0)
            .startsWith(
                "cannot create a temporary file in "
                    + tmp.resolve("missing")
                    + " (no such directory): results are kept in memory"),
        told.get(0));
  }

  // a check's lists (every partition's and the file's) spill to one file, gone with the result
  @Test
  void aCheckWritesItsRunsToOneFile(@TempDir Path tmp) throws IOException {
    byte[] capture = LimitsTest.synFins(60);
    FileResult expected = new Checker(new RuleLevels()).check(capture, "syn-fin.pcap");
    SpillList.directory = tmp;
    // few enough runs that no list merges its runs into a file of their own
    FileResult r = new Checker(new RuleLevels()).spillAfter(6).check(capture, "syn-fin.pcap");
    int spilled = runsOf(r.conversations()) + runsOf(r.findings());
    assertTrue(spilled >= 20, "it spilled: " + spilled);
    assertEquals(1, runs(tmp).size());
    assertEquals(expected.findings(), new ArrayList<>(r.findings()));
    assertEquals(expected.conversations(), new ArrayList<>(r.conversations()));
    r.release();
    assertEquals(List.of(), runs(tmp));
  }

  private static int runsOf(List<?> l) {
    return l instanceof MergedList<?> m ? m.runs() : ((SpillList<?>) l).runs();
  }

  private static List<Path> listing(Path dir) {
    try (var s = Files.list(dir)) {
      return s.toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
