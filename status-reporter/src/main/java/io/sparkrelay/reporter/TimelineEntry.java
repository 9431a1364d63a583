package io.sparkrelay.reporter;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;

/** A stage of a run, when it was reached and how long the run stayed in it (null for the last). */
@RegisterForReflection
public record TimelineEntry(Stage stage, Instant at, Duration duration) {}
