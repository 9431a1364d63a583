package io.sparkrelay.submitter.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkrelay.submitter.TestJobs;
import io.sparkrelay.submitter.job.SparkJob;
import io.sparkrelay.submitter.profile.JobProfiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkJobResolverTest {

  private final SparkJobResolver resolver =
      new SparkJobResolver(
          new JobProfiles(
              Map.of("taxi-trip", TestJobs.profile("taxi-trip"), "pi", TestJobs.profile("pi"))));

  @Test
  void profileValuesApplyWhenNothingIsOverridden() {
    SparkJob job = resolver.resolve(request("run-1", "taxi-ab12cd34ef", "taxi-trip"));

    assertThat(job.name()).isEqualTo("taxi-ab12cd34ef-spark");
    assertThat(job.namespace()).isEqualTo("spark-team-a");
    assertThat(job.arguments()).isEqualTo(TestJobs.profile("taxi-trip").arguments());
    assertThat(job.executors()).isEqualTo(2);
    assertThat(job.executorMemory()).isEqualTo("512m");
    assertThat(job.driverCores()).isEqualTo(1);
    assertThat(job.extraLabels()).isEmpty();
  }

  @Test
  void overridesReplaceTheProfileValues() {
    SubmitRequest request =
        new SubmitRequest(
            "run-1",
            "taxi-ab12cd34ef",
            "submit-spark",
            "sqs",
            "taxi-trip",
            "spark-team-b",
            List.of("s3a://b/in/", "s3a://b/out/"),
            3,
            2,
            "1g",
            2,
            "768m",
            Map.of("spark-relay.io/scenario", "oom"));

    SparkJob job = resolver.resolve(request);

    assertThat(job.namespace()).isEqualTo("spark-team-b");
    assertThat(job.arguments()).containsExactly("s3a://b/in/", "s3a://b/out/");
    assertThat(job)
        .extracting(
            SparkJob::executors,
            SparkJob::executorCores,
            SparkJob::executorMemory,
            SparkJob::driverCores,
            SparkJob::driverMemory,
            SparkJob::trigger)
        .containsExactly(3, 2, "1g", 2, "768m", "sqs");
    assertThat(job.extraLabels()).containsExactly(Map.entry("spark-relay.io/scenario", "oom"));
  }

  @Test
  void anEmptyArgumentKeepsTheProfilesArgumentAtThatPosition() {
    assertThat(SparkJobResolver.mergeArguments(List.of("p-in", "p-out"), List.of("my-in", "")))
        .containsExactly("my-in", "p-out");
    assertThat(SparkJobResolver.mergeArguments(List.of("p-in", "p-out"), List.of("", "")))
        .containsExactly("p-in", "p-out");
    assertThat(SparkJobResolver.mergeArguments(List.of(), List.of("a", "", "b")))
        .containsExactly("a", "b");
  }

  @Test
  void theArgoTemplatesBodyWithUnsetParametersTakesTheProfileValues() {
    SubmitRequest request =
        new SubmitRequest(
            "run-1",
            "taxi-ab12cd34ef",
            "submit-spark",
            null,
            "taxi-trip",
            null,
            List.of("", ""),
            null,
            null,
            null,
            null,
            null,
            Map.of("spark-relay.io/scenario", ""));

    SparkJob job = resolver.resolve(request);

    assertThat(job.arguments()).isEqualTo(TestJobs.profile("taxi-trip").arguments());
    assertThat(job.extraLabels()).isEmpty();
  }

  @Test
  void missingAndMalformedFieldsAreAllReportedAtOnce() {
    SubmitRequest request =
        new SubmitRequest(
            null,
            "Not_A_Name",
            "submit-spark",
            null,
            "nope",
            "Bad NS",
            List.of("{{workflow.parameters.input}}"),
            0,
            null,
            "lots",
            null,
            "5x",
            Map.of("team", "a", "spark-relay.io/run-id", "x", "spark-relay.io/ok", "bad value!"));

    assertThatThrownBy(() -> resolver.resolve(request))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder(
                        "runId",
                        "workflow",
                        "profile",
                        "namespace",
                        "executors",
                        "executorMemory",
                        "driverMemory",
                        "arguments[0]",
                        "labels.team",
                        "labels.spark-relay.io/run-id",
                        "labels.spark-relay.io/ok"));
  }

  @Test
  void tooManyOrTooLongArgumentsAreRefused() {
    SubmitRequest many =
        new SubmitRequest(
            "r",
            "w",
            null,
            null,
            "pi",
            null,
            java.util.Collections.nCopies(65, "x"),
            null,
            null,
            null,
            null,
            null,
            null);
    SubmitRequest longOne =
        new SubmitRequest(
            "r",
            "w",
            null,
            null,
            "pi",
            null,
            List.of("ok", "s3a://b/" + "k".repeat(2048)),
            null,
            null,
            null,
            null,
            null,
            null);

    assertThatThrownBy(() -> resolver.resolve(many))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(new FieldError("arguments", "at most 64 arguments")));
    assertThatThrownBy(() -> resolver.resolve(longOne))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("arguments[1]"));
  }

  @Test
  void unknownProfileNamesTheKnownOnes() {
    assertThatThrownBy(() -> resolver.resolve(request("r", "w", "word-count")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        new FieldError(
                            "profile", "unknown profile 'word-count'; known: [pi, taxi-trip]")));
  }

  @Test
  void earlierErrorsAreReportedWithTheResolversOwn() {
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    request(null, "w", "pi"),
                    List.of(new FieldError("executors", "must be an integer"))))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactly("executors", "runId"));
  }

  @Test
  void anInvalidRequestStillNamesItsRunWhenRunIdAndWorkflowAreValid() {
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    request("run-1", "taxi-ab12cd34ef", "word-count"),
                    List.of(new FieldError("executors", "must be an integer"))))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.run()).contains(new WorkflowRun("run-1", "taxi-ab12cd34ef"));
              assertThat(e.reason())
                  .isEqualTo(
                      "executors: must be an integer; profile: unknown profile 'word-count';"
                          + " known: [pi, taxi-trip]");
            });
  }

  @Test
  void anInvalidRunIdOrWorkflowNamesNoRun() {
    String tooLong = "r".repeat(64);
    for (SubmitRequest request :
        List.of(
            request(tooLong, "taxi-ab12cd34ef", "word-count"),
            request("run-1", "Not_A_Name", "pi"),
            request("run-1", null, "pi"),
            request(null, "taxi-ab12cd34ef", "pi"))) {
      assertThatThrownBy(() -> resolver.resolve(request))
          .isInstanceOfSatisfying(
              InvalidRequestException.class, e -> assertThat(e.run()).isEmpty());
    }
  }

  private static SubmitRequest request(String runId, String workflow, String profile) {
    return new SubmitRequest(
        runId, workflow, null, null, profile, null, null, null, null, null, null, null, null);
  }
}
