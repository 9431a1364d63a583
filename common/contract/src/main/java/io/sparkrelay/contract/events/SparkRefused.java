package io.sparkrelay.contract.events;

/**
 * The submitter refused the Workflow's request for good ({@code relay.runs.spark-refused}): the
 * rule that refused and why.
 */
public record SparkRefused(String runId, ObjectRef workflow, String rule, String reason) {}
