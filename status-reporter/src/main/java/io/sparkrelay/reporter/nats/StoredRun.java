package io.sparkrelay.reporter.nats;

import io.sparkrelay.reporter.RunState;

/** A run as stored in the bucket, with the revision a conditional update must name. */
public record StoredRun(RunState state, long revision) {}
