package io.sparkrelay.launcher.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.OffsetDateTime;

/** Builds {@link RelayEvent}s for the rule tests. */
final class Events {

  static final String SQS_TYPE = "io.spark-relay.sqs.message";
  static final String JOBS_QUEUE = "arn:aws:sqs:us-east-1:123456789012:spark-jobs";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Events() {}

  static RelayEvent sqs(String dataJson) {
    return event(SQS_TYPE, JOBS_QUEUE, dataJson);
  }

  static RelayEvent event(String type, String source, String dataJson) {
    return new RelayEvent(
        "5f0c7e9a-1b2c-4d5e-8f90-0123456789ab",
        type,
        source,
        null,
        OffsetDateTime.parse("2026-11-21T10:15:30Z"),
        parse(dataJson));
  }

  static JsonNode parse(String json) {
    if (json == null) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
