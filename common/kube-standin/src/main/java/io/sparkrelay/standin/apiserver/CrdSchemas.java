package io.sparkrelay.standin.apiserver;

import java.util.List;
import java.util.Optional;

/** The custom resource kinds whose writes are admitted against their CRD schemas. */
public final class CrdSchemas {

  /** Files under {@code crd-schemas/}, one a kind; see the README.md there. */
  static final List<String> RELAY_KINDS =
      List.of(
          "crd-schemas/workflows.argoproj.io.json",
          "crd-schemas/workflowtemplates.argoproj.io.json",
          "crd-schemas/sparkapplications.sparkoperator.k8s.io.json");

  private final List<CrdSchema> kinds;

  private CrdSchemas(List<CrdSchema> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  /**
   * Workflow, WorkflowTemplate and SparkApplication, compiled once per JVM: compiling takes a
   * while, validating afterwards does not.
   */
  public static CrdSchemas relay() {
    return Relay.SCHEMAS;
  }

  public Optional<CrdSchema> find(String group, String version, String plural) {
    return kinds.stream()
        .filter(
            kind ->
                kind.group().equals(group)
                    && kind.version().equals(version)
                    && kind.plural().equals(plural))
        .findFirst();
  }

  public List<CrdSchema> all() {
    return kinds;
  }

  private static final class Relay {
    static final CrdSchemas SCHEMAS =
        new CrdSchemas(RELAY_KINDS.stream().map(CrdSchema::load).toList());
  }
}
