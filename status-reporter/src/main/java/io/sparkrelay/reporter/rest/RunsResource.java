package io.sparkrelay.reporter.rest;

import io.nats.client.JetStreamApiException;
import io.sparkrelay.reporter.Stage;
import io.sparkrelay.reporter.config.ReporterConfig;
import io.sparkrelay.reporter.tracking.RunIndex;
import io.sparkrelay.reporter.tracking.RunSummary;
import io.sparkrelay.reporter.tracking.RunTracker;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Runs as users ask for them: a filtered, paged list, counts per state, a live stream of changes,
 * and one run in full. Everything here is read-only.
 */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

  private final RunIndex index;
  private final RunTracker tracker;
  private final ReporterConfig config;

  RunsResource(RunIndex index, RunTracker tracker, ReporterConfig config) {
    this.index = index;
    this.tracker = tracker;
    this.config = config;
  }

  /**
   * Runs newest first; {@code state} is a stage name, {@code reason} the end's reason label (e.g.
   * {@code body-not-object}: every dead letter of one kind), {@code q} a MessageId, Workflow name
   * or SparkApplication name, {@code page} counts from 0.
   */
  @GET
  public RunPage list(
      @QueryParam("state") String state,
      @QueryParam("trigger") String trigger,
      @QueryParam("reason") String reason,
      @QueryParam("q") String query,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    int pageNumber = whole("page", page, 0);
    int pageSize = whole("size", size, config.api().defaultPageSize());
    if (pageNumber < 0 || pageSize < 1 || pageSize > config.api().maxPageSize()) {
      throw new BadRequestException(
          "page must be >= 0 and size between 1 and " + config.api().maxPageSize());
    }
    Predicate<RunSummary> filter = RunIndex.ALL;
    String wanted = state == null || state.isBlank() ? null : stage(state).name();
    if (trigger != null && !trigger.isBlank()) {
      filter = and(filter, run -> trigger.equals(run.trigger()));
    }
    if (reason != null && !reason.isBlank()) {
      String label = reason.strip();
      filter = and(filter, run -> label.equals(run.reason()));
    }
    if (query != null && !query.isBlank()) {
      filter = and(filter, RunIndex.named(query.strip()));
    }
    RunIndex.Page found = index.page(wanted, filter, pageNumber, pageSize);
    return new RunPage(found.items(), pageNumber, pageSize, found.total());
  }

  /** Runs per state first seen in the last {@code minutes} (default 60, at most a week). */
  @GET
  @Path("/counts")
  public RunCounts counts(@QueryParam("minutes") String minutes) {
    int window = whole("minutes", minutes, 60);
    if (window < 1 || window > 7 * 24 * 60) {
      throw new BadRequestException("minutes must be between 1 and " + 7 * 24 * 60);
    }
    return new RunCounts(
        window, index.countsSince(Instant.now().minus(Duration.ofMinutes(window))));
  }

  @GET
  @Path("/{runId}")
  public RunDetails get(@PathParam("runId") String runId) {
    try {
      return tracker
          .find(runId)
          .map(RunDetails::of)
          .orElseThrow(() -> new NotFoundException("no run " + runId));
    } catch (IOException | JetStreamApiException | IllegalStateException e) {
      throw new ServiceUnavailableException("run store unreachable: " + e.getMessage());
    }
  }

  /** {@code more} after {@code filter}; {@link RunIndex#ALL} stays recognisable when alone. */
  private static Predicate<RunSummary> and(
      Predicate<RunSummary> filter, Predicate<RunSummary> more) {
    return filter == RunIndex.ALL ? more : filter.and(more);
  }

  /** A query parameter that must be a whole number, {@code fallback} when absent. */
  private static int whole(String name, String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new BadRequestException(name + " must be a whole number");
    }
  }

  private static Stage stage(String value) {
    try {
      return Stage.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "unknown state; one of " + java.util.Arrays.toString(Stage.values()));
    }
  }
}
