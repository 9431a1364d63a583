package io.sparkrelay.contract.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event a service gave up on ({@code relay.dead.<service>}), with what its sender needs to act:
 * the cause (a short label), the reason, and the original as far as it fits. {@code body} is the
 * SQS body the event carried, when the service could read one; {@code original} the message as the
 * service received it (JSON when it was JSON, else its text, cut when too large).
 */
public record DeadLetter(
    String service,
    String runId,
    String cause,
    String reason,
    String eventTime,
    String body,
    JsonNode original,
    int originalBytes,
    boolean originalTruncated) {}
