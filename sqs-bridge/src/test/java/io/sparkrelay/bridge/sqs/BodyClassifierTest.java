package io.sparkrelay.bridge.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrelay.bridge.sqs.MessageBody.Json;
import io.sparkrelay.bridge.sqs.MessageBody.NotJson;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BodyClassifierTest {

  private static final String NOT_A_VALUE =
      "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

  private final BodyClassifier classifier = new BodyClassifier(64);
  private final ObjectMapper json = new ObjectMapper();

  private static NotJson notJson(String reason) {
    return new NotJson(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"job\":\"pi\"}", "  {\"job\":\"pi\"}  ", "\r\n\t{\"job\":\"pi\"}\n"})
  void oneObjectWithWhitespaceAroundIsJson(String body) throws Exception {
    assertThat(classifier.classify(body)).isEqualTo(new Json(json.readTree("{\"job\":\"pi\"}")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1,\"two\"]", "\"{\\\"job\\\":\\\"pi\\\"}\"", "42", "true", "null"})
  void anySingleJsonValueIsJson(String body) throws Exception {
    assertThat(classifier.classify(body)).isEqualTo(new Json(json.readTree(body)));
  }

  @Test
  void numbersAreKeptAsTheSenderWroteThem() throws Exception {
    MessageBody body =
        classifier.classify(
            "{\"ratio\":0.10,\"huge\":1e400,\"count\":12345678901234567890123,\"price\":10.0}");

    assertThat(json.writeValueAsString(((Json) body).value()))
        .isEqualTo(
            "{\"ratio\":0.10,\"huge\":1E+400,\"count\":12345678901234567890123,\"price\":10.0}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\r\n\t "})
  void anEmptyBodyIsNotJson(String body) {
    assertThat(classifier.classify(body)).isEqualTo(notJson("the body is empty"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uFEFF{\"job\":\"pi\"}", "\uFEFF"})
  void aByteOrderMarkIsNamed(String body) {
    assertThat(classifier.classify(body))
        .isEqualTo(notJson("the body starts with a byte-order mark (U+FEFF)"));
  }

  static Stream<Arguments> textAfterTheValue() {
    return Stream.of(
        Arguments.of("{\"job\":\"pi\"},\"id\":\"forged-id\"", 12),
        Arguments.of("{\"job\":\"pi\"},\"type\":\"x\",\"source\":\"y\"", 12),
        Arguments.of("{\"job\":\"pi\"} trailing", 13),
        Arguments.of("{\"a\":1} {\"b\":2}", 8),
        Arguments.of("{} {\"a\":1,\"a\":2}", 3),
        Arguments.of("{\"a\":1} }", 8),
        Arguments.of("[1]]", 3),
        Arguments.of("42 x", 3),
        Arguments.of("\"a\" \"b\"", 4),
        Arguments.of("{\"a\":1}\n\n  x", 11));
  }

  @ParameterizedTest
  @MethodSource
  void textAfterTheValue(String body, int offset) {
    assertThat(classifier.classify(body))
        .isEqualTo(notJson("the body has text after the JSON value (at character " + offset + ")"));
  }

  @Test
  void textAfterTheValueWithoutALocationFromJacksonHasNoOffset() {
    // a number over Jackson's length limit fails without a location
    assertThat(classifier.classify("{} " + "1".repeat(1001)))
        .isEqualTo(notJson("the body has text after the JSON value"));
  }

  @Test
  void aKeyTwiceIsNamed() {
    assertThat(classifier.classify("{\"job\":\"pi\",\"job\":\"taxi-trip\"}"))
        .isEqualTo(notJson("the body has the key 'job' twice"));
    assertThat(classifier.classify("{\"run\":{\"a\":{},\"a\":1}}"))
        .isEqualTo(notJson("the body has the key 'a' twice"));
  }

  @Test
  void aLongKeyTwiceIsAbbreviatedToFortyCharacters() {
    String forty = "k".repeat(40);
    String longer = forty + "-and-more";
    assertThat(classifier.classify("{\"" + forty + "\":1,\"" + forty + "\":2}"))
        .isEqualTo(notJson("the body has the key '" + forty + "' twice"));
    assertThat(classifier.classify("{\"" + longer + "\":1,\"" + longer + "\":2}"))
        .isEqualTo(notJson("the body has the key '" + forty + "...' twice"));
    // the 40th character is outside the BMP (two chars): it is kept whole
    String emoji = "x".repeat(39) + "\uD83D\uDE00" + "yz";
    assertThat(classifier.classify("{\"" + emoji + "\":1,\"" + emoji + "\":2}"))
        .isEqualTo(notJson("the body has the key '" + "x".repeat(39) + "\uD83D\uDE00...' twice"));
  }

  @Test
  void nestingUpToTheLimitIsJsonAndDeeperIsNamed() {
    assertThat(classifier.classify("[".repeat(64) + "]".repeat(64))).isInstanceOf(Json.class);
    assertThat(classifier.classify("[".repeat(65) + "]".repeat(65)))
        .isEqualTo(notJson("the body is nested deeper than 64 levels"));
    assertThat(classifier.classify("[".repeat(100) + "]".repeat(100)))
        .isEqualTo(notJson("the body is nested deeper than 64 levels"));
  }

  @Test
  void theNestingLimitIsTheConfiguredOne() {
    BodyClassifier shallow = new BodyClassifier(3);

    assertThat(shallow.classify("{\"a\":[[1]]}")).isInstanceOf(Json.class);
    assertThat(shallow.classify("{\"a\":[[{}]]}"))
        .isEqualTo(notJson("the body is nested deeper than 3 levels"));
  }

  @Test
  void anythingElseCarriesJacksonsMessageWithoutTheSourceExcerpt() {
    assertThat(classifier.classify("not json at all"))
        .isEqualTo(notJson("the body is not JSON: Unrecognized token 'not': " + NOT_A_VALUE));
    assertThat(classifier.classify("{\"job\":"))
        .isEqualTo(
            notJson("the body is not JSON: Unexpected end-of-input within/between Object entries"));
    assertThat(classifier.classify("42x"))
        .isEqualTo(
            notJson(
                "the body is not JSON: Unexpected character ('x' (code 120)): Expected space"
                    + " separating root-level values"));
    assertThat(classifier.classify("1".repeat(1001)))
        .isEqualTo(
            notJson(
                "the body is not JSON: Number value length (1001) exceeds the maximum allowed"
                    + " (1000, from `StreamReadConstraints.getMaxNumberLength()`)"));
  }

  @Test
  void jacksonsMessageIsCutToAHundredAndTwentyCharacters() {
    MessageBody body = classifier.classify("x".repeat(300));

    String prefix = "the body is not JSON: ";
    String expected = "Unrecognized token '" + "x".repeat(97) + "...";
    assertThat(expected).hasSize(120);
    assertThat(body).isEqualTo(notJson(prefix + expected));
  }
}
