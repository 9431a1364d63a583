package io.sparkrelay.launcher.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A table of events against a set of rules: which rules each event triggers. */
class RuleMatchingTest {

  private static final String RULES =
      """
      rules:
        - name: taxi
          match:
            type: {equals: io.spark-relay.sqs.message}
            data:
              - {path: job, equals: taxi-trip}
          workflowTemplate: {name: spark-relay-spark-job}
        - name: urgent-jobs-queue
          match:
            source: {regex: 'arn:aws:sqs:[^:]+:\\d+:spark-jobs'}
            data:
              - {path: options.priority, oneOf: [high, urgent]}
          workflowTemplate: {name: spark-relay-spark-job}
        - name: with-input
          match:
            data:
              - {path: 'inputs[0]', exists: true}
              - {path: dryRun, exists: false}
          workflowTemplate: {name: spark-relay-spark-job}
        - name: other-types
          match:
            type: {oneOf: [io.example.a, io.example.b]}
          workflowTemplate: {name: spark-relay-spark-job, clusterScope: true}
      """;

  private static final TriggerRules RULE_SET =
      new TriggerRules(new RulesFileLoader("argo-workflows", 4096).parse(RULES, "test"));

  static Stream<Arguments> table() {
    return Stream.of(
        row("taxi job", Events.sqs("{\"job\":\"taxi-trip\"}"), "taxi"),
        row("taxi job, number of executors", Events.sqs("{\"job\":\"taxi-trip\",\"x\":2}"), "taxi"),
        row("equals is exact, not a prefix", Events.sqs("{\"job\":\"taxi-trip-2\"}")),
        row("equals on a non-string compares text", Events.sqs("{\"job\":7}")),
        row("equals never matches an object", Events.sqs("{\"job\":{\"a\":1}}")),
        row(
            "taxi job of another type",
            Events.event("io.other", Events.JOBS_QUEUE, "{\"job\":\"taxi-trip\"}")),
        row(
            "urgent from the jobs queue",
            Events.sqs("{\"options\":{\"priority\":\"urgent\"}}"),
            "urgent-jobs-queue"),
        row(
            "urgent from another queue",
            Events.event(
                Events.SQS_TYPE,
                "arn:aws:sqs:us-east-1:123456789012:other",
                "{\"options\":{\"priority\":\"urgent\"}}")),
        row(
            "regex is a full match",
            Events.event(
                Events.SQS_TYPE,
                "arn:aws:sqs:us-east-1:123456789012:spark-jobs-old",
                "{\"options\":{\"priority\":\"high\"}}")),
        row("priority not in the set", Events.sqs("{\"options\":{\"priority\":\"low\"}}")),
        row(
            "taxi job, urgent, with input: three rules",
            Events.sqs(
                "{\"job\":\"taxi-trip\",\"options\":{\"priority\":\"high\"},\"inputs\":[\"s3://a/\"]}"),
            "taxi",
            "urgent-jobs-queue",
            "with-input"),
        row("with input but a dry run", Events.sqs("{\"inputs\":[\"s3://a/\"],\"dryRun\":true}")),
        row(
            "dry run null counts as absent",
            Events.sqs("{\"inputs\":[\"s3://a/\"],\"dryRun\":null}"),
            "with-input"),
        row("empty input list", Events.sqs("{\"inputs\":[]}")),
        row("text body", Events.event(Events.SQS_TYPE, Events.JOBS_QUEUE, "\"job=taxi-trip\"")),
        row("no data", Events.event(Events.SQS_TYPE, Events.JOBS_QUEUE, null)),
        row("type one of", Events.event("io.example.b", "anything", null), "other-types"),
        row("type not one of", Events.event("io.example.c", "anything", null)));
  }

  private static Arguments row(String description, RelayEvent event, String... expected) {
    return Arguments.of(description, event, List.of(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void triggersExactlyTheExpectedRules(
      String description, RelayEvent event, List<String> expected) {
    assertThat(RULE_SET.matching(event)).extracting(TriggerRule::name).isEqualTo(expected);
  }
}
