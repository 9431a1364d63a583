package io.sparkrelay.submitter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.submitter.kube.ActiveApplicationIndex;
import io.sparkrelay.submitter.submission.AdmissionGate;
import io.sparkrelay.testkit.InjectKubernetesApi;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.JetStreamProbe;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service as the workflow's Spark step sees it, against a mock API server and nats-server. */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
class SparkApplicationApiTest {

  private static final String API = "/api/v1/spark-applications";

  /** The 503's message for a new submission in spark-team-a while NATS is away. */
  static final String NATS_AWAY =
      "the admission limit of spark-team-a cannot be checked across replicas now (admission"
          + " bucket relay-admission not usable: NATS not connected); try again later";

  private static final List<String> NAMESPACES = List.of("spark-team-a", "spark-team-b");

  @InjectNatsServer NatsServerProcess nats;
  @InjectKubernetesApi KubernetesApiStandIn api;
  @Inject KubernetesClient client;
  @Inject AdmissionGate admission;
  @Inject ActiveApplicationIndex index;

  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void noApplicationsLeft() {
    for (String namespace : NAMESPACES) {
      applications(namespace).forEach(app -> apps(namespace).resource(app).delete());
      await().until(() -> admission.unfinished(namespace) == 0);
    }
  }

  @Test
  void taxiTripProfileBecomesTheBlueprintsJobWithRelayLabels() {
    String runId = runId();
    post(request(runId, "taxi-1a2b3c4d5e", "taxi-trip"))
        .statusCode(201)
        .body("name", equalTo("taxi-1a2b3c4d5e-spark"))
        .body("namespace", equalTo("spark-team-a"))
        .body("state", equalTo(""));

    Map<String, Object> spec = spec(stored("spark-team-a", "taxi-1a2b3c4d5e-spark"));
    assertThat(spec)
        .containsEntry("type", "Python")
        .containsEntry(
            "mainApplicationFile", "s3a://spark-relay-data/taxi-trip/scripts/pyspark-taxi-trip.py")
        .containsEntry(
            "arguments",
            List.of(
                "s3a://spark-relay-data/taxi-trip/input/",
                "s3a://spark-relay-data/taxi-trip/output/"));
    assertThat(map(spec, "hadoopConf"))
        .containsEntry(
            "fs.s3a.aws.credentials.provider",
            "com.amazonaws.auth.WebIdentityTokenCredentialsProvider");
    assertThat(map(spec, "sparkConf"))
        .containsEntry("spark.eventLog.enabled", "true")
        .containsEntry("spark.eventLog.dir", "s3a://spark-relay-data/spark-event-logs");
    Map<String, String> labels =
        Map.of(
            "spark-relay.io/run-id", runId,
            "spark-relay.io/workflow", "taxi-1a2b3c4d5e",
            "spark-relay.io/trigger", "taxi",
            "app.kubernetes.io/managed-by", "spark-relay");
    assertThat(stored("spark-team-a", "taxi-1a2b3c4d5e-spark").getMetadata().getLabels())
        .isEqualTo(labels);
    assertThat(map(spec, "driver")).containsEntry("labels", labels);
    assertThat(map(spec, "executor")).containsEntry("labels", labels);
  }

  @Test
  void piProfileGetsTheBlueprintDefaults() {
    post(request(runId(), "pi-0011223344", "pi")).statusCode(201);

    Map<String, Object> spec = spec(stored("spark-team-a", "pi-0011223344-spark"));
    assertThat(spec)
        .containsEntry("mainApplicationFile", "local:///opt/spark/examples/src/main/python/pi.py")
        .containsEntry("timeToLiveSeconds", 300)
        .doesNotContainKey("arguments");
    assertThat(map(spec, "driver")).containsEntry("cores", 1).containsEntry("memory", "512m");
    assertThat(map(spec, "executor"))
        .containsEntry("instances", 2)
        .containsEntry("cores", 1)
        .containsEntry("memory", "512m");
    assertThat(map(spec, "restartPolicy"))
        .containsEntry("type", "OnFailure")
        .containsEntry("onFailureRetries", 3);
  }

