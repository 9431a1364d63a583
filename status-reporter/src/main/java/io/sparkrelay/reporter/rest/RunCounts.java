package io.sparkrelay.reporter.rest;

import java.util.Map;

/** The answer of {@code GET /api/v1/runs/counts}: runs per state first seen in the window. */
public record RunCounts(int minutes, Map<String, Integer> states) {}
