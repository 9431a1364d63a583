package io.sparkrelay.bridge.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrelay.bridge.nats.OutboundEvent;
import io.sparkrelay.contract.samples.GoldenSamples;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class DeadLetterNoticeTest {

  private static final String REASON =
      "the message is 20480 bytes as a CloudEvent, over the EventBus's max payload of 16384"
          + " bytes; it stays in SQS and moves to the queue's dead-letter queue after its"
          + " maxReceiveCount";

  private final ObjectMapper json = new ObjectMapper();

  private static Message message(String body, Map<MessageSystemAttributeName, String> attributes) {
    return Message.builder().messageId("m-1").body(body).attributes(attributes).build();
  }

  @Test
  void aLongBodyIsCutToItsFirst1024CharactersAndMeasuredInUtf8() throws Exception {
    // 1100 characters, "é" two bytes in UTF-8, the emoji one character of two chars and 4 bytes
    String body = "\uD83D\uDE00" + "é".repeat(1099);

    JsonNode notice =
        json.valueToTree(
            DeadLetterNotice.payloadTooLarge(
                message(body, Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, "1763740800123")),
                20480,
                16384));

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
    assertThat(notice.path("runId").asText()).isEqualTo("m-1");
    assertThat(notice.path("cause").asText()).isEqualTo("payload-too-large");
    assertThat(notice.path("reason").asText()).isEqualTo(REASON);
    assertThat(notice.path("eventTime").asText()).isEqualTo("2025-11-21T16:00:00.123Z");
    assertThat(notice.path("body").isNull()).isTrue();
    assertThat(notice.path("original").asText()).isEqualTo("\uD83D\uDE00" + "é".repeat(1023));
    assertThat(notice.path("originalBytes").asInt()).isEqualTo(4 + 2 * 1099);
    assertThat(notice.path("originalTruncated").asBoolean()).isTrue();
  }

  @Test
  void aShortBodyIsWholeAndAnUnknownSendTimeIsNull() throws Exception {
    JsonNode notice =
        json.valueToTree(DeadLetterNotice.payloadTooLarge(message("{}", Map.of()), 20480, 16384));

    assertThat(notice.path("original").asText()).isEqualTo("{}");
    assertThat(notice.path("originalBytes").asInt()).isEqualTo(2);
    assertThat(notice.path("originalTruncated").asBoolean()).isFalse();
    assertThat(notice.has("eventTime")).isTrue();
    assertThat(notice.path("eventTime").isNull()).isTrue();
  }

  @Test
  void theNoticeOfAnOversizeMessageIsTheGoldenSample() {
    String head = "{\"job\":\"taxi-trip\",\"padding\":\"";
    String body = head + "x".repeat(1_048_400 - head.length() - 2) + "\"}";
    long sent = Instant.parse("2026-12-01T09:00:00Z").toEpochMilli();
    Message message =
        Message.builder()
            .messageId(GoldenSamples.RUN_ID)
            .body(body)
            .attributes(Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, Long.toString(sent)))
            .build();

    OutboundEvent notice =
        DeadLetterNotices.notice(
            message, DeadLetterNotice.payloadTooLarge(message, 1_048_700, 1_048_576));

    GoldenSamples.assertWrites(GoldenSamples.DEAD_LETTER_SQS_BRIDGE, notice.payload());
    JsonNode sample = GoldenSamples.tree(GoldenSamples.DEAD_LETTER_SQS_BRIDGE);
    assertThat(notice.messageId()).isEqualTo(sample.path("id").asText());
    assertThat(notice.subject()).isEqualTo("relay.dead.sqs-bridge");
  }
}
