package io.sparkrelay.bridge.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code relay_bridge_queue_messages{queue,state}}: the queue's and its dead-letter queue's depth
 * as SQS counts it, {@code state="visible"} (ApproximateNumberOfMessages: waiting to be received)
 * and {@code state="not-visible"} (ApproximateNumberOfMessagesNotVisible: received, not yet deleted
 * or back). Read every {@code relay.sqs.depth-refresh}; the dead-letter queue is the one the
 * queue's RedrivePolicy names. A queue's gauges appear with its first successful read and keep the
 * last one while SQS does not answer (the failure is logged).
 */
@ApplicationScoped
public class QueueDepth {

  private static final String VISIBLE = "visible";
  private static final String NOT_VISIBLE = "not-visible";

  private final SqsClient sqs;
  private final QueueTarget queue;
  private final MeterRegistry registry;
  private final ObjectMapper json;
  private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
  private final List<Gauge> gauges = new CopyOnWriteArrayList<>();
  private volatile DeadLetterQueue deadLetterQueue;
  private volatile String lastProblem;

  QueueDepth(SqsClient sqs, QueueTarget queue, MeterRegistry registry, ObjectMapper json) {
    this.sqs = sqs;
    this.queue = queue;
    this.registry = registry;
    this.json = json;
  }

  /** The queue named by the RedrivePolicy's deadLetterTargetArn, and its URL. */
  private record DeadLetterQueue(String arn, String name, String url) {}

  @Scheduled(
      every = "${relay.sqs.depth-refresh}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refresh() {
    try {
      Map<QueueAttributeName, String> attributes =
          sqs.getQueueAttributes(
                  b ->
                      b.queueUrl(queue.url())
                          .attributeNames(
                              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                              QueueAttributeName.REDRIVE_POLICY))
              .attributes();
      record(queue.name(), attributes);
      DeadLetterQueue dlq = deadLetterQueue(attributes.get(QueueAttributeName.REDRIVE_POLICY));
      if (dlq != null) {
        record(
            dlq.name(),
            sqs.getQueueAttributes(
                    b ->
                        b.queueUrl(dlq.url())
                            .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes());
      }
      lastProblem = null;
    } catch (RuntimeException | IOException e) {
      String problem = String.valueOf(e.getMessage());
      if (!problem.equals(lastProblem)) {
        // once per distinct problem: an unreachable SQS would otherwise log every refresh
        Log.warnf("queue depth not read (the gauges keep their last values): %s", problem);
        lastProblem = problem;
      }
    }
  }

  private void record(String queueName, Map<QueueAttributeName, String> attributes) {
    gauge(queueName, VISIBLE)
        .set(Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)));
    gauge(queueName, NOT_VISIBLE)
        .set(
            Long.parseLong(
                attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
  }

  private AtomicLong gauge(String queueName, String state) {
    return values.computeIfAbsent(
        queueName + " " + state,
        key -> {
          AtomicLong value = new AtomicLong();
          gauges.add(
              Gauge.builder("relay.bridge.queue.messages", value, AtomicLong::get)
                  .description(
                      "Messages in the SQS queue and its dead-letter queue: visible (waiting) or"
                          + " not-visible (received, not yet deleted)")
                  .tag("queue", queueName)
                  .tag("state", state)
                  .register(registry));
          return value;
        });
  }

  /**
   * The gauges read this bean: they go with it. A registry may outlive the application (the tests
   * start several in one JVM), and a gauge left behind would stand in for the next one's.
   */
  @PreDestroy
  void removeGauges() {
    gauges.forEach(registry::remove);
  }

  /**
   * The dead-letter queue of {@code redrivePolicy}; null: none. SQS keeps a dead-letter queue in
   * the account and region of its source queue, so its URL is the queue's with the other name (no
   * GetQueueUrl, no permission for it).
   */
  private DeadLetterQueue deadLetterQueue(String redrivePolicy) throws IOException {
    if (redrivePolicy == null || redrivePolicy.isBlank()) {
      return null;
    }
    JsonNode target = json.readTree(redrivePolicy).get("deadLetterTargetArn");
    if (target == null || !target.isTextual()) {
      return null;
    }
    String arn = target.asText();
    DeadLetterQueue known = deadLetterQueue;
    if (known != null && Objects.equals(known.arn(), arn)) {
      return known;
    }
    // arn:aws:sqs:<region>:<account>:<name>
    String[] parts = arn.split(":", 6);
    if (parts.length != 6) {
      throw new IOException("RedrivePolicy names no queue ARN: " + arn);
    }
    String own = queue.url();
    known =
        new DeadLetterQueue(arn, parts[5], own.substring(0, own.lastIndexOf('/') + 1) + parts[5]);
    deadLetterQueue = known;
    return known;
  }
}
