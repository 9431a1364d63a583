package io.sparkrelay.reporter.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkrelay.reporter.ApplicationState;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import io.sparkrelay.reporter.WorkflowState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunIndexTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private final RunIndex index = new RunIndex();

  @Test
  void aRunIsFoundByItsMessageIdItsWorkflowAndItsApplicationOnly() {
    index.accept(
        RunState.of("m-1")
            .reached(Stage.RECEIVED, NOW)
            .withWorkflow(WorkflowState.named("pi-0a1b2c3d4e", "argo-workflows"))
            .withApplication(ApplicationState.named("pi-0a1b2c3d4e-spark", "spark-team-a")));
    index.accept(RunState.of("m-2").reached(Stage.RECEIVED, NOW.plusSeconds(1)));

    for (String name : List.of("m-1", "pi-0a1b2c3d4e", "pi-0a1b2c3d4e-spark")) {
      assertThat(index.page(RunIndex.named(name), 0, 10).items())
          .extracting(RunSummary::runId)
          .as(name)
          .containsExactly("m-1");
    }
    assertThat(index.page(RunIndex.named("pi-0a1b2c3d4"), 0, 10).total()).isZero();
    assertThat(index.page(RunIndex.named("m-2"), 0, 10).items().get(0).workflow()).isNull();
  }

  @Test
  void countsCoverTheWindowOnlyAndNameEachStateSeen() {
    index.accept(RunState.of("old").reached(Stage.RECEIVED, NOW.minusSeconds(3601)));
    index.accept(
        RunState.of("a")
            .reached(Stage.RECEIVED, NOW.minusSeconds(60))
            .reached(Stage.COMPLETED, NOW));
    index.accept(
        RunState.of("b")
            .reached(Stage.RECEIVED, NOW.minusSeconds(3600))
            .reached(Stage.DEAD_LETTERED, NOW));
    index.accept(RunState.of("c").reached(Stage.RECEIVED, NOW));

    assertThat(index.countsSince(NOW.minusSeconds(3600)))
        .isEqualTo(Map.of("COMPLETED", 1, "DEAD_LETTERED", 1, "RECEIVED", 1));
  }

  @Test
  void listenersHearOfChangedSummariesOnly() {
    List<String> heard = new ArrayList<>();
    index.listen(run -> heard.add(run.runId() + " " + run.state()));
    RunState received = RunState.of("m-1").reached(Stage.RECEIVED, NOW);

    index.accept(received);
    index.accept(received);
    index.accept(received.reached(Stage.COMPLETED, NOW.plusSeconds(2)));

    assertThat(heard).containsExactly("m-1 RECEIVED", "m-1 COMPLETED");
  }

  @Test
  void pagesOfOneStateAndTheirTotalsFollowEveryChangeOfState() {
    for (int i = 0; i < 5; i++) {
      index.accept(RunState.of("r-" + i).reached(Stage.RECEIVED, NOW.plusSeconds(i)));
    }
    index.accept(
        RunState.of("r-1")
            .reached(Stage.RECEIVED, NOW.plusSeconds(1))
            .reached(Stage.COMPLETED, NOW.plusSeconds(9)));
    index.accept(
        RunState.of("r-3")
            .reached(Stage.RECEIVED, NOW.plusSeconds(3))
            .reached(Stage.COMPLETED, NOW.plusSeconds(9)));

    RunIndex.Page completed = index.page("COMPLETED", RunIndex.ALL, 0, 10);
    assertThat(completed.items()).extracting(RunSummary::runId).containsExactly("r-3", "r-1");
    assertThat(completed.total()).isEqualTo(2);
    RunIndex.Page received = index.page("RECEIVED", RunIndex.ALL, 1, 2);
    assertThat(received.items()).extracting(RunSummary::runId).containsExactly("r-0");
    assertThat(received.total()).isEqualTo(3);
    RunIndex.Page all = index.page(null, RunIndex.ALL, 0, 2);
    assertThat(all.items()).extracting(RunSummary::runId).containsExactly("r-4", "r-3");
    assertThat(all.total()).isEqualTo(5);
    assertThat(index.page("FAILED", RunIndex.ALL, 0, 10).total()).isZero();
  }

  @Test
  void runsTheBucketNoLongerHoldsLeaveTheIndex() {
    index.accept(RunState.of("old").reached(Stage.RECEIVED, NOW), NOW.minusSeconds(100));
    index.accept(RunState.of("kept").reached(Stage.RECEIVED, NOW), NOW.minusSeconds(10));
    index.accept(
        RunState.of("old-but-updated").reached(Stage.RECEIVED, NOW.minusSeconds(200)),
        NOW.minusSeconds(1));

    assertThat(index.dropStoredBefore(NOW.minusSeconds(50))).isEqualTo(1);

    assertThat(index.page(RunIndex.ALL, 0, 10).items())
        .extracting(RunSummary::runId)
        .containsExactly("kept", "old-but-updated");
    assertThat(index.page("RECEIVED", RunIndex.ALL, 0, 10).total()).isEqualTo(2);
    assertThat(index.size()).isEqualTo(2);
  }
}
