package io.sparkrelay.standin.apiserver;

/**
 * A request the stand-in refused as a real API server would (401, 403, 404 on a missing
 * subresource, 422): who asked for what, and the answer's message.
 */
public record Refusal(
    String identity,
    String verb,
    String resource,
    String namespace,
    String name,
    int code,
    String message) {}
