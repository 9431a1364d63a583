package io.sparkrelay.submitter.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The 403 answer: which policy rule refused, and why. */
@RegisterForReflection
@Schema(name = "PolicyRefusal")
public record PolicyRefusal(@Schema(examples = "max-executors") String rule, String message) {}
