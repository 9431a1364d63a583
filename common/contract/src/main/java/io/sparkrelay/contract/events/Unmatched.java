package io.sparkrelay.contract.events;

import java.util.List;

/**
 * No trigger rule matched the event ({@code relay.runs.unmatched}): what it was, the rules it was
 * held against, and the reason as its sender reads it.
 */
public record Unmatched(
    String runId,
    String eventType,
    String eventSource,
    String eventTime,
    List<String> rules,
    String reason) {}
