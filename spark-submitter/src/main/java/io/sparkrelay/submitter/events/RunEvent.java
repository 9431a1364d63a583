package io.sparkrelay.submitter.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A run lifecycle event of this service as a structured CloudEvent on {@code relay.runs.<kind>}.
 * Its id (also the Nats-Msg-Id) depends only on the run and what the event is about, so every
 * resend of it is a duplicate JetStream drops.
 */
public final class RunEvent {

  /** Longest refusal reason sent; a policy message may quote request values (S3 URIs). */
  static final int MAX_REASON_LENGTH = 1000;

  static final URI SOURCE = URI.create("spark-relay/spark-submitter");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFormat FORMAT = new JsonFormat();

  /** What happened to the run's Spark step. */
  public enum Kind {
    SPARK_SUBMITTED("spark-submitted"),
    SPARK_REFUSED("spark-refused");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    /** The id part, metric tag and subject suffix, e.g. {@code spark-refused}. */
    public String id() {
      return id;
    }

    public String subject() {
      return "relay.runs." + id;
    }

    String type() {
      return "io.spark-relay.run." + id;
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

  /** The SparkApplication {@code namespace/name} of the run exists. */
  public static RunEvent sparkSubmitted(
      String runId, String workflow, String name, String namespace) {
    return of(
        Kind.SPARK_SUBMITTED,
        runId,
        name,
        namespace + "/" + name,
        new Submitted(runId, workflow, new Application(name, namespace)));
  }

  /**
   * The run's Spark step was refused (403 or 400) and will not succeed when retried. {@code runId}
   * and {@code workflow} must be validated values (a label value, a DNS-1123 label); {@code reason}
   * is cut to {@value #MAX_REASON_LENGTH} characters.
   */
  public static RunEvent sparkRefused(String runId, String workflow, String rule, String reason) {
    return of(
        Kind.SPARK_REFUSED,
        runId,
        workflow,
        workflow,
        new Refused(runId, workflow, rule, atMost(MAX_REASON_LENGTH, reason)));
  }

  private static RunEvent of(Kind kind, String runId, String about, String subject, Object data) {
    String id = runId + ":" + kind.id() + ":" + about;
    CloudEvent event;
    try {
      event =
          CloudEventBuilder.v1()
              .withId(id)
              .withSource(SOURCE)
              .withType(kind.type())
              .withSubject(subject)
              .withTime(OffsetDateTime.now(ZoneOffset.UTC))
              .withDataContentType("application/json")
              .withData(JSON.writeValueAsBytes(data))
              .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new RunEvent(kind, id, FORMAT.serialize(event));
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

  /** The data of a spark-submitted event. */
  @RegisterForReflection
  record Submitted(String runId, String workflow, Application application) {}

  /** Where the SparkApplication lives. */
  @RegisterForReflection
  record Application(String name, String namespace) {}

  /** The data of a spark-refused event: the rule that refused, and why. */
  @RegisterForReflection
  record Refused(String runId, String workflow, String rule, String reason) {}
}
