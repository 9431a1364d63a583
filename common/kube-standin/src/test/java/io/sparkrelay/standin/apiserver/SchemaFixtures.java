package io.sparkrelay.standin.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The objects Spark Relay writes, built as its services build them (WorkflowRenderer,
 * SparkApplicationManifest, deploy/argo/workflowtemplate.yaml), and requests carrying them.
 */
final class SchemaFixtures {

  static final String WORKFLOWS = "/apis/argoproj.io/v1alpha1/namespaces/argo-workflows/workflows";
  static final String TEMPLATES =
      "/apis/argoproj.io/v1alpha1/namespaces/argo-workflows/workflowtemplates";
  static final String SPARK_APPLICATIONS =
      "/apis/sparkoperator.k8s.io/v1beta2/namespaces/spark-team-a/sparkapplications";

  private SchemaFixtures() {}

  /** What WorkflowRenderer makes of a rule "nightly-taxi" and an event with id "1a2b3c". */
  static GenericKubernetesResource workflow() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("spark-relay.io/run-id", "1a2b3c");
    labels.put("spark-relay.io/trigger", "nightly-taxi");
    labels.put("app.kubernetes.io/managed-by", "spark-relay");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("workflowTemplateRef", Map.of("name", "spark-relay-spark-job"));
    spec.put("serviceAccountName", "spark-relay-workflow");
    spec.put(
        "podMetadata",
        Map.of(
            "labels",
            Map.of("spark-relay.io/run-id", "1a2b3c", "spark-relay.io/trigger", "nightly-taxi")));
    spec.put(
        "arguments",
        Map.of(
            "parameters",
            List.of(
                parameter("run-id", "1a2b3c"),
                parameter("job", "taxi-trip"),
                parameter("input", "s3a://spark-relay-data/taxi-trip/input/"))));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("argoproj.io/v1alpha1")
        .withKind("Workflow")
        .withNewMetadata()
        .withName("nightly-taxi-1a2b3c")
        .withNamespace("argo-workflows")
        .withLabels(labels)
        .withAnnotations(Map.of("spark-relay.io/event-time", "2026-03-01T12:00:00Z"))
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }

  /** What SparkApplicationManifest makes of the taxi-trip profile of profiles.yaml. */
  static GenericKubernetesResource sparkApplication() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("spark-relay.io/scenario", "");
    labels.put("spark-relay.io/run-id", "1a2b3c");
    labels.put("spark-relay.io/workflow", "nightly-taxi-1a2b3c");
    labels.put("spark-relay.io/trigger", "nightly-taxi");
    labels.put("app.kubernetes.io/managed-by", "spark-relay");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", "Python");
    spec.put("pythonVersion", "3");
    spec.put("mode", "cluster");
    spec.put(
        "image", "public.ecr.aws/data-on-eks/spark3.3.1-hadoop3.2-aws-java-sdk-bundle-1.12.647");
    spec.put("imagePullPolicy", "IfNotPresent");
    spec.put("sparkVersion", "3.3.1");
    spec.put(
        "mainApplicationFile", "s3a://spark-relay-data/taxi-trip/scripts/pyspark-taxi-trip.py");
    spec.put(
        "arguments",
        List.of(
            "s3a://spark-relay-data/taxi-trip/input/", "s3a://spark-relay-data/taxi-trip/output/"));
    spec.put(
        "sparkConf",
        Map.of("spark.speculation", "false", "spark.hadoop.fs.s3a.connection.maximum", "200"));
    spec.put("hadoopConf", Map.of("mapreduce.fileoutputcommitter.algorithm.version", "2"));
    Map<String, Object> restart = new LinkedHashMap<>();
    restart.put("type", "OnFailure");
    restart.put("onFailureRetries", 3);
    restart.put("onFailureRetryInterval", 10);
    restart.put("onSubmissionFailureRetries", 5);
    restart.put("onSubmissionFailureRetryInterval", 20);
    spec.put("restartPolicy", restart);
    spec.put("timeToLiveSeconds", 600);
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("cores", 1);
    driver.put("coreLimit", "1200m");
    driver.put("memory", "512m");
    driver.put("serviceAccount", "spark-team-a");
    driver.put("labels", labels);
    spec.put("driver", driver);
    Map<String, Object> executor = new LinkedHashMap<>();
    executor.put("instances", 2);
    executor.put("cores", 1);
    executor.put("memory", "512m");
    executor.put("serviceAccount", "spark-team-a");
    executor.put("labels", labels);
    spec.put("executor", executor);
    GenericKubernetesResource application = new GenericKubernetesResource();
    application.setApiVersion("sparkoperator.k8s.io/v1beta2");
    application.setKind("SparkApplication");
    application.setMetadata(
        new ObjectMetaBuilder()
            .withName("nightly-taxi-1a2b3c-spark")
            .withNamespace("spark-team-a")
            .withLabels(labels)
            .build());
    application.setAdditionalProperty("spec", spec);
    return application;
  }

  /** deploy/argo/workflowtemplate.yaml, as KubernetesApiServerMain applies it. */
  static GenericKubernetesResource workflowTemplate() {
    try {
      String yaml = Files.readString(Path.of("../../deploy/argo/workflowtemplate.yaml"));
      return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String json(GenericKubernetesResource resource) {
    return Serialization.asJson(resource);
  }

  /** {@code resource} as JSON, changed by {@code change} (on fabric8's Jackson tree). */
  static String edited(GenericKubernetesResource resource, Consumer<ObjectNode> change) {
    ObjectNode tree = Serialization.jsonMapper().valueToTree(resource);
    change.accept(tree);
    return tree.toString();
  }

  static ObjectNode at(ObjectNode tree, String pointer) {
    return (ObjectNode) tree.at(pointer);
  }

  static RecordedRequest request(HttpMethod method, String path, String contentType, String body) {
    Headers.Builder headers = Headers.builder();
    if (contentType != null) {
      headers.add("Content-Type", contentType);
    }
    return new RecordedRequest(
        "HTTP/1.1",
        method,
        path,
        headers.build(),
        new Buffer(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
  }

  static RecordedRequest create(String collection, String body) {
    return request(HttpMethod.POST, collection, "application/json", body);
  }

  private static Map<String, String> parameter(String name, String value) {
    Map<String, String> parameter = new LinkedHashMap<>();
    parameter.put("name", name);
    parameter.put("value", value);
    return parameter;
  }
}
