package io.sparkrelay.submitter.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A 404, 409, 413, 422, 429 or 503 answer. */
@RegisterForReflection
@Schema(name = "ErrorMessage")
public record ErrorMessage(String message) {}
