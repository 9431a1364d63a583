package io.sparkrelay.reporter.health;

import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.reporter.nats.RunBucket;
import io.sparkrelay.reporter.tracking.RunIndex;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the run bucket can be reached (as last seen: a probe never waits on the server), once
 * its runs have all been read into the index since the start: before that, lists would be short.
 */
@Readiness
@ApplicationScoped
public class BucketReadinessCheck implements HealthCheck {

  private final NatsConnection nats;
  private final RunBucket bucket;
  private final RunIndex index;

  BucketReadinessCheck(NatsConnection nats, RunBucket bucket, RunIndex index) {
    this.nats = nats;
    this.bucket = bucket;
    this.index = index;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("bucket")
        .status(nats.isConnected() && bucket.lastSeenPresent() && index.replayed())
        .withData("bucket", bucket.name())
        .withData("runs", index.size())
        .withData("replayed", index.replayed())
        .build();
  }
}
