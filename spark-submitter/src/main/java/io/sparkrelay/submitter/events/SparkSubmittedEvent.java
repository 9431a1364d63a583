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
 * The {@code relay.runs.spark-submitted} run lifecycle event as a structured CloudEvent. Its id
 * (also the Nats-Msg-Id) depends only on the run and the application, so every resend of it is a
 * duplicate JetStream drops.
 */
public final class SparkSubmittedEvent {

  public static final String SUBJECT = "relay.runs.spark-submitted";
  static final String TYPE = "io.spark-relay.run.spark-submitted";
  static final URI SOURCE = URI.create("spark-relay/spark-submitter");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFormat FORMAT = new JsonFormat();

  private final String id;
  private final byte[] payload;

  private SparkSubmittedEvent(String id, byte[] payload) {
    this.id = id;
    this.payload = payload;
  }

  public static SparkSubmittedEvent of(
      String runId, String workflow, String name, String namespace) {
    String id = runId + ":spark-submitted:" + name;
    Data data = new Data(runId, workflow, new Application(name, namespace));
    CloudEvent event;
    try {
      event =
          CloudEventBuilder.v1()
              .withId(id)
              .withSource(SOURCE)
              .withType(TYPE)
              .withSubject(namespace + "/" + name)
              .withTime(OffsetDateTime.now(ZoneOffset.UTC))
              .withDataContentType("application/json")
              .withData(JSON.writeValueAsBytes(data))
              .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new SparkSubmittedEvent(id, FORMAT.serialize(event));
  }

  public String id() {
    return id;
  }

  public byte[] payload() {
    return payload;
  }

  /** The event's data. */
  @RegisterForReflection
  record Data(String runId, String workflow, Application application) {}

  /** Where the SparkApplication lives. */
  @RegisterForReflection
  record Application(String name, String namespace) {}
}
