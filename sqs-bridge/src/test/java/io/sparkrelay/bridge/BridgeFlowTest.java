package io.sparkrelay.bridge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.testkit.ElasticMqResource;
import io.sparkrelay.testkit.ElasticMqServer;
import io.sparkrelay.testkit.InjectElasticMq;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.JetStreamProbe;
import io.sparkrelay.testkit.JetStreamProbe.StoredMessage;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

@QuarkusTest
@WithTestResource(
    value = ElasticMqResource.class,
    initArgs = @ResourceArg(name = "outage-proxy", value = "true"))
@WithTestResource(io.sparkrelay.testkit.NatsServerResource.class)
class BridgeFlowTest {

  private static final String STREAM = "RELAY_EVENTS";
  private static final String SUBJECT = "relay.events.sqs.jobs";
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @InjectElasticMq ElasticMqServer sqs;
  @InjectNatsServer NatsServerProcess nats;

  @ConfigProperty(name = "relay.sqs.queue-url")
  String queueUrl;

  private final ObjectMapper json = new ObjectMapper();

  private String send(String body) {
    return sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
  }

  private Map<String, StoredMessage> storedById() {
    return new JetStreamProbe(nats.url())
        .messages(STREAM, SUBJECT).stream()
            .collect(Collectors.toMap(StoredMessage::messageId, Function.identity(), (a, b) -> a));
  }

  private List<StoredMessage> stored(String messageId) {
    return new JetStreamProbe(nats.url())
        .messages(STREAM, SUBJECT).stream().filter(m -> messageId.equals(m.messageId())).toList();
  }

  private void awaitQueueEmpty() {
    await("queue drained").atMost(DEADLINE).until(() -> sqs.approximateCount("jobs") == 0);
  }

  @Test
  void messagesArriveOnTheStreamAsCloudEventsAndLeaveSqs() throws Exception {
    String id =
        sqs.client()
            .sendMessage(
                b ->
                    b.queueUrl(queueUrl)
                        .messageBody("{\"job\":\"taxi-trip\",\"input\":\"s3://bucket/in/\"}")
                        .messageAttributes(
                            Map.of(
                                "team",
                                MessageAttributeValue.builder()
                                    .dataType("String")
                                    .stringValue("data-eng")
                                    .build())))
            .messageId();
    String textId = send("not json at all");

    await().atMost(DEADLINE).until(() -> storedById().keySet().containsAll(Set.of(id, textId)));
    awaitQueueEmpty();

    JsonNode event = json.readTree(stored(id).getFirst().data());
    assertThat(event.path("id").asText()).isEqualTo(id);
    assertThat(event.path("type").asText()).isEqualTo("io.spark-relay.sqs.message");
    assertThat(event.path("source").asText()).isEqualTo(queueUrl);
    assertThat(event.path("time").asText()).isNotBlank();
    assertThat(event.path("data").path("job").asText()).isEqualTo("taxi-trip");
    assertThat(json.readTree(event.path("sqsattributes").asText()).path("team").asText())
        .isEqualTo("data-eng");
    JsonNode text = json.readTree(stored(textId).getFirst().data());
    assertThat(text.path("datacontenttype").asText()).startsWith("text/plain");
    assertThat(MetricsProbe.value("relay_bridge_messages_deleted_total")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void whileNatsIsDownNothingIsDeletedAndAfterwardsEverythingArrivesOnce() {
    nats.stop();
    await("readiness down")
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'nats' }.status", equalTo("DOWN")));
    assertThat(MetricsProbe.value("relay_bridge_eventbus_connected", "")).isZero();

    double publishedBefore = MetricsProbe.value("relay_bridge_messages_published_total");
    double deletedBefore = MetricsProbe.value("relay_bridge_messages_deleted_total");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      ids.add(send("{\"job\":\"pi\",\"n\":" + i + "}"));
    }
    assertThat(sqs.approximateCount("jobs")).isEqualTo(25);

    nats.start();

    await("readiness up")
        .atMost(DEADLINE)
        .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    assertThat(MetricsProbe.value("relay_bridge_eventbus_connected", "")).isEqualTo(1.0);
    await("every message on the stream")
        .atMost(DEADLINE)
        .until(() -> storedById().keySet().containsAll(ids));
    awaitQueueEmpty();
    for (String id : ids) {
      assertThat(stored(id)).as("stream messages for %s", id).hasSize(1);
    }
    // nothing left SQS while the EventBus could not take it: each of the 25 was published once
    // and deleted once, after NATS came back (a message deleted while it was down would be lost)
    assertThat(MetricsProbe.value("relay_bridge_messages_published_total"))
        .isEqualTo(publishedBefore + 25);
    assertThat(MetricsProbe.value("relay_bridge_messages_deleted_total"))
        .isEqualTo(deletedBefore + 25);
  }

  @Test
  void aMessageTheStreamAlreadyHasIsDeletedWithoutASecondCopy() throws Exception {
    // A first bridge published this message and died before deleting it; SQS hands it out again
    // once its visibility timeout ends. DelaySeconds holds it back until the first copy is stored.
    String id =
        sqs.client()
            .sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"job\":\"pi\"}").delaySeconds(2))
            .messageId();
    byte[] firstCopy =
        new JsonFormat()
            .serialize(
                CloudEventBuilder.v1()
                    .withId(id)
                    .withSource(URI.create(queueUrl))
                    .withType("io.spark-relay.sqs.message")
                    .withDataContentType("application/json")
                    .withData("{\"job\":\"pi\"}".getBytes())
                    .build());
    try (Connection connection = Nats.connect(nats.url())) {
      connection
          .jetStream()
          .publish(SUBJECT, firstCopy, PublishOptions.builder().messageId(id).build());
    }
    double duplicatesBefore = MetricsProbe.value("relay_bridge_messages_duplicates_total");

    await("redelivered message deleted")
        .atMost(DEADLINE)
        .until(
            () -> MetricsProbe.value("relay_bridge_messages_duplicates_total") > duplicatesBefore);
    awaitQueueEmpty();
    assertThat(stored(id)).hasSize(1);
  }

  @Test
  void whileSqsIsUnreachableTheBridgeIsNotReadyAndResumesByItself() {
    sqs.outageProxy().cutOff();
    try {
      await("readiness down")
          .atMost(DEADLINE)
          .untilAsserted(
              () ->
                  given()
                      .get("/q/health/ready")
                      .then()
                      .statusCode(503)
                      .body("checks.find { it.name == 'sqs' }.status", equalTo("DOWN")));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        ids.add(send("{\"job\":\"pi\",\"outage\":" + i + "}"));
      }
      await("receive failures counted")
          .atMost(DEADLINE)
          .until(() -> MetricsProbe.value("relay_bridge_receive_failures_total") > 0);
      sqs.outageProxy().restore();
      await("every message on the stream")
          .atMost(DEADLINE)
          .until(() -> storedById().keySet().containsAll(ids));
      awaitQueueEmpty();
      for (String id : ids) {
        assertThat(stored(id)).as("stream messages for %s", id).hasSize(1);
      }
      given().get("/q/health/ready").then().statusCode(200);
    } finally {
      sqs.outageProxy().restore();
    }
  }
}
