package io.sparkrelay.bridge.health;

import io.sparkrelay.bridge.sqs.QueueTarget;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Ready only while SQS answers for the queue. */
@Readiness
@ApplicationScoped
public class SqsReadinessCheck implements HealthCheck {

  private final SqsClient sqs;
  private final QueueTarget queue;

  SqsReadinessCheck(SqsClient sqs, QueueTarget queue) {
    this.sqs = sqs;
    this.queue = queue;
  }

  @Override
  public HealthCheckResponse call() {
    try {
      String url = queue.url();
      String depth =
          sqs.getQueueAttributes(
                  b ->
                      b.queueUrl(url)
                          .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
              .attributes()
              .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
      return HealthCheckResponse.named("sqs")
          .up()
          .withData("queue", url)
          .withData("approximateMessages", depth)
          .build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("sqs").down().withData("error", e.getMessage()).build();
    }
  }
}
