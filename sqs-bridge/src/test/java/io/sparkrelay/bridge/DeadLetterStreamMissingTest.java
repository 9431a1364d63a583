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
import io.sparkrelay.testkit.JetStreamProbe.StoredMessage;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Without the launcher's RELAY_DEAD stream an oversize message cannot be announced: that is
 * counted, and nothing else changes, neither for it (it still ends in the DLQ) nor for its batch.
 */
@QuarkusTest
@WithTestResource(
    value = ElasticMqResource.class,
    initArgs = {
      @ResourceArg(name = "queue", value = "unannounced"),
      @ResourceArg(name = "max-receive-count", value = "2"),
      @ResourceArg(name = "visibility-timeout", value = "2")
    })
@WithTestResource(
    value = NatsServerResource.class,
    initArgs = @ResourceArg(name = "max-payload", value = "16384"))
class DeadLetterStreamMissingTest {

  @InjectElasticMq ElasticMqServer sqs;
  @InjectNatsServer NatsServerProcess nats;

  @ConfigProperty(name = "relay.sqs.queue-url")
  String queueUrl;

  @Test
  void aNoticeThatCannotBePublishedIsCountedAndHoldsNothingUp() {
    String big = "{\"job\":\"pi\",\"padding\":\"" + "x".repeat(20_000) + "\"}";
    String bigId = sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(big)).messageId();
    String smallId =
        sqs.client()
            .sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"job\":\"pi\"}"))
            .messageId();

    await("oversize message moved to the DLQ by the redrive policy")
        .atMost(Duration.ofSeconds(40))
        .until(() -> sqs.approximateCount("unannounced-dlq") == 1);
    await("the rest of the queue drained")
        .atMost(Duration.ofSeconds(30))
        .until(() -> sqs.approximateCount("unannounced") == 0);

    assertThat(
            sqs.client()
                .receiveMessage(b -> b.queueUrl(sqs.queueUrl("unannounced-dlq")))
                .messages())
        .extracting(Message::messageId)
        .containsExactly(bigId);
    assertThat(new JetStreamProbe(nats.url()).messages("RELAY_EVENTS"))
        .extracting(StoredMessage::messageId)
        .containsExactly(smallId);
    assertThat(new JetStreamProbe(nats.url()).messages("RELAY_DEAD")).isEmpty();
    double failedPublishes =
        MetricsProbe.value("relay_bridge_publish_failures_total", "reason=\"payload-too-large\"");
    assertThat(failedPublishes).isGreaterThanOrEqualTo(2);
    assertThat(
            MetricsProbe.value(
                "relay_bridge_dead_letter_failures_total", "cause=\"payload-too-large\""))
        .as("one failed notice per failed publish")
        .isEqualTo(failedPublishes);
    assertThat(MetricsProbe.value("relay_bridge_dead_letters_total")).isZero();
  }
}
