package io.sparkrelay.submitter.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.sparkrelay.common.nats.NatsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every setting of spark-submitter, each default declared here once (and listed in the README). */
@ConfigMapping(prefix = "relay")
public interface SubmitterConfig {

  /** The HTTP API. */
  Http http();

  /** Where job profiles come from. */
  Profiles profiles();

  /** What a SparkApplication may ask for. */
  Policy policy();

  /** How many unfinished applications a namespace may hold. */
  Admission admission();

  /** The JetStream connection for run lifecycle events. */
  Nats nats();

  /** Who may call the API. */
  Auth auth();

  /** The Workflows that call, against which every request is checked. */
  Workflows workflows();

  /** Bearer credentials of the API (health, metrics and OpenAPI stay open). */
  interface Auth {
    /**
     * The accepted credentials: the one the Workflow's http step sends and, during a rotation, the
     * next or previous one. A value may carry its {@code Bearer } prefix (a Secret holding the
     * whole Authorization header). No default: the service does not start without one.
     */
    List<String> credentials();
  }

  /** Where the calling Workflows run. */
  interface Workflows {
    /**
     * Namespace of the Argo Workflows whose submit-spark step calls (the chart's
     * argo.workflowNamespace).
     */
    @WithDefault("argo-workflows")
    String namespace();
  }

  /** Limits of the HTTP API. */
  interface Http {
    /**
     * Largest request body; a larger one is answered 413. Must stay below Quarkus' own {@code
     * quarkus.http.limits.max-body-size} (10M), whose refusal is malformed on HTTP/2.
     */
    @WithDefault("64K")
    MemorySize maxBodySize();
  }

  /** Job profile source. */
  interface Profiles {
    /** YAML file with the job profiles (a mounted ConfigMap); absent = the profiles in the jar. */
    Optional<String> file();
  }

  /** Policy rules applied to every SparkApplication before it is created. */
  interface Policy {
    /** Namespaces SparkApplications may be created in. */
    @WithDefault("spark-team-a")
    List<String> allowedNamespaces();

    /** Image references must start with one of these. */
    @WithDefault("public.ecr.aws/data-on-eks/,docker.io/library/spark:")
    List<String> allowedImagePrefixes();

    /** S3 locations (main file, files, S3 arguments) must start with one of these. */
    @WithDefault("s3://spark-relay-data/")
    List<String> allowedS3Prefixes();

    /** Largest executor count per application. */
    @WithDefault("10")
    int maxExecutors();

    /** Largest total of driver and executor cores per application. */
    @WithDefault("16")
    int maxCores();

    /** Largest total of driver and executor memory per application (Spark size, e.g. 32g). */
    @WithDefault("32g")
    String maxMemory();
  }

  /** Admission limit, counted from an informer on the SparkApplications this service created. */
  interface Admission {
    /**
     * Most non-terminal Spark Relay SparkApplications per namespace, 1 to 5,000 ({@code
     * AdmissionLedger.MAX_PLACES}: the ledger's entry for a namespace lists every place).
     */
    @WithDefault("20")
    int maxActivePerNamespace();

    /** Value of the Retry-After header when the limit is reached. */
    @WithDefault("30s")
    Duration retryAfter();

    /** Application states (status.applicationState.state) that no longer count. */
    @WithDefault("COMPLETED,FAILED")
    Set<String> terminalStates();
  }

  /**
   * The shared NATS settings; RELAY_RUNS is the stream this service ensures and publishes to. Only
   * the publish retries are this service's own.
   */
  interface Nats extends NatsSettings {
    /** Publish attempts per event before it is given up (and counted). */
    @WithDefault("5")
    int publishAttempts();

    /** Pause between publish attempts. */
    @WithDefault("2s")
    Duration publishRetryDelay();
  }
}
