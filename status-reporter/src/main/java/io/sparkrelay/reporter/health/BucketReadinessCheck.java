package io.sparkrelay.reporter.health;

import io.sparkrelay.reporter.config.ReporterConfig;
import io.sparkrelay.reporter.nats.NatsLink;
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

  private final NatsLink link;
  private final RunBucket bucket;
  private final ReporterConfig config;
  private final RunIndex index;

  BucketReadinessCheck(NatsLink link, RunBucket bucket, ReporterConfig config, RunIndex index) {
    this.link = link;
    this.bucket = bucket;
    this.config = config;
    this.index = index;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("bucket")
        .status(link.isConnected() && bucket.lastSeenPresent() && index.replayed())
        .withData("bucket", config.nats().bucket().name())
        .withData("runs", index.size())
        .withData("replayed", index.replayed())
        .build();
  }
}
