package io.sparkrelay.simulator.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkrelay.simulator.kube.Json;
import org.junit.jupiter.api.Test;

class ResourceConditionTest {

  private static JsonNode app(String state) throws Exception {
    return Json.MAPPER.readTree(
        "{\"metadata\":{\"labels\":{\"app.kubernetes.io/name\":\"spark\"}},"
            + "\"status\":{\"applicationState\":{\"state\":\""
            + state
            + "\"},\"executionAttempts\":2}}");
  }

  @Test
  void equalityOnAJsonPathOfTheLiveObject() throws Exception {
    ResourceCondition completed =
        ResourceCondition.parse("status.applicationState.state == COMPLETED");

    assertThat(completed.holds(app("COMPLETED"))).isTrue();
    assertThat(completed.holds(app("RUNNING"))).isFalse();
    assertThat(completed.holds(Json.MAPPER.readTree("{}"))).isFalse();
    assertThat(ResourceCondition.parse("status.applicationState.state=FAILED").holds(app("FAILED")))
        .isTrue();
  }

  @Test
  void setsInequalitiesAndExistenceCombinedWithCommas() throws Exception {
    ResourceCondition condition =
        ResourceCondition.parse(
            "status.applicationState.state in (FAILED, SUBMISSION_FAILED),"
                + " status.executionAttempts > 1, status.applicationState, !status.missing");

    assertThat(condition.holds(app("SUBMISSION_FAILED"))).isTrue();
    assertThat(condition.holds(app("COMPLETED"))).isFalse();
    assertThat(
            ResourceCondition.parse("status.applicationState.state notin (COMPLETED)")
                .holds(app("RUNNING")))
        .isTrue();
    assertThat(
            ResourceCondition.parse("status.applicationState.state != RUNNING")
                .holds(app("RUNNING")))
        .isFalse();
    assertThat(ResourceCondition.parse("status.executionAttempts < 2").holds(app("RUNNING")))
        .isFalse();
  }

  @Test
  void escapedDotsBelongToTheKey() throws Exception {
    assertThat(
            ResourceCondition.parse("metadata.labels.app\\.kubernetes\\.io/name == spark")
                .holds(app("RUNNING")))
        .isTrue();
  }

  @Test
  void refusesWhatItCannotParse() {
    assertThatThrownBy(() -> ResourceCondition.parse("status.state ~ x y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status.state ~ x y");
  }
}
