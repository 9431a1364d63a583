package io.sparkrelay.submitter.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RunEventTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void sparkSubmittedKeepsItsContract() throws Exception {
    RunEvent event = RunEvent.sparkSubmitted("run-1", "pi-0123456789", "pi-0123456789-spark", "ns");

    assertThat(event.kind().subject()).isEqualTo("relay.runs.spark-submitted");
    assertThat(event.id()).isEqualTo("run-1:spark-submitted:pi-0123456789-spark");
    JsonNode cloudEvent = json.readTree(event.payload());
    assertThat(cloudEvent.get("type").asText()).isEqualTo("io.spark-relay.run.spark-submitted");
    assertThat(cloudEvent.get("subject").asText()).isEqualTo("ns/pi-0123456789-spark");
    assertThat(cloudEvent.get("data"))
        .isEqualTo(
            json.readTree(
                """
                {"runId": "run-1", "workflow": "pi-0123456789",
                 "application": {"name": "pi-0123456789-spark", "namespace": "ns"}}
                """));
  }

  @Test
  void sparkRefusedIsAboutTheWorkflow() throws Exception {
    RunEvent event =
        RunEvent.sparkRefused("run-1", "pi-0123456789", "max-executors", "5 executors asked");

    assertThat(event.kind().subject()).isEqualTo("relay.runs.spark-refused");
    assertThat(event.id()).isEqualTo("run-1:spark-refused:pi-0123456789");
    JsonNode cloudEvent = json.readTree(event.payload());
    assertThat(cloudEvent.get("id").asText()).isEqualTo("run-1:spark-refused:pi-0123456789");
    assertThat(cloudEvent.get("type").asText()).isEqualTo("io.spark-relay.run.spark-refused");
    assertThat(cloudEvent.get("source").asText()).isEqualTo("spark-relay/spark-submitter");
    assertThat(cloudEvent.get("subject").asText()).isEqualTo("pi-0123456789");
    assertThat(cloudEvent.get("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(cloudEvent.get("data"))
        .isEqualTo(
            json.readTree(
                """
                {"runId": "run-1", "workflow": "pi-0123456789", "rule": "max-executors",
                 "reason": "5 executors asked"}
                """));
  }

  @Test
  void aLongReasonIsCutTo1000CharactersWithAnEllipsis() throws Exception {
    String reason = "r".repeat(5000);

    String sent =
        json.readTree(RunEvent.sparkRefused("run-1", "w", "invalid-request", reason).payload())
            .at("/data/reason")
            .asText();

    assertThat(sent).hasSize(1000).isEqualTo("r".repeat(999) + "…");
    assertThat(RunEvent.atMost(1000, "r".repeat(1000))).isEqualTo("r".repeat(1000));
  }

  @Test
  void aCutNeverSplitsACharacter() {
    String clefs = "a" + "\uD834\uDD1E".repeat(10); // 21 chars, surrogate pairs from index 1

    assertThat(RunEvent.atMost(4, clefs)).isEqualTo("a" + "\uD834\uDD1E" + "…");
    assertThat(RunEvent.atMost(5, clefs)).isEqualTo("a" + "\uD834\uDD1E" + "…");
  }
}
