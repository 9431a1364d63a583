package io.sparkrelay.submitter.submission;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What is wrong with one field of a request; {@code field} is the JSON name. */
@RegisterForReflection
public record FieldError(String field, String message) {}
