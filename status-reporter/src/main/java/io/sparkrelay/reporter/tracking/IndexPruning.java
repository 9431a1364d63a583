package io.sparkrelay.reporter.tracking;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.sparkrelay.reporter.config.ReporterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * The bucket's max age removes old runs without telling its watchers: once a minute the index drops
 * the runs last stored longer ago than that, so its memory follows the bucket's.
 */
@ApplicationScoped
public class IndexPruning {

  private final RunIndex index;
  private final Duration bucketMaxAge;

  IndexPruning(RunIndex index, ReporterConfig config) {
    this.index = index;
    this.bucketMaxAge = config.nats().bucket().maxAge();
  }

  @Scheduled(every = "1m")
  void pruneExpiredRuns() {
    int dropped = index.dropStoredBefore(Instant.now().minus(bucketMaxAge));
    if (dropped > 0) {
      Log.infof("%d runs older than the bucket's max age %s left the index", dropped, bucketMaxAge);
    }
  }
}
