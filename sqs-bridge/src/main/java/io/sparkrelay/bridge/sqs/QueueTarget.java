package io.sparkrelay.bridge.sqs;

import io.sparkrelay.bridge.config.BridgeConfig;
import io.sparkrelay.contract.Subjects;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The queue the bridge drains. A configured URL is used as it is; a bare name is resolved once, the
 * first time SQS answers.
 */
@ApplicationScoped
public class QueueTarget {

  private final BridgeConfig config;
  private final SqsClient sqs;
  private volatile String url;

  QueueTarget(BridgeConfig config, SqsClient sqs) {
    this.config = config;
    this.sqs = sqs;
    this.url = config.sqs().queueUrl().filter(u -> !u.isBlank()).orElse(null);
    if (url == null && config.sqs().queueName().filter(n -> !n.isBlank()).isEmpty()) {
      throw new IllegalStateException("set relay.sqs.queue-url or relay.sqs.queue-name");
    }
  }

  /** The queue URL; asks SQS for it when only the name was configured. */
  public String url() {
    String resolved = url;
    if (resolved == null) {
      String name = config.sqs().queueName().orElseThrow();
      resolved = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
      url = resolved;
    }
    return resolved;
  }

  /** The queue name: the last segment of its URL. */
  public String name() {
    return config
        .sqs()
        .queueName()
        .filter(n -> !n.isBlank())
        .orElseGet(() -> url().substring(url().lastIndexOf('/') + 1));
  }

  /** The JetStream subject this queue's messages are published on. */
  public String subject() {
    return Subjects.SQS_EVENTS_PREFIX + "." + SubjectToken.of(name());
  }
}
