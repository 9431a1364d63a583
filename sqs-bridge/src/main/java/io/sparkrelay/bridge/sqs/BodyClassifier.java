package io.sparkrelay.bridge.sqs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sparkrelay.bridge.sqs.MessageBody.Json;
import io.sparkrelay.bridge.sqs.MessageBody.NotJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Decides whether an SQS body is exactly one JSON value, strictly: no key twice, nothing but
 * whitespace after the value, no deeper nesting than configured, no byte-order mark. Whatever the
 * sender wrote, the answer is either the parsed value or a reason in plain words; the body is never
 * trusted to be well-formed JSON as it stands.
 */
public final class BodyClassifier {

  private static final String EMPTY = "the body is empty";
  private static final String BYTE_ORDER_MARK = "the body starts with a byte-order mark (U+FEFF)";

  /** Characters of a duplicate key shown before "...". */
  private static final int KEY_SHOWN = 40;

  /** Longest Jackson message shown, "..." included. */
  private static final int JACKSON_MESSAGE_SHOWN = 120;

  private final int maxNestingDepth;
  private final ObjectReader exactlyOneValue;
  private final ObjectReader firstValue;

  public BodyClassifier(int maxNestingDepth) {
    this.maxNestingDepth = maxNestingDepth;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    JsonMapper mapper =
        JsonMapper.builder(factory)
            // numbers are re-serialized as the sender wrote them, not rounded through a double
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    ObjectReader reader = mapper.readerFor(JsonNode.class);
    exactlyOneValue = reader.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    firstValue = reader.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  public MessageBody classify(String body) {
    // Jackson would call it an unexpected character; name it, as editors add it unseen
    if (body.startsWith("\uFEFF")) {
      return new NotJson(BYTE_ORDER_MARK);
    }
    try {
      JsonNode value = exactlyOneValue.readTree(body);
      return value.isMissingNode() ? new NotJson(EMPTY) : new Json(value);
    } catch (JsonProcessingException e) {
      return new NotJson(reason(body, e));
    }
  }

  /**
   * Why {@code body} is not exactly one value. Reads the first value alone: when that succeeds, the
   * failure was in what follows it.
   */
  private String reason(String body, JsonProcessingException wholeBodyFailure) {
    try (JsonParser parser = firstValue.createParser(body)) {
      try {
        firstValue.readTree(parser);
      } catch (JsonProcessingException e) {
        return problemInFirstValue(e, parser);
      }
      return textAfterValue(wholeBodyFailure.getLocation(), parser.currentLocation());
    } catch (IOException e) {
      // a String source has no I/O to fail
      throw new UncheckedIOException(e);
    }
  }

  private String problemInFirstValue(JsonProcessingException e, JsonParser parser)
      throws IOException {
    if (e instanceof StreamConstraintsException
        && parser.getParsingContext().getNestingDepth() > maxNestingDepth) {
      return "the body is nested deeper than " + maxNestingDepth + " levels";
    }
    String key = parser.currentName();
    // STRICT_DUPLICATE_DETECTION has no exception type of its own: its message names the key
    if (key != null && ("Duplicate field '" + key + "'").equals(e.getOriginalMessage())) {
      return "the body has the key '" + Excerpt.abbreviated(key, KEY_SHOWN, KEY_SHOWN) + "' twice";
    }
    return notJson(e);
  }

  private static String textAfterValue(JsonLocation failure, JsonLocation valueEnd) {
    long offset = failure == null ? -1 : failure.getCharOffset();
    if (offset < 0 || offset < valueEnd.getCharOffset()) {
      return "the body has text after the JSON value";
    }
    return "the body has text after the JSON value (at character " + offset + ")";
  }

  private static String notJson(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    int lineEnd = message.indexOf('\n');
    String firstLine = lineEnd < 0 ? message : message.substring(0, lineEnd);
    return "the body is not JSON: "
        + Excerpt.abbreviated(firstLine.strip(), JACKSON_MESSAGE_SHOWN, JACKSON_MESSAGE_SHOWN - 3);
  }
}
