package io.sparkrelay.submitter.nats;

import io.sparkrelay.contract.EventTypes;
import io.sparkrelay.contract.MessageIds;
import io.sparkrelay.contract.Services;
import io.sparkrelay.contract.Subjects;
import io.sparkrelay.contract.events.EventCodec;
import io.sparkrelay.contract.events.ObjectRef;
import io.sparkrelay.contract.events.SparkRefused;
import io.sparkrelay.contract.events.SparkSubmitted;
import java.time.Instant;

/**
 * A run lifecycle event of this service, as the contract writes it: a structured CloudEvent on
 * {@code relay.runs.<kind>} whose id (also the Nats-Msg-Id) depends only on the run and what the
 * event is about, so every resend of it is a duplicate JetStream drops.
 */
public final class RunEvent {

  /** Longest refusal reason sent; a policy message may quote request values (S3 URIs). */
  static final int MAX_REASON_LENGTH = 1000;

  /** What happened to the run's Spark step. */
  public enum Kind {
    SPARK_SUBMITTED("spark-submitted", Subjects.SPARK_SUBMITTED, EventTypes.SPARK_SUBMITTED),
    SPARK_REFUSED("spark-refused", Subjects.SPARK_REFUSED, EventTypes.SPARK_REFUSED);

    private final String id;
    private final String subject;
    private final String type;

    Kind(String id, String subject, String type) {
      this.id = id;
      this.subject = subject;
      this.type = type;
    }

    /** The metric tag, e.g. {@code spark-refused}. */
    public String id() {
      return id;
    }

    public String subject() {
      return subject;
    }
  }

  private final Kind kind;
  private final String id;
  private final byte[] payload;

  private RunEvent(Kind kind, String id, byte[] payload) {
    this.kind = kind;
    this.id = id;
    this.payload = payload;
  }

  /** The run's SparkApplication {@code application} exists. */
  public static RunEvent sparkSubmitted(String runId, ObjectRef workflow, ObjectRef application) {
    return of(
        Kind.SPARK_SUBMITTED,
        MessageIds.sparkSubmitted(runId, application.name()),
        application.namespace() + "/" + application.name(),
        new SparkSubmitted(runId, workflow, application));
  }

  /**
   * The run's Spark step was refused (403 or 400) and will not succeed when retried. {@code runId}
   * and the workflow's name must be validated values (a label value, a DNS-1123 label); {@code
   * reason} is cut to {@value #MAX_REASON_LENGTH} characters.
   */
  public static RunEvent sparkRefused(
      String runId, ObjectRef workflow, String rule, String reason) {
    return of(
        Kind.SPARK_REFUSED,
        MessageIds.sparkRefused(runId, workflow.name()),
        workflow.name(),
        new SparkRefused(runId, workflow, rule, atMost(MAX_REASON_LENGTH, reason)));
  }

  private static RunEvent of(Kind kind, String id, String subject, Record data) {
    EventCodec.Envelope envelope =
        new EventCodec.Envelope(
            id, kind.type, Services.source(Services.SPARK_SUBMITTER), subject, Instant.now());
    return new RunEvent(kind, id, EventCodec.encode(envelope, data));
  }

  /** {@code text} itself, or its first characters and an ellipsis, {@code max} in all. */
  static String atMost(int max, String text) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never half a character
    }
    return text.substring(0, end) + "…";
  }

  public Kind kind() {
    return kind;
  }

  public String id() {
    return id;
  }

  public byte[] payload() {
    return payload;
  }
}