  @Test
  void overridesWithinPolicyAreApplied() {
    Map<String, Object> body = request(runId(), "taxi-5566778899", "taxi-trip");
    body.put("namespace", "spark-team-b");
    body.put("arguments", List.of("s3://spark-relay-data/mine/in/", ""));
    body.put("executors", "3"); // as an Argo parameter arrives
    body.put("executorCores", 1);
    body.put("executorMemory", "768m");
    body.put("driverMemory", "1g");
    body.put("labels", Map.of("spark-relay.io/scenario", "oom"));

    post(body).statusCode(201).body("namespace", equalTo("spark-team-b"));

    GenericKubernetesResource app = stored("spark-team-b", "taxi-5566778899-spark");
    Map<String, Object> spec = spec(app);
    assertThat(spec)
        .containsEntry(
            "arguments",
            List.of("s3://spark-relay-data/mine/in/", "s3a://spark-relay-data/taxi-trip/output/"));
    assertThat(map(spec, "executor")).containsEntry("instances", 3).containsEntry("memory", "768m");
    assertThat(map(spec, "driver")).containsEntry("memory", "1g");
    assertThat(app.getMetadata().getLabels()).containsEntry("spark-relay.io/scenario", "oom");
    assertThat(labelsOf(map(spec, "driver"))).containsEntry("spark-relay.io/scenario", "oom");
  }

  @Test
  void sameRequestTwiceMakesOneApplicationAndAnotherRunGetsAConflict() {
    Map<String, Object> body = request(runId(), "taxi-aabbccddee", "taxi-trip");

    post(body).statusCode(201).body("name", equalTo("taxi-aabbccddee-spark"));
    post(body).statusCode(200).body("name", equalTo("taxi-aabbccddee-spark"));

    assertThat(applications("spark-team-a")).hasSize(1);
    post(request(runId(), "taxi-aabbccddee", "taxi-trip"))
        .statusCode(409)
        .body("message", containsString("belongs to run " + body.get("runId")));
    assertThat(applications("spark-team-a")).hasSize(1);
  }

  @Test
  void eachPolicyRuleRefusesNamingItselfAndNothingIsCreated() {
    assertRefused(with("namespace", "kube-system"), "allowed-namespaces", "'kube-system'");
    assertRefused(
        with("arguments", List.of("s3a://other-bucket/in/")),
        "allowed-s3-prefixes",
        "s3a://other-bucket/in/");
    assertRefused(with("executors", 5), "max-executors", "5 executors asked, at most 4");
    assertRefused(
        with("executorCores", 4), "max-cores", "9 cores in total (driver 1 + 2 executors x 4)");
    assertRefused(with("executorMemory", "2g"), "max-memory", "at most 4g");

    assertThat(applications("spark-team-a")).isEmpty();
    given()
        .get("/q/metrics")
        .then()
        .body(containsString("relay_submitter_policy_refusals_total{rule=\"max-executors\"}"));
  }

  @Test
  void admissionLimitAnswers429UntilAnApplicationFinishes() {
    for (int i = 0; i < 3; i++) {
      post(request(runId(), "busy-" + i, "pi")).statusCode(201);
    }
    Map<String, Object> fourth = request(runId(), "busy-3", "pi");
    post(fourth)
        .statusCode(429)
        .header("Retry-After", "7")
        .body("message", containsString("spark-team-a"));
    assertThat(applications("spark-team-a")).hasSize(3);

    setState("spark-team-a", "busy-0-spark", "RUNNING");
    await().until(() -> "RUNNING".equals(stateSeenByApi("busy-0-spark")));
    post(fourth).statusCode(429);

    setState("spark-team-a", "busy-1-spark", "COMPLETED");
    await().atMost(Duration.ofSeconds(10)).until(() -> admission.unfinished("spark-team-a") == 2);
    post(fourth).statusCode(201).body("name", equalTo("busy-3-spark"));
    // a retry of an existing run is answered even at the limit
    post(fourth).statusCode(200);
  }

  @Test
  void invalidRequestsAreAnsweredWithFieldErrors() {
    given()
        .header("Authorization", TestWorkflows.bearer())
        .contentType(ContentType.JSON)
        .body("{\"runId\": \"r\", ")
        .post(API)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("body"))
        .body("errors[0].message", containsString("malformed JSON"));
    post(request(runId(), "wf-1", "word-count"))
        .statusCode(400)
        .body("errors[0].field", equalTo("profile"))
        .body("errors[0].message", equalTo("unknown profile 'word-count'; known: [pi, taxi-trip]"));
    Map<String, Object> noRun = request("", "wf-1", "pi");
    noRun.remove("workflow");
    noRun.put("executors", "many");
    post(noRun)
        .statusCode(400)
        .body("errors.field", hasItems("runId", "workflow", "executors"))
        .body("errors.find { it.field == 'runId' }.message", equalTo("is required"));

