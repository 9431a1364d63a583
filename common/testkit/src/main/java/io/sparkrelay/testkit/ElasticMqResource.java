package io.sparkrelay.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts ElasticMQ for a Quarkus test with a queue, its DLQ and a redrive policy, and points the
 * Quarkus SQS client and {@code relay.sqs.queue-url} at it. Init args: {@code queue} (default
 * {@code jobs}), {@code dlq} (default {@code <queue>-dlq}), {@code max-receive-count} (default 3),
 * {@code visibility-timeout} (seconds, default 30).
 */
public class ElasticMqResource implements QuarkusTestResourceLifecycleManager {

  private ElasticMqServer server;
  private String queue;
  private String dlq;
  private int maxReceiveCount;
  private int visibilityTimeout;
  private boolean throughOutageProxy;

  @Override
  public void init(Map<String, String> initArgs) {
    queue = initArgs.getOrDefault("queue", "jobs");
    dlq = initArgs.getOrDefault("dlq", queue + "-dlq");
    maxReceiveCount = Integer.parseInt(initArgs.getOrDefault("max-receive-count", "3"));
    visibilityTimeout = Integer.parseInt(initArgs.getOrDefault("visibility-timeout", "30"));
    throughOutageProxy = Boolean.parseBoolean(initArgs.getOrDefault("outage-proxy", "false"));
  }

  @Override
  public Map<String, String> start() {
    server = ElasticMqServer.started();
    String queueUrl = server.createQueueWithDlq(queue, dlq, maxReceiveCount, visibilityTimeout);
    Map<String, String> config = new HashMap<>();
    String endpoint =
        throughOutageProxy ? "http://127.0.0.1:" + server.outageProxy().port() : server.endpoint();
    config.put("quarkus.sqs.endpoint-override", endpoint);
    config.put("quarkus.sqs.aws.region", ElasticMqServer.REGION);
    config.put("quarkus.sqs.aws.credentials.type", "static");
    config.put("quarkus.sqs.aws.credentials.static-provider.access-key-id", "test");
    config.put("quarkus.sqs.aws.credentials.static-provider.secret-access-key", "test");
    config.put("relay.sqs.queue-url", queueUrl.replace(server.endpoint(), endpoint));
    return config;
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        server,
        new TestInjector.AnnotatedAndMatchesType(InjectElasticMq.class, ElasticMqServer.class));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
