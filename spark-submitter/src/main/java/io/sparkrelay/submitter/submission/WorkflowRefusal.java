package io.sparkrelay.submitter.submission;

/**
 * The request does not speak for the Workflow it names: which check failed ({@code rule}) and why.
 */
public record WorkflowRefusal(String rule, String message) {}
