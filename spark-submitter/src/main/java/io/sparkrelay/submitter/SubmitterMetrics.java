package io.sparkrelay.submitter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The service's own metrics; Prometheus names start with {@code relay_submitter_}. */
@ApplicationScoped
public class SubmitterMetrics {

  private final MeterRegistry registry;
  private final Timer createLatency;

  SubmitterMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.createLatency =
        Timer.builder("relay.submitter.create")
            .description("Time the Kubernetes API took to create a SparkApplication")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
  }

  /** One request answered; outcome is created, existing, conflict, invalid, refused, ... */
  public void submission(String outcome) {
    Counter.builder("relay.submitter.submissions")
        .description("Submission requests by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  public void policyRefusal(String rule) {
    Counter.builder("relay.submitter.policy.refusals")
        .description("Applications refused by the policy, by rule")
        .tag("rule", rule)
        .register(registry)
        .increment();
  }

  public void admissionRefusal(String namespace) {
    Counter.builder("relay.submitter.admission.refusals")
        .description("Requests refused because the namespace reached its admission limit")
        .tag("namespace", namespace)
        .register(registry)
        .increment();
  }

  /** One run event done with; event is spark-submitted or spark-refused. */
  public void eventPublished(String event, String outcome) {
    Counter.builder("relay.submitter.events")
        .description("Run events by event and outcome (published, duplicate, given-up)")
        .tag("event", event)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  public Timer createLatency() {
    return createLatency;
  }
}
