package io.sparkrelay.testkit;

import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ, a real SQS-protocol server, embedded on a free loopback port, with a client to set up
 * queues and look at them. {@link #stop()} and {@link #start()} take it away and bring it back on
 * the same port (queues do not survive: ElasticMQ keeps them in memory).
 */
public final class ElasticMqServer implements AutoCloseable {

  /** The account id ElasticMQ puts in every queue ARN. */
  public static final String ACCOUNT = "000000000000";

  public static final String REGION = "us-east-1";

  private final int port;
  private SQSRestServer server;
  private SqsClient client;
  private OutageProxy outageProxy;

  private ElasticMqServer(int port) {
    this.port = port;
  }

  public static ElasticMqServer started() {
    ElasticMqServer server = new ElasticMqServer(NatsServerProcess.freePort());
    server.start();
    return server;
  }

  public synchronized void start() {
    if (server != null) {
      return;
    }
    server =
        SQSRestServerBuilder.withInterface("127.0.0.1")
            .withPort(port)
            .withAWSRegion(REGION)
            .start();
    server.waitUntilStarted();
  }

  public synchronized void stop() {
    if (server != null) {
      server.stopAndWait();
      server = null;
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * A proxy in front of this server, for the code under test to use when a test wants to make SQS
   * unreachable for a while without losing the queues. The test's own {@link #client()} bypasses
   * it.
   */
  public synchronized OutageProxy outageProxy() {
    if (outageProxy == null) {
      outageProxy = OutageProxy.to(port);
    }
    return outageProxy;
  }

  /** A client for the tests' own sends and looks; the code under test builds its own. */
  public synchronized SqsClient client() {
    if (client == null) {
      client =
          SqsClient.builder()
              .endpointOverride(URI.create(endpoint()))
              .region(Region.of(REGION))
              .credentialsProvider(
                  StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              .build();
    }
    return client;
  }

  /**
   * Creates {@code queue} and its dead-letter queue {@code dlq}; after {@code maxReceiveCount}
   * receives without a delete, a message moves to the DLQ. Returns the queue URL.
   */
  public String createQueueWithDlq(
      String queue, String dlq, int maxReceiveCount, int visibilityTimeoutSeconds) {
    client().createQueue(b -> b.queueName(dlq));
    String redrive =
        "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":\"%d\"}"
            .formatted(arn(dlq), maxReceiveCount);
    return client()
        .createQueue(
            b ->
                b.queueName(queue)
                    .attributes(
                        Map.of(
                            QueueAttributeName.REDRIVE_POLICY,
                            redrive,
                            QueueAttributeName.VISIBILITY_TIMEOUT,
                            String.valueOf(visibilityTimeoutSeconds))))
        .queueUrl();
  }

  public String queueUrl(String queue) {
    return client().getQueueUrl(b -> b.queueName(queue)).queueUrl();
  }

  public static String arn(String queue) {
    return "arn:aws:sqs:elasticmq:" + ACCOUNT + ":" + queue;
  }

  /** Visible plus in-flight messages, as SQS counts them. */
  public int approximateCount(String queue) {
    Map<QueueAttributeName, String> attributes =
        client()
            .getQueueAttributes(
                b ->
                    b.queueUrl(queueUrl(queue))
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(
            attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  @Override
  public synchronized void close() {
    if (outageProxy != null) {
      outageProxy.close();
    }
    if (client != null) {
      client.close();
      client = null;
    }
    stop();
  }
}
