package io.sparkrelay.submitter.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.sparkrelay.submitter.submission.FieldError;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The 400 answer: every field that is wrong, with why. */
@RegisterForReflection
@Schema(name = "FieldErrors")
public record FieldErrors(List<FieldError> errors) {}
