package io.sparkrelay.contract.events;

/**
 * The submitter created (or found) the run's SparkApplication ({@code relay.runs.spark-submitted}).
 */
public record SparkSubmitted(String runId, ObjectRef workflow, ObjectRef application) {}
