package io.sparkrelay.contract.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The golden JSON sample of each event on the bus ({@code samples/<name>.json} beside this class).
 * A producer's test checks that it writes its sample; a consumer's test reads it.
 */
public final class GoldenSamples {

  public static final String SQS_MESSAGE = "sqs-message";
  public static final String WORKFLOW_CREATED = "workflow-created";
  public static final String UNMATCHED = "unmatched";
  public static final String SPARK_SUBMITTED = "spark-submitted";
  public static final String SPARK_REFUSED = "spark-refused";
  public static final String RUN_ENDED = "run-ended";
  public static final String DEAD_LETTER_SQS_BRIDGE = "dead-letter-sqs-bridge";
  public static final String DEAD_LETTER_WORKFLOW_LAUNCHER = "dead-letter-workflow-launcher";

  /** The run id every sample is about (an SQS MessageId). */
  public static final String RUN_ID = "0f5c2a9e-4b1d-4c3e-9a7f-2d6b8e1c5a34";

  private static final ObjectMapper JSON = new ObjectMapper();

  private GoldenSamples() {}

  /** The sample's bytes, as they would come off the stream. */
  public static byte[] bytes(String name) {
    try (InputStream in = GoldenSamples.class.getResourceAsStream(name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no golden sample " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample as a JSON tree. */
  public static JsonNode tree(String name) {
    try {
      return JSON.readTree(bytes(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that {@code written} is the sample's event: every attribute and all the data equal, but
   * the {@code time} attribute (when the producer did its work) and the attributes named in {@code
   * varying} only present.
   */
  public static void assertWrites(String name, byte[] written, String... varying) {
    ObjectNode actual;
    try {
      actual = (ObjectNode) JSON.readTree(written);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + new String(written), e);
    }
    ObjectNode expected = (ObjectNode) tree(name);
    for (String attribute : concat("time", varying)) {
      assertThat(actual.has(attribute))
          .as("attribute %s", attribute)
          .isEqualTo(expected.has(attribute));
      actual.remove(attribute);
      expected.remove(attribute);
    }
    assertThat(actual).as("event written, against golden sample %s", name).isEqualTo(expected);
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
