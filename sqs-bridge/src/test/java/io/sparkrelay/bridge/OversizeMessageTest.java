package io.sparkrelay.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.testkit.ElasticMqResource;
import io.sparkrelay.testkit.ElasticMqServer;
import io.sparkrelay.testkit.InjectElasticMq;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.JetStreamProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A message larger than the server's max_payload can never be published: it must end in the DLQ.
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

  @Test
  void oversizeMessageIsNeverDeletedAndEndsInTheDlqWhileOthersFlow() {
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
            .receiveMessage(b -> b.queueUrl(sqs.queueUrl("big-dlq")).maxNumberOfMessages(10))
            .messages();
    assertThat(dead).extracting(Message::messageId).containsExactly(bigId);
    assertThat(dead.getFirst().body()).isEqualTo(big);
    assertThat(new JetStreamProbe(nats.url()).messages("RELAY_EVENTS"))
        .extracting(JetStreamProbe.StoredMessage::messageId)
        .containsExactly(smallId);
    assertThat(
            BridgeMetricsProbe.value(
                "relay_bridge_publish_failures_total", "reason=\"payload-too-large\""))
        .isGreaterThanOrEqualTo(2);
  }
}
