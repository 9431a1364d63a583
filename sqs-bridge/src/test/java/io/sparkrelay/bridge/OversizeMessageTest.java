package io.sparkrelay.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.bridge.sqs.BodyClassifier;
import io.sparkrelay.bridge.sqs.SqsEventMapper;
import io.sparkrelay.testkit.ElasticMqResource;
import io.sparkrelay.testkit.ElasticMqServer;
import io.sparkrelay.testkit.InjectElasticMq;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.JetStreamProbe;
import io.sparkrelay.testkit.JetStreamProbe.StoredMessage;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A message larger than the server's max_payload can never be published: it must end in the DLQ,
 * announced once on {@code relay.dead.sqs-bridge} so the run has an answer.
 */
@QuarkusTest
@WithTestResource(
    value = ElasticMqResource.class,
    initArgs = {
      @ResourceArg(name = "queue", value = "big"),
      @ResourceArg(name = "max-receive-count", value = "2"),
      @ResourceArg(name = "visibility-timeout", value = "2")
    })
@WithTestResource(
    value = NatsServerResource.class,
    initArgs = @ResourceArg(name = "max-payload", value = "16384"))
class OversizeMessageTest {

  @InjectElasticMq ElasticMqServer sqs;
  @InjectNatsServer NatsServerProcess nats;

  @ConfigProperty(name = "relay.sqs.queue-url")
  String queueUrl;

  private final ObjectMapper strict =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  @Test
  void oversizeMessageIsNeverDeletedEndsInTheDlqAndIsAnnouncedOnceWhileOthersFlow()
      throws Exception {
    createDeadLetterStreamAsTheLauncherWould();
    String big = "{\"job\":\"pi\",\"padding\":\"" + "x".repeat(20_000) + "\"}";
    String bigId = sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(big)).messageId();
    String smallId =
        sqs.client()
            .sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"job\":\"pi\"}"))
            .messageId();

    await("oversize message moved to the DLQ by the redrive policy")
        .atMost(Duration.ofSeconds(40))
        .until(() -> sqs.approximateCount("big-dlq") == 1);

    List<Message> dead =
        sqs.client()
            .receiveMessage(
                b ->
                    b.queueUrl(sqs.queueUrl("big-dlq"))
                        .maxNumberOfMessages(10)
                        .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP))
            .messages();
    assertThat(dead).extracting(Message::messageId).containsExactly(bigId);
    assertThat(dead.getFirst().body()).isEqualTo(big);
    assertThat(new JetStreamProbe(nats.url()).messages("RELAY_EVENTS"))
        .extracting(StoredMessage::messageId)
        .containsExactly(smallId);
    // the redrive policy moved it only after its second receive: two failures, one notice
    assertThat(
            MetricsProbe.value(
                "relay_bridge_publish_failures_total", "reason=\"payload-too-large\""))
        .isGreaterThanOrEqualTo(2);

    List<StoredMessage> notices = new JetStreamProbe(nats.url()).messages("RELAY_DEAD");
    assertThat(notices)
        .extracting(StoredMessage::messageId)
        .containsExactly(bigId + ":dead:sqs-bridge");
    assertThat(notices.getFirst().subject()).isEqualTo("relay.dead.sqs-bridge");
    JsonNode event = strict.readTree(notices.getFirst().data());
    assertThat(event.path("id").asText()).isEqualTo(bigId + ":dead:sqs-bridge");
    assertThat(event.path("type").asText()).isEqualTo("io.spark-relay.dead-letter");
    assertThat(event.path("source").asText()).isEqualTo("spark-relay/sqs-bridge");
    assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");

    JsonNode notice = event.path("data");
    List<String> fields = new ArrayList<>();
    notice.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "service",
            "runId",
            "cause",
            "reason",
            "eventTime",
            "body",
            "original",
            "originalBytes",
            "originalTruncated");
    assertThat(notice.path("service").asText()).isEqualTo("sqs-bridge");
    assertThat(notice.path("runId").asText()).isEqualTo(bigId);
    assertThat(notice.path("cause").asText()).isEqualTo("payload-too-large");
    assertThat(notice.path("reason").asText())
        .isEqualTo(
            "the message is "
                + cloudEventBytes(dead.getFirst())
                + " bytes as a CloudEvent, over the EventBus's max payload of 16384 bytes; it"
                + " stays in SQS and moves to the queue's dead-letter queue after its"
                + " maxReceiveCount");
    assertThat(notice.path("eventTime").asText())
        .isEqualTo(
            Instant.ofEpochMilli(
                    Long.parseLong(
                        dead.getFirst()
                            .attributes()
                            .get(MessageSystemAttributeName.SENT_TIMESTAMP)))
                .toString());
    assertThat(notice.path("body").isNull()).as("no body: never read as an event").isTrue();
    assertThat(notice.path("original").isTextual()).isTrue();
    assertThat(notice.path("original").asText()).isEqualTo(big.substring(0, 1024));
    assertThat(notice.path("originalBytes").asInt()).isEqualTo(20_025);
    assertThat(notice.path("originalTruncated").asBoolean()).isTrue();
    assertThat(MetricsProbe.value("relay_bridge_dead_letters_total", "cause=\"payload-too-large\""))
        .isEqualTo(1.0);
    assertThat(MetricsProbe.value("relay_bridge_dead_letter_failures_total")).isZero();
  }

  private void createDeadLetterStreamAsTheLauncherWould() throws Exception {
    try (Connection connection = Nats.connect(nats.url())) {
      connection
          .jetStreamManagement()
          .addStream(
              StreamConfiguration.builder()
                  .name("RELAY_DEAD")
                  .subjects("relay.dead.>")
                  .storageType(StorageType.File)
                  .build());
    }
  }

  /** The size of the CloudEvent the bridge made of this message (the DLQ keeps id and time). */
  private int cloudEventBytes(Message dead) {
    SqsEventMapper mapper = new SqsEventMapper(new ObjectMapper(), new BodyClassifier(64));
    return mapper.encode(mapper.toCloudEvent(dead, URI.create(queueUrl))).length;
  }
}
