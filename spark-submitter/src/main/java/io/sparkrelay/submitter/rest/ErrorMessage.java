package io.sparkrelay.submitter.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A 404, 409, 429 or 503 answer. */
@Schema(name = "ErrorMessage")
public record ErrorMessage(String message) {}
