package io.sparkrelay.reporter.rest;

import io.sparkrelay.reporter.tracking.RunSummary;
import java.util.List;

/** One page of {@code GET /api/v1/runs}. */
public record RunPage(List<RunSummary> items, int page, int size, int total) {}
