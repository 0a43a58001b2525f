package org.tcplint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.tcplint.flow.Conversation;
import org.tcplint.flow.Segment;

/**
 * {@link RuleSet} calls every rule family of the package, each of its methods that does anything,
 * in the evaluation order, and leaves out the families whose every id is off.
 */
class RuleSetTest {
  /** The evaluation order: the families that keep state others read come before them. */
  private static final List<Class<?>> ORDER =
      List.of(
          PacketRules.class,
          ChecksumRules.class,
          OptionRules.class,
          SackRules.class,
          LifecycleRules.class,
          HandshakeRules.class,
          TimestampRules.class,
          EcnRules.class,
          CloseRules.class,
          SequenceRules.class,
          WindowRules.class,
          ResetRules.class);

  private static List<Field> fields() {
    List<Field> fields = new ArrayList<>();
    for (Field f : RuleSet.class.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        f.setAccessible(true);
        fields.add(f);
      }
    }
    return fields;
  }

  /** Every concrete class of the package that implements {@link Rule}, from the class files. */
  private static Set<Class<?>> families() throws Exception {
    Path dir =
        Path.of(Rule.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("org/tcplint/rules");
    Set<Class<?>> found = new HashSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".class")) {
          Class<?> c = Class.forName("org.tcplint.rules." + name.replace(".class", ""));
          if (Rule.class.isAssignableFrom(c)
              && !c.isInterface()
              && !Modifier.isAbstract(c.getModifiers())) {
            found.add(c);
          }
        }
      }
    }
    return found;
  }

  private static boolean hasEndChecks(Class<?> family) {
    try {
      family.getDeclaredMethod("onEnd", RuleContext.class, Conversation.class);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  @Test
  void holdsEveryFamilyOfThePackageInTheEvaluationOrder() throws Exception {
    List<Class<?>> held = new ArrayList<>();
    for (Field f : fields()) {
      held.add(f.getType());
    }
    assertEquals(ORDER, held);
    assertEquals(Set.copyOf(ORDER), families());
  }

  @Test
  void callsEveryFamilysSegmentAndEndChecksInOrder() throws Exception {
    RuleSet set = new RuleSet(new RuleLevels().set("*", Severity.INFO));
    List<Rule> mocks = new ArrayList<>();
    List<Class<?>> types = new ArrayList<>();
    for (Field f : fields()) {
      assertNotNull(f.get(set), f.getName() + " is run when its rules are on");
      Rule m = (Rule) mock(f.getType());
      f.set(set, m);
      mocks.add(m);
      types.add(f.getType());
    }
    RuleContext ctx = mock(RuleContext.class);
    Conversation c = mock(Conversation.class);
    Segment s = new Segment();
    set.onSegment(ctx, c, s);
    set.onEnd(ctx, c);

    InOrder segments = inOrder(mocks.toArray());
    for (Rule m : mocks) {
      segments.verify(m).onSegment(ctx, c, s);
    }
    InOrder ends = inOrder(mocks.toArray());
    int withEnd = 0;
    for (int i = 0; i < mocks.size(); i++) {
      Rule m = mocks.get(i);
      if (hasEndChecks(types.get(i))) {
        ends.verify(m).onEnd(ctx, c);
        withEnd++;
      } else {
        verify(m, never()).onEnd(ctx, c);
      }
      verifyNoMoreInteractions(m);
    }
    assertEquals(8, withEnd, "families with end-of-conversation checks");
  }

  @Test
  void leavesOutAFamilyWhoseEveryIdIsOff() throws Exception {
    RuleLevels levels = new RuleLevels();
    for (String id : new EcnRules().ids()) {
      levels.set(id, Severity.OFF);
    }
    RuleSet set = new RuleSet(levels);
    for (Field f : fields()) {
      if (f.getType() == EcnRules.class) {
        assertNull(f.get(set));
      } else {
        assertNotNull(f.get(set), f.getName());
      }
    }
    // Families that keep state others read run whatever the levels.
    RuleSet none = new RuleSet(new RuleLevels().set("*", Severity.OFF));
    boolean anyAlways = false;
    for (Field f : fields()) {
      Rule family = (Rule) f.getType().getDeclaredConstructor().newInstance();
      boolean always = family.ids() == null;
      anyAlways |= always;
      assertEquals(always, f.get(none) != null, f.getName());
    }
    assertTrue(anyAlways);
    assertFalse(new EcnRules().ids().isEmpty());
  }
}
