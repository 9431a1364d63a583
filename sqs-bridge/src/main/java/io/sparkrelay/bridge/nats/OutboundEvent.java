package io.sparkrelay.bridge.nats;

/** An encoded CloudEvent ready for the stream, with the id JetStream deduplicates on. */
public record OutboundEvent(String messageId, String subject, byte[] payload) {}
