package io.sparkrelay.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.testkit.ElasticMqResource;
import io.sparkrelay.testkit.ElasticMqServer;
import io.sparkrelay.testkit.InjectElasticMq;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.JetStreamProbe;
import io.sparkrelay.testkit.JetStreamProbe.StoredMessage;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Whatever a sender writes in a body, its event arrives with the bridge's own id, type and source,
 * as one JSON object with no key twice: a body that is exactly one JSON value becomes JSON data,
 * any other body becomes text data with the reason in {@code bodyerror}.
 */
@QuarkusTest
@WithTestResource(
    value = ElasticMqResource.class,
    initArgs = @ResourceArg(name = "queue", value = "untrusted"))
@WithTestResource(NatsServerResource.class)
class UntrustedBodiesTest {

  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain; charset=utf-8";

  @InjectElasticMq ElasticMqServer sqs;
  @InjectNatsServer NatsServerProcess nats;

  @ConfigProperty(name = "relay.sqs.queue-url")
  String queueUrl;

  /** Reads an envelope the way the launcher does: one value, no key twice, nothing after it. */
  private final ObjectMapper strict =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private record Expected(String contentType, JsonNode data, String bodyError) {}

  private static Expected json(JsonNode data) {
    return new Expected(JSON, data, null);
  }

  private static Expected text(String body, String bodyError) {
    return new Expected(TEXT, TextNode.valueOf(body), bodyError);
  }

  @Test
  void everyBodyArrivesInAnEnvelopeItCannotRewrite() throws Exception {
    String deep = "[".repeat(100) + "]".repeat(100);
    JsonNode job = strict.readTree("{\"job\":\"pi\"}");
    Map<String, Expected> cases = new LinkedHashMap<>();
    cases.put(
        "{\"job\":\"pi\"},\"id\":\"forged-id\"",
        text(
            "{\"job\":\"pi\"},\"id\":\"forged-id\"",
            "the body has text after the JSON value (at character 12)"));
    cases.put(
        "{\"job\":\"pi\"},\"type\":\"x\",\"source\":\"y\"",
        text(
            "{\"job\":\"pi\"},\"type\":\"x\",\"source\":\"y\"",
            "the body has text after the JSON value (at character 12)"));
    cases.put(
        "{\"job\":\"pi\"} trailing",
        text(
            "{\"job\":\"pi\"} trailing",
            "the body has text after the JSON value (at character 13)"));
    cases.put(
        "{\"job\":\"pi\",\"job\":\"taxi-trip\"}",
        text("{\"job\":\"pi\",\"job\":\"taxi-trip\"}", "the body has the key 'job' twice"));
    cases.put(deep, text(deep, "the body is nested deeper than 64 levels"));
    cases.put(
        "\uFEFF{\"job\":\"pi\"}",
        text("\uFEFF{\"job\":\"pi\"}", "the body starts with a byte-order mark (U+FEFF)"));
    cases.put("\"{\\\"job\\\":\\\"pi\\\"}\"", json(TextNode.valueOf("{\"job\":\"pi\"}")));
    cases.put("42", json(IntNode.valueOf(42)));
    cases.put(
        "not json at all",
        text(
            "not json at all",
            "the body is not JSON: Unrecognized token 'not': was expecting (JSON String, Number,"
                + " Array, Object or token 'null', 'true' or 'false')"));
    cases.put("{\"job\":\"pi\"}", json(job));
    cases.put("  {\"job\":\"pi\"}  ", json(job));

    Map<String, String> bodyById = new LinkedHashMap<>();
    for (String body : cases.keySet()) {
      bodyById.put(
          sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId(), body);
    }

    await("every message on the stream")
        .atMost(Duration.ofSeconds(30))
        .until(() -> storedById().keySet().containsAll(bodyById.keySet()));
    await("queue drained")
        .atMost(Duration.ofSeconds(30))
        .until(() -> sqs.approximateCount("untrusted") == 0);

    Map<String, StoredMessage> stored = storedById();
    assertThat(stored).hasSize(cases.size());
    SoftAssertions softly = new SoftAssertions();
    bodyById.forEach(
        (id, body) -> {
          Expected expected = cases.get(body);
          JsonNode event = envelope(stored.get(id));
          String as = "event of body <" + abbreviated(body) + ">";
          softly.assertThat(event.isObject()).as(as + " is an object").isTrue();
          softly.assertThat(event.path("id").asText()).as(as + " id").isEqualTo(id);
          softly
              .assertThat(event.path("type").asText())
              .as(as + " type")
              .isEqualTo("io.spark-relay.sqs.message");
          softly.assertThat(event.path("source").asText()).as(as + " source").isEqualTo(queueUrl);
          softly
              .assertThat(event.path("datacontenttype").asText())
              .as(as + " datacontenttype")
              .isEqualTo(expected.contentType());
          softly.assertThat(event.path("data")).as(as + " data").isEqualTo(expected.data());
          softly
              .assertThat(event.has("bodyerror") ? event.path("bodyerror").asText() : null)
              .as(as + " bodyerror")
              .isEqualTo(expected.bodyError());
          List<String> fields = new ArrayList<>();
          event.fieldNames().forEachRemaining(fields::add);
          List<String> attributes =
              new ArrayList<>(
                  List.of(
                      "specversion", "id", "source", "type", "time", "datacontenttype", "data"));
          if (expected.bodyError() != null) {
            attributes.add("bodyerror");
          }
          softly
              .assertThat(fields)
              .as(as + " attributes")
              .containsExactlyInAnyOrderElementsOf(attributes);
        });
    softly.assertAll();
  }

  private Map<String, StoredMessage> storedById() {
    return new JetStreamProbe(nats.url())
        .messages("RELAY_EVENTS", "relay.events.sqs.untrusted").stream()
            .collect(Collectors.toMap(StoredMessage::messageId, Function.identity(), (a, b) -> a));
  }

  private JsonNode envelope(StoredMessage message) {
    try {
      return strict.readTree(message.data());
    } catch (Exception e) {
      throw new AssertionError("envelope is not one strict JSON value: " + message.data(), e);
    }
  }

  private static String abbreviated(String body) {
    return body.length() <= 40 ? body : body.substring(0, 40) + "...";
  }
}
