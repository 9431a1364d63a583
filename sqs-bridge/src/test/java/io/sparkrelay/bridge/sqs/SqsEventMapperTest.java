package io.sparkrelay.bridge.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class SqsEventMapperTest {

  private static final URI QUEUE = URI.create("http://127.0.0.1:9324/000000000000/jobs");

  private final ObjectMapper json = new ObjectMapper();
  private final SqsEventMapper mapper = new SqsEventMapper(json);

  private JsonNode published(Message message) throws Exception {
    return json.readTree(mapper.encode(mapper.toCloudEvent(message, QUEUE)));
  }

  private static Message message(String body) {
    return Message.builder()
        .messageId("5fea7756-0ea4-451a-a703-a558b933e274")
        .body(body)
        .attributes(Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, "1763740800123"))
        .build();
  }

  @Test
  void jsonBodyBecomesJsonDataOfAStructuredCloudEvent() throws Exception {
    JsonNode event = published(message("{\"job\":\"taxi-trip\",\"input\":\"s3://b/in/\"}"));

    assertThat(event.path("specversion").asText()).isEqualTo("1.0");
    assertThat(event.path("id").asText()).isEqualTo("5fea7756-0ea4-451a-a703-a558b933e274");
    assertThat(event.path("source").asText()).isEqualTo(QUEUE.toString());
    assertThat(event.path("type").asText()).isEqualTo("io.spark-relay.sqs.message");
    assertThat(event.path("time").asText()).isEqualTo("2025-11-21T16:00:00.123Z");
    assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(event.path("data").path("job").asText()).isEqualTo("taxi-trip");
    assertThat(event.path("data").path("input").asText()).isEqualTo("s3://b/in/");
  }

  @Test
  void bodyThatIsNotJsonStaysTextAndIsNotLost() throws Exception {
    JsonNode event = published(message("run taxi-trip {please"));

    assertThat(event.path("datacontenttype").asText()).startsWith("text/plain");
    String data =
        event.has("data")
            ? event.path("data").asText()
            : new String(java.util.Base64.getDecoder().decode(event.path("data_base64").asText()));
    assertThat(data).isEqualTo("run taxi-trip {please");
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
  void messageWithoutAttributesHasNoExtension() throws Exception {
    assertThat(published(message("{}")).has("sqsattributes")).isFalse();
  }
}
