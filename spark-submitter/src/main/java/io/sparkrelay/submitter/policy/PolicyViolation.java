package io.sparkrelay.submitter.policy;

/** Why the policy refuses an application: the rule and a sentence a caller can act on. */
public record PolicyViolation(PolicyRule rule, String message) {}
