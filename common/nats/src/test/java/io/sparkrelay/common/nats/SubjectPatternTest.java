package io.sparkrelay.common.nats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectPatternTest {

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @CsvSource({
    "relay.events.>, relay.events.sqs.jobs, true",
    "relay.events.>, relay.events.>, true",
    "relay.events.>, relay.events, false",
    "relay.events.sqs.>, relay.events.>, false",
    "relay.events.*, relay.events.redrive, true",
    "relay.events.*, relay.events.sqs.jobs, false",
    "relay.events.*, relay.events.>, false",
    "relay.>, relay.runs.*, true",
    "relay.runs.completed, relay.runs.completed, true",
    "relay.runs.completed, relay.runs.failed, false"
  })
  void coversWhatItWouldStore(String pattern, String wanted, boolean covers) {
    assertThat(SubjectPattern.covers(pattern, wanted)).isEqualTo(covers);
  }
}
