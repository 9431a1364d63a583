package io.sparkrelay.reporter.health;

import io.sparkrelay.reporter.config.ReporterConfig;
import io.sparkrelay.reporter.nats.NatsLink;
import io.sparkrelay.reporter.nats.RunBucket;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the run bucket can be reached (as last seen: a probe never waits on the server). */
@Readiness
@ApplicationScoped
public class BucketReadinessCheck implements HealthCheck {

  private final NatsLink link;
  private final RunBucket bucket;
  private final ReporterConfig config;

  BucketReadinessCheck(NatsLink link, RunBucket bucket, ReporterConfig config) {
    this.link = link;
    this.bucket = bucket;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("bucket")
        .status(link.isConnected() && bucket.lastSeenPresent())
        .withData("bucket", config.nats().bucket().name())
        .build();
  }
}
