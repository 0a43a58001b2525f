package org.tcplint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Collections;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.tcplint.api.Tcplint;

/**
 * Each task gets the threads it asked for ({@code spark.task.cpus}): a task of several CPUs has a
 * pool of its own, closed when it ends, rather than one pool shared by every task of the executor.
 */
class CheckFilesTasksTest {
  @AfterEach
  void noTask() {
    org.apache.spark.TaskContext$.MODULE$.unset(); // private[spark] in Scala, public to Java
  }

  /** Runs a task of {@code cpus} CPUs over no files; returns its completion listener. */
  private static TaskCompletionListener task(CheckSettings settings, int cpus) {
    TaskContext task = mock(TaskContext.class);
    when(task.cpus()).thenReturn(cpus);
    org.apache.spark.TaskContext$.MODULE$.setTaskContext(task);
    new CheckFiles(settings, false).call(Collections.emptyIterator());
    ArgumentCaptor<TaskCompletionListener> listener =
        ArgumentCaptor.forClass(TaskCompletionListener.class);
    verify(task).addTaskCompletionListener(listener.capture());
    return listener.getValue();
  }

  @Test
  void aTaskOfSeveralCpusHasAPoolOfItsOwnClosedWhenItEnds() {
    CheckSettings settings = new CheckSettings(List.of("win.*=off"));
    Tcplint a = settings.engine(4);
    Tcplint b = settings.engine(4);
    try {
      assertNotSame(a, b); // tasks running at once do not share four threads
      assertEquals(4, a.threads());
      assertEquals(4, b.threads());
    } finally {
      a.close();
      b.close();
    }

    CheckSettings watched = spy(settings);
    Tcplint own = mock(Tcplint.class);
    doReturn(own).when(watched).engine(2);
    TaskCompletionListener end = task(watched, 2);
    verify(own, never()).close();
    end.onTaskCompletion(null);
    verify(own).close();
  }

  @Test
  void aTaskOfOneCpuSharesTheExecutorsEngineAndLeavesItOpen() {
    CheckSettings settings = new CheckSettings(List.of("win.*=off"));
    Tcplint shared = settings.engine(1);
    assertSame(shared, settings.engine(1));
    assertEquals(1, shared.threads());

    CheckSettings watched = spy(settings);
    Tcplint engine = mock(Tcplint.class);
    doReturn(engine).when(watched).engine(1);
    task(watched, 1).onTaskCompletion(null);
    verify(engine, never()).close();
  }

  @Test
  void aTasksOwnPoolStopsWhenItEnds() {
    Tcplint own = new CheckSettings(List.of()).engine(2);
    assertFalse(own.executor().isShutdown());
    own.close();
    assertTrue(own.executor().isShutdown());
  }
}
