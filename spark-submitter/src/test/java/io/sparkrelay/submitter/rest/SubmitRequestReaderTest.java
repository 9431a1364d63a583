package io.sparkrelay.submitter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrelay.submitter.submission.FieldError;
import io.sparkrelay.submitter.submission.InvalidRequestException;
import io.sparkrelay.submitter.submission.SubmitRequest;
import org.junit.jupiter.api.Test;

class SubmitRequestReaderTest {

  private final SubmitRequestReader reader = new SubmitRequestReader(new ObjectMapper());

  @Test
  void argoStyleBodyWithStringNumbersAndEmptyParameters() {
    SubmitRequestReader.Read read =
        reader.read(
            """
            {"runId": "r-1", "workflow": "taxi-ab", "step": "submit-spark", "profile": "taxi-trip",
             "namespace": "", "arguments": ["s3a://b/in/", ""], "executors": "3",
             "executorMemory": "", "executorCores": 2, "labels": {"spark-relay.io/scenario": ""},
             "somethingNew": true}
            """);

    assertThat(read.errors()).isEmpty();
    SubmitRequest r = read.request();
    assertThat(r.namespace()).isNull();
    assertThat(r.arguments()).containsExactly("s3a://b/in/", "");
    assertThat(r.executors()).isEqualTo(3);
    assertThat(r.executorCores()).isEqualTo(2);
    assertThat(r.executorMemory()).isNull();
    assertThat(r.driverCores()).isNull();
    assertThat(r.labels()).containsEntry("spark-relay.io/scenario", "");
  }

  @Test
  void wrongTypesBecomeFieldErrors() {
    SubmitRequestReader.Read read =
        reader.read(
            """
            {"runId": {"a": 1}, "executors": "three", "executorCores": 1.5,
             "arguments": "s3a://x", "labels": ["x"]}
            """);

    assertThat(read.errors())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("runId", "executors", "executorCores", "arguments", "labels");
  }

  @Test
  void malformedJsonIsAnErrorOfTheBody() {
    assertThatThrownBy(() -> reader.read("{\"runId\": "))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.errors())
                  .singleElement()
                  .extracting(FieldError::field)
                  .isEqualTo("body");
              assertThat(e.errors().get(0).message()).startsWith("malformed JSON");
            });
    assertThatThrownBy(() -> reader.read("[1, 2]"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(new FieldError("body", "must be a JSON object")));
  }
}