    assertThat(applications("spark-team-a")).isEmpty();
  }

  @Test
  void getAnswersTheApplicationStateEmptyUntilTheOperatorReports() {
    post(request(runId(), "state-0123456789", "pi")).statusCode(201);

    given()
        .header("Authorization", TestWorkflows.bearer())
        .get(API + "/spark-team-a/state-0123456789-spark")
        .then()
        .statusCode(200)
        .body("state", equalTo(""));
    setState("spark-team-a", "state-0123456789-spark", "RUNNING");
    given()
        .header("Authorization", TestWorkflows.bearer())
        .get(API + "/spark-team-a/state-0123456789-spark")
        .then()
        .statusCode(200)
        .body("state", equalTo("RUNNING"));
    given()
        .header("Authorization", TestWorkflows.bearer())
        .get(API + "/spark-team-a/nothing-here")
        .then()
        .statusCode(404);
  }

  @Test
  void sparkSubmittedEventArrivesOnRelayRunsOnceEvenWhenAskedTwice() throws Exception {
    String runId = runId();
    Map<String, Object> body = request(runId, "event-0123456789", "pi");
    double duplicatesBefore = submittedEvents("duplicate");
    double publishedBefore = submittedEvents("published");
    post(body).statusCode(201);
    post(body).statusCode(200);

    // the 200 answer sent the event again: once JetStream has acknowledged both sends, the second
    // as a duplicate, the stream holds the event once
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                submittedEvents("published") == publishedBefore + 1
                    && submittedEvents("duplicate") == duplicatesBefore + 1);
    JetStreamProbe probe = new JetStreamProbe(nats.url());
    String id = runId + ":spark-submitted:event-0123456789-spark";
    assertThat(eventsWithId(probe, id)).hasSize(1);

    JsonNode event = json.readTree(eventsWithId(probe, id).get(0).data());
    assertThat(event.get("specversion").asText()).isEqualTo("1.0");
    assertThat(event.get("type").asText()).isEqualTo("io.spark-relay.run.spark-submitted");
    assertThat(event.get("source").asText()).isEqualTo("spark-relay/spark-submitter");
    assertThat(event.get("id").asText()).isEqualTo(id);
    JsonNode data = event.get("data");
    assertThat(data.get("runId").asText()).isEqualTo(runId);
    assertThat(data.at("/workflow/name").asText()).isEqualTo("event-0123456789");
    assertThat(data.at("/workflow/namespace").asText()).isEqualTo(TestWorkflows.NAMESPACE);
    assertThat(data.at("/application/name").asText()).isEqualTo("event-0123456789-spark");
    assertThat(data.at("/application/namespace").asText()).isEqualTo("spark-team-a");
  }

  @Test
  void withNatsDownANewCreateIsRetryLaterAnExistingOneStillAnswersAndTheEventFollows() {
    JetStreamProbe probe = new JetStreamProbe(nats.url());
    String runId = runId();
    Map<String, Object> existing = request(runId(), "before-0123456789", "pi");
    post(existing).statusCode(201);
    await().until(() -> index.find("spark-team-a", "before-0123456789-spark").isPresent());
    Map<String, Object> body = request(runId, "nats-0123456789", "pi");
    nats.stop();
    try {
      await().until(() -> given().get("/q/health/ready").statusCode() == 503);
      // the limit cannot be checked across replicas: nothing is created unchecked
      post(body).statusCode(503).header("Retry-After", "5").body("message", equalTo(NATS_AWAY));
      assertThat(applications("spark-team-a"))
          .extracting(app -> app.getMetadata().getName())
          .containsExactly("before-0123456789-spark");
      // a retry of a step whose application exists is answered from the informer, NATS or not
      post(existing).statusCode(200);
    } finally {
      nats.start();
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> given().get("/q/health/ready").statusCode() == 200);
    // Argo retries the 503; the retry creates, and its event is on RELAY_RUNS
    post(body).statusCode(201);
    await()
        .until(
            () ->
                eventsWithId(probe, runId + ":spark-submitted:nats-0123456789-spark").size() == 1);
    assertThat(admission.unfinished("spark-team-a")).isEqualTo(2);
  }

  @Test
  void kubernetesApiOutageIsAnsweredRetryLaterAndTheRetryCreates() {
    // the first try and the client's three retries
    failCreates(4, 500, "etcd timeout");
    Map<String, Object> body = request(runId(), "flaky-0123456789", "pi");

    post(body).statusCode(503).header("Retry-After", "5");
    assertThat(applications("spark-team-a")).isEmpty();
    post(body).statusCode(201);
    assertThat(admission.unfinished("spark-team-a")).isEqualTo(1);
  }

  @Test
  void kubernetesApiRefusalIsAnsweredAsUnprocessable() {
    failCreates(1, 422, "admission webhook denied the request");

    post(request(runId(), "denied-0123456789", "pi"))
        .statusCode(422)
        .body("message", containsString("admission webhook denied the request"));
    assertThat(admission.unfinished("spark-team-a")).isZero();
  }

  @Test
  void readinessNamesKubernetesAndNatsAndOpenApiIsServed() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.name", hasItems("kubernetes-api", "nats"));
    given().get("/q/openapi").then().statusCode(200).body(containsString(API));
    post(request(runId(), "metrics-0123456789", "pi")).statusCode(201);
    given()
        .get("/q/metrics")
        .then()
        .body(containsString("relay_submitter_submissions_total{outcome=\"created\"}"))
        .body(containsString("relay_submitter_create_seconds_count"));
  }

  // --- helpers ---

  private void assertRefused(Map<String, Object> body, String rule, String messagePart) {
    post(body)
        .statusCode(403)
        .body("rule", equalTo(rule))
        .body("message", containsString(messagePart));
  }

  private void failCreates(int times, int code, String message) {
    api.server()
        .expect()
        .post()
        .withPath("/apis/sparkoperator.k8s.io/v1beta2/namespaces/spark-team-a/sparkapplications")
        .andReturn(
            code,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":"
                + code
                + ",\"message\":\""
                + message
                + "\"}")
        .times(times);
  }

  private static Map<String, Object> with(String field, Object value) {
    Map<String, Object> body = request(runId(), "refused-0123456789", "taxi-trip");
    body.put(field, value);
    return body;
  }

  private static Map<String, Object> request(String runId, String workflow, String profile) {
    Map<String, Object> body = new HashMap<>();
    body.put("runId", runId);
    body.put("workflow", workflow);
    body.put("step", "submit-spark");
    body.put("profile", profile);
    body.put("trigger", "taxi");
    return body;
  }

  private static String runId() {
    return UUID.randomUUID().toString();
  }

  /** Sends {@code body} with the credential, as the step of the Workflow it names. */
  private ValidatableResponse post(Map<String, Object> body) {
    TestWorkflows.putMatching(client, body);
    return given()
        .header("Authorization", TestWorkflows.bearer())
        .contentType(ContentType.JSON)
        .body(body)
        .post(API)
        .then();
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
      apps(String namespace) {
    return client
        .genericKubernetesResources(KubeResources.context(CustomResources.SPARK_APPLICATION))
        .inNamespace(namespace);
  }

  private List<GenericKubernetesResource> applications(String namespace) {
    return apps(namespace).list().getItems();
  }

  private GenericKubernetesResource stored(String namespace, String name) {
    GenericKubernetesResource app = apps(namespace).withName(name).get();
    assertThat(app).as("SparkApplication %s/%s", namespace, name).isNotNull();
    return app;
  }

  private void setState(String namespace, String name, String state) {
    GenericKubernetesResource app = stored(namespace, name);
    app.setAdditionalProperty("status", Map.of("applicationState", Map.of("state", state)));
    apps(namespace).resource(app).updateStatus();
  }

  private String stateSeenByApi(String name) {
    return given()
        .header("Authorization", TestWorkflows.bearer())
        .get(API + "/spark-team-a/" + name)
        .then()
        .extract()
        .path("state");
  }

  private static List<JetStreamProbe.StoredMessage> eventsWithId(JetStreamProbe probe, String id) {
    return probe.messages("RELAY_RUNS", "relay.runs.spark-submitted").stream()
        .filter(m -> id.equals(m.messageId()))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource app) {
    return (Map<String, Object>) app.getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> labelsOf(Map<String, Object> podSpec) {
    return (Map<String, String>) podSpec.get("labels");
  }

  /** relay_submitter_events_total of spark-submitted events with {@code outcome}. */
  private static double submittedEvents(String outcome) {
    return MetricsProbe.value(
        "relay_submitter_events_total", "event=\"spark-submitted\"", "outcome=\"" + outcome + "\"");
  }
}
