package io.sparkrelay.submitter.submission;

/** What is wrong with one field of a request; {@code field} is the JSON name. */
public record FieldError(String field, String message) {}
