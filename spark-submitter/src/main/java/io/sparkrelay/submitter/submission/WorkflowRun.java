package io.sparkrelay.submitter.submission;

/**
 * The run and the Workflow a request speaks for, both valid: the run id a label value, the workflow
 * a DNS-1123 label. Known even when the rest of the request is wrong.
 */
public record WorkflowRun(String runId, String workflow) {}
