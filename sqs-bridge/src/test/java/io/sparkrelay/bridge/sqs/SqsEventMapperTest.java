package io.sparkrelay.bridge.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.sparkrelay.contract.samples.GoldenSamples;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class SqsEventMapperTest {

  private static final URI QUEUE = URI.create("http://127.0.0.1:9324/000000000000/jobs");
  private static final String MESSAGE_ID = "5fea7756-0ea4-451a-a703-a558b933e274";

  private final ObjectMapper json = new ObjectMapper();

  /** Reads an envelope the way the launcher does: one object, no key twice, nothing after it. */
  private final ObjectMapper strict =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final SqsEventMapper mapper = new SqsEventMapper(json, new BodyClassifier(64));

  private byte[] encoded(Message message) {
    return mapper.encode(mapper.toCloudEvent(message, QUEUE));
  }

  private JsonNode published(Message message) throws Exception {
    JsonNode event = strict.readTree(encoded(message));
    assertThat(event.isObject()).as("envelope is one JSON object").isTrue();
    return event;
  }

  private static Message message(String body) {
    return Message.builder()
        .messageId(MESSAGE_ID)
        .body(body)
        .attributes(Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, "1763740800123"))
        .build();
  }

  private static List<String> fieldNames(JsonNode event) {
    List<String> names = new ArrayList<>();
    event.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void jsonBodyBecomesJsonDataOfAStructuredCloudEvent() throws Exception {
    JsonNode event = published(message("{\"job\":\"taxi-trip\",\"input\":\"s3://b/in/\"}"));

    assertThat(event.path("specversion").asText()).isEqualTo("1.0");
    assertThat(event.path("id").asText()).isEqualTo(MESSAGE_ID);
    assertThat(event.path("source").asText()).isEqualTo(QUEUE.toString());
    assertThat(event.path("type").asText()).isEqualTo("io.spark-relay.sqs.message");
    assertThat(event.path("time").asText()).isEqualTo("2025-11-21T16:00:00.123Z");
    assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(event.path("data"))
        .isEqualTo(json.readTree("{\"job\":\"taxi-trip\",\"input\":\"s3://b/in/\"}"));
    assertThat(fieldNames(event))
        .containsExactlyInAnyOrder(
            "specversion", "id", "source", "type", "time", "datacontenttype", "data");
  }

  @Test
  void jsonDataIsWrittenByJacksonNotCopiedFromTheBody() {
    String envelope =
        new String(encoded(message(" { \"job\" :\t\"pi\" }\n")), StandardCharsets.UTF_8);

    assertThat(envelope).endsWith(",\"data\":{\"job\":\"pi\"}}");
  }

  @Test
  void anyJsonValueIsJsonDataEvenABareNumberOrAString() throws Exception {
    JsonNode number = published(message("42"));
    JsonNode string = published(message("\"{\\\"job\\\":\\\"pi\\\"}\""));

    assertThat(number.path("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(number.path("data")).isEqualTo(IntNode.valueOf(42));
    assertThat(number.has("bodyerror")).isFalse();
    assertThat(string.path("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(string.path("data")).isEqualTo(TextNode.valueOf("{\"job\":\"pi\"}"));
    assertThat(string.has("bodyerror")).isFalse();
  }

  @Test
  void bodyThatIsNotJsonIsTextDataWithTheReason() throws Exception {
    JsonNode event = published(message("run taxi-trip {please"));

    assertThat(event.path("datacontenttype").asText()).isEqualTo("text/plain; charset=utf-8");
    assertThat(event.path("data")).isEqualTo(TextNode.valueOf("run taxi-trip {please"));
    assertThat(event.path("bodyerror").asText())
        .isEqualTo(
            "the body is not JSON: Unrecognized token 'run': was expecting (JSON String, Number,"
                + " Array, Object or token 'null', 'true' or 'false')");
    assertThat(fieldNames(event))
        .containsExactlyInAnyOrder(
            "specversion", "id", "source", "type", "time", "datacontenttype", "bodyerror", "data");
  }

  @Test
  void aBodyCannotAddOrOverrideAttributesOfItsEvent() throws Exception {
    String forged = "{\"job\":\"pi\"},\"id\":\"forged-id\",\"type\":\"x\",\"source\":\"y\"";

    JsonNode event = published(message(forged));

    assertThat(event.path("id").asText()).isEqualTo(MESSAGE_ID);
    assertThat(event.path("type").asText()).isEqualTo("io.spark-relay.sqs.message");
    assertThat(event.path("source").asText()).isEqualTo(QUEUE.toString());
    assertThat(event.path("data")).isEqualTo(TextNode.valueOf(forged));
    assertThat(event.path("bodyerror").asText())
        .isEqualTo("the body has text after the JSON value (at character 12)");
  }

  @Test
  void theCloudEventsSdkReadsTextDataBackAsTheBody() {
    String body = "{\"job\":\"pi\"} trailing";

    CloudEvent read = new JsonFormat().deserialize(encoded(message(body)));

    assertThat(new String(read.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo(body);
    assertThat(read.getExtension("bodyerror"))
        .isEqualTo("the body has text after the JSON value (at character 13)");
  }

  @Test
  void aKeyThatIsAnUnpairedSurrogateStillMakesAValidEnvelope() throws Exception {
    // JSON escapes can spell a string no UTF-8 can hold; Jackson writes it escaped again
    JsonNode event = published(message("{\"\\ud800\":1,\"\\ud800\":2}"));

    assertThat(event.path("bodyerror").asText()).isEqualTo("the body has the key '\ud800' twice");
  }

  @Test
  void messageAttributesAreKeptInAnExtension() throws Exception {
    Message message =
        message("{}").toBuilder()
            .messageAttributes(
                Map.of(
                    "team",
                    MessageAttributeValue.builder().dataType("String").stringValue("data").build(),
                    "blob",
                    MessageAttributeValue.builder()
                        .dataType("Binary")
                        .binaryValue(SdkBytes.fromUtf8String("hi"))
                        .build()))
            .build();

    JsonNode attributes = json.readTree(published(message).path("sqsattributes").asText());

    assertThat(attributes.path("team").asText()).isEqualTo("data");
    assertThat(attributes.path("blob").asText()).isEqualTo("aGk=");
  }

  @Test
  void aJsonMessageWithAttributesIsTheGoldenSample() throws Exception {
    Message message =
        Message.builder()
            .messageId(GoldenSamples.RUN_ID)
            .body("{\"job\":\"taxi-trip\",\"input\":\"s3://spark-relay-data/taxi-trip/input/\"}")
            .attributes(
                Map.of(
                    MessageSystemAttributeName.SENT_TIMESTAMP,
                    Long.toString(Instant.parse("2026-12-01T09:00:00Z").toEpochMilli())))
            .messageAttributes(
                Map.of(
                    "team",
                    MessageAttributeValue.builder().dataType("String").stringValue("data").build()))
            .build();

    byte[] written =
        mapper.encode(
            mapper.toCloudEvent(
                message, URI.create("http://127.0.0.1:9324/000000000000/spark-relay-jobs")));

    GoldenSamples.assertWrites(GoldenSamples.SQS_MESSAGE, written);
    // the time is the SentTimestamp, so it is the sample's too
    assertThat(json.readTree(written).path("time"))
        .isEqualTo(GoldenSamples.tree(GoldenSamples.SQS_MESSAGE).path("time"));
  }

  @Test
  void messageWithoutAttributesHasNoExtension() throws Exception {
    assertThat(published(message("{}")).has("sqsattributes")).isFalse();
  }
}
