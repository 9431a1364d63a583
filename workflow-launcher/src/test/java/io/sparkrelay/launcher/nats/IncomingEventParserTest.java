package io.sparkrelay.launcher.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrelay.contract.samples.GoldenSamples;
import io.sparkrelay.launcher.rules.EventRefusedException;
import io.sparkrelay.launcher.rules.RelayEvent;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class IncomingEventParserTest {

  private static RelayEvent parse(String json) throws EventRefusedException {
    return IncomingEventParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String event(String contentType, String data) {
    return "{\"specversion\":\"1.0\",\"id\":\"m-1\",\"source\":\"sqs://q\",\"type\":\"t\""
        + (contentType == null ? "" : ",\"datacontenttype\":\"" + contentType + "\"")
        + ",\"data\":"
        + data
        + "}";
  }

  @Test
  void theBridgesGoldenSampleIsReadAsItIs() throws Exception {
    RelayEvent event = IncomingEventParser.parse(GoldenSamples.bytes(GoldenSamples.SQS_MESSAGE));

    assertThat(event)
        .isEqualTo(
            new RelayEvent(
                GoldenSamples.RUN_ID,
                "io.spark-relay.sqs.message",
                "http://127.0.0.1:9324/000000000000/spark-relay-jobs",
                null,
                OffsetDateTime.parse("2026-12-01T09:00:00Z"),
                new ObjectMapper()
                    .readTree(
                        "{\"job\":\"taxi-trip\",\"input\":\"s3://spark-relay-data/taxi-trip/input/\"}"),
                null));
  }

  @Test
  void jsonDataBecomesATreeTheRulesCanRead() throws Exception {
    RelayEvent event = parse(event("application/json", "{\"job\":\"pi\",\"n\":[1,2]}"));

    assertThat(event.id()).isEqualTo("m-1");
    assertThat(event.data().path("job").asText()).isEqualTo("pi");
    assertThat(event.data().path("n").get(1).asInt()).isEqualTo(2);
  }

  @Test
  void dataWithoutAContentTypeIsReadAsJson() throws Exception {
    assertThat(parse(event(null, "{\"job\":\"pi\"}")).data().path("job").asText()).isEqualTo("pi");
  }

  @Test
  void aJsonStringStaysAStringSoTheLauncherCanRefuseIt() throws Exception {
    RelayEvent event = parse(event("application/json", "\"not json\""));

    assertThat(event.data().isTextual()).isTrue();
    assertThat(event.data().asText()).isEqualTo("not json");
  }

  @Test
  void textDataBecomesText() throws Exception {
    RelayEvent event = parse(event("text/plain", "\"hello\""));

    assertThat(event.data().isTextual()).isTrue();
    assertThat(event.data().asText()).isEqualTo("hello");
  }

  @Test
  void base64DataDeclaredJsonIsReadAsJson() throws Exception {
    String base64 =
        Base64.getEncoder().encodeToString("{\"job\":\"pi\"}".getBytes(StandardCharsets.UTF_8));
    String json =
        "{\"specversion\":\"1.0\",\"id\":\"m-2\",\"source\":\"sqs://q\",\"type\":\"t\","
            + "\"datacontenttype\":\"application/json\",\"data_base64\":\""
            + base64
            + "\"}";

    assertThat(parse(json).data().path("job").asText()).isEqualTo("pi");
  }

  @Test
  void base64DataDeclaredJsonThatIsNotJsonIsRefused() {
    String base64 = Base64.getEncoder().encodeToString("not json".getBytes(StandardCharsets.UTF_8));
    String json =
        "{\"specversion\":\"1.0\",\"id\":\"m-3\",\"source\":\"sqs://q\",\"type\":\"t\","
            + "\"datacontenttype\":\"application/json\",\"data_base64\":\""
            + base64
            + "\"}";

    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(EventRefusedException.class)
        .hasMessageContaining("is not valid JSON");
  }

  @Test
  void somethingElseIsRefusedWithAReason() {
    assertThatThrownBy(() -> parse("{\"job\":\"pi\"}"))
        .isInstanceOf(EventRefusedException.class)
        .hasMessageContaining("not a CloudEvent");
  }

  @Test
  void aSecondIdInTheEnvelopeIsRefusedNotObeyed() {
    String event = event("application/json", "{\"job\":\"pi\"}");
    String forged = event.substring(0, event.length() - 1) + ",\"id\":\"x\"}";

    assertThatThrownBy(() -> parse(forged))
        .isInstanceOf(EventRefusedException.class)
        .hasMessage("not a CloudEvent in structured JSON mode: the key 'id' appears twice");
  }

  @Test
  void aDuplicateKeyInsideTheDataIsRefusedToo() {
    assertThatThrownBy(() -> parse(event("application/json", "{\"job\":\"pi\",\"job\":\"x\"}")))
        .hasMessage("not a CloudEvent in structured JSON mode: the key 'job' appears twice");
  }

  @Test
  void nestingDeeperThanTheLimitIsRefusedWithThatReason() {
    String deep =
        "[".repeat(IncomingEventParser.MAX_NESTING_DEPTH + 1)
            + "]".repeat(IncomingEventParser.MAX_NESTING_DEPTH + 1);

    assertThatThrownBy(() -> parse(event("application/json", deep)))
        .hasMessage(
            "not a CloudEvent in structured JSON mode: nested deeper than "
                + IncomingEventParser.MAX_NESTING_DEPTH
                + " levels");
  }

  @Test
  void theBridgesBodyErrorIsCarriedForTheReason() throws Exception {
    String json =
        event("text/plain; charset=utf-8", "\"{\\\"job\\\":1} x\"")
            .replace("\"type\":\"t\"", "\"type\":\"t\",\"bodyerror\":\"the body has text after\"");

    RelayEvent event = parse(json);

    assertThat(event.bodyError()).isEqualTo("the body has text after");
    assertThat(event.data().asText()).isEqualTo("{\"job\":1} x");
  }
}
