package io.sparkrelay.bridge.sqs;

import com.fasterxml.jackson.databind.JsonNode;

/** What an SQS message body turned out to be, as {@link BodyClassifier} read it. */
public sealed interface MessageBody {

  /** Exactly one JSON value (object, array, string, number, boolean or null), parsed. */
  record Json(JsonNode value) implements MessageBody {}

  /** Anything else, with a plain-English reason that travels as the {@code bodyerror}. */
  record NotJson(String reason) implements MessageBody {}
}
