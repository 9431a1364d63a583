package io.sparkrelay.submitter.policy;

/** The policy rules; {@link #id()} is what a refusal and the refusal metric name. */
public enum PolicyRule {
  ALLOWED_NAMESPACES("allowed-namespaces"),
  ALLOWED_IMAGES("allowed-images"),
  ALLOWED_S3_PREFIXES("allowed-s3-prefixes"),
  WRITABLE_PREFIXES("writable-prefixes"),
  PROTECTED_PREFIXES("protected-prefixes"),
  MAX_EXECUTORS("max-executors"),
  MAX_CORES("max-cores"),
  MAX_MEMORY("max-memory");

  private final String id;

  PolicyRule(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
