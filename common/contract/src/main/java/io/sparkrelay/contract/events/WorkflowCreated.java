package io.sparkrelay.contract.events;

/**
 * The launcher created the run's Workflow ({@code relay.runs.workflow-created}). {@code eventTime}
 * is the time of the SQS message's CloudEvent (RFC 3339), null when it had none.
 */
public record WorkflowCreated(String runId, String trigger, ObjectRef workflow, String eventTime) {}
