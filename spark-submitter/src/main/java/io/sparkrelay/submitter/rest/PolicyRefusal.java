package io.sparkrelay.submitter.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The 403 answer: which policy rule refused, and why. */
@Schema(name = "PolicyRefusal")
public record PolicyRefusal(@Schema(examples = "max-executors") String rule, String message) {}
