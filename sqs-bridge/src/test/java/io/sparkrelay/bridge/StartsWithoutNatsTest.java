package io.sparkrelay.bridge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.testkit.ElasticMqResource;
import io.sparkrelay.testkit.ElasticMqServer;
import io.sparkrelay.testkit.InjectElasticMq;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.JetStreamProbe;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** NATS is not there when the bridge starts: it starts anyway, not ready, and catches up. */
@QuarkusTest
@WithTestResource(
    value = ElasticMqResource.class,
    initArgs = @ResourceArg(name = "queue", value = "early"))
@WithTestResource(
    value = NatsServerResource.class,
    initArgs = @ResourceArg(name = "started", value = "false"))
class StartsWithoutNatsTest {

  @InjectElasticMq ElasticMqServer sqs;
  @InjectNatsServer NatsServerProcess nats;

  @ConfigProperty(name = "relay.sqs.queue-url")
  String queueUrl;

  @Test
  void startsNotReadyKeepsMessagesAndDeliversThemOnceNatsComes() {
    given().get("/q/health/live").then().statusCode(200);
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("checks.find { it.name == 'nats' }.status", equalTo("DOWN"));
    String id =
        sqs.client()
            .sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"job\":\"pi\"}"))
            .messageId();
    assertThat(sqs.approximateCount("early")).isEqualTo(1);

    nats.start();

    await("ready once NATS is there")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    await("message on the stream")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !new JetStreamProbe(nats.url()).messages("RELAY_EVENTS").isEmpty());
    assertThat(new JetStreamProbe(nats.url()).messages("RELAY_EVENTS"))
        .extracting(JetStreamProbe.StoredMessage::messageId)
        .containsExactly(id);
    await("deleted from SQS")
        .atMost(Duration.ofSeconds(30))
        .until(() -> sqs.approximateCount("early") == 0);
    // received once, after NATS came: no poller took it while the EventBus had never been seen
    // (a message received then would have come back after its visibility timeout, a second time)
    assertThat(MetricsProbe.value("relay_bridge_messages_received_total")).isEqualTo(1.0);
  }
}
