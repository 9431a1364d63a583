package io.sparkrelay.submitter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.submitter.kube.SparkApplications;
import io.sparkrelay.submitter.submission.AdmissionGate;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.JetStreamProbe;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15, finding 1: only a caller with the credential, speaking for the running Workflow it
 * names, gets a SparkApplication; nobody can take over another run's application.
 */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
class CallerAndWorkflowCheckTest {

  private static final String API = "/api/v1/spark-applications";

  @InjectNatsServer NatsServerProcess nats;
  @Inject KubernetesClient client;
  @Inject AdmissionGate admission;

  @BeforeEach
  void noApplicationsLeft() {
    var apps =
        client
            .genericKubernetesResources(KubeResources.context(CustomResources.SPARK_APPLICATION))
            .inNamespace("spark-team-a");
    apps.list().getItems().forEach(app -> apps.resource(app).delete());
    await().until(() -> admission.unfinished("spark-team-a") == 0);
  }

  // --- the credential ---

  @Test
  void withoutACredentialTheAnswerIs401AndNothingIsCreated() {
    Map<String, Object> body = request(runId(), "anon-0123456789");
    TestWorkflows.putMatching(client, body);

    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post(API)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer realm=\"spark-submitter\"")
        .contentType(ContentType.JSON)
        .body("message", equalTo("missing credential: send Authorization: Bearer <credential>"));
    assertThat(application("anon-0123456789-spark")).isNull();
    given().get(API + "/spark-team-a/anon-0123456789-spark").then().statusCode(401);
  }

  @Test
  void aWrongCredentialIs401() {
    Map<String, Object> body = request(runId(), "wrong-0123456789");
    TestWorkflows.putMatching(client, body);

    send("Bearer not-the-credential", body)
        .statusCode(401)
        .body("message", equalTo("credential not accepted"));
    send("Bearer " + TestWorkflows.CREDENTIAL + "x", body)
        .statusCode(401)
        .body("message", equalTo("credential not accepted"));
    send(TestWorkflows.CREDENTIAL, body)
        .statusCode(401)
        .body("message", equalTo("the Authorization header must use the Bearer scheme"));
    send("Basic " + TestWorkflows.CREDENTIAL, body)
        .statusCode(401)
        .body("message", equalTo("the Authorization header must use the Bearer scheme"));
    assertThat(application("wrong-0123456789-spark")).isNull();
    assertThat(given().get("/q/metrics").asString())
        .contains("relay_submitter_submissions_total{outcome=\"unauthenticated\"}");
  }

  @Test
  void theRotatedCredentialIsAcceptedToo() {
    Map<String, Object> body = request(runId(), "rotated-0123456789");
    TestWorkflows.putMatching(client, body);

    send("Bearer " + TestWorkflows.ROTATED, body)
        .statusCode(201)
        .body("name", equalTo("rotated-0123456789-spark"));
    send("bearer " + TestWorkflows.CREDENTIAL, body).statusCode(200);
    given()
        .header("Authorization", "Bearer " + TestWorkflows.ROTATED)
        .get(API + "/spark-team-a/rotated-0123456789-spark")
        .then()
        .statusCode(200)
        .body("runId", equalTo(body.get("runId")));
  }

  @Test
  void healthMetricsAndOpenApiStayOpen() {
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/health/ready").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
    given()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("scheme: bearer"))
        .body(containsString("\"401\""));
  }

  // --- the Workflow it names ---

  @Test
  void aMadeUpWorkflowIs403NamingIt() {
    Map<String, Object> body = request(runId(), "made-up-0123456789");

    send(body)
        .statusCode(403)
        .body("rule", equalTo("workflow-not-found"))
        .body("message", equalTo("no Workflow argo-workflows/made-up-0123456789"));
    assertThat(application("made-up-0123456789-spark")).isNull();
  }

  @Test
  void anotherRunsWorkflowIs403AndTheRealStepStillGetsItsApplication() throws Exception {
    // the victim's Workflow is running; someone with the credential asks first, for its name
    String victim = runId();
    Map<String, Object> real = request(victim, "victim-0123456789");
    TestWorkflows.putMatching(client, real);
    String attacker = runId();
    Map<String, Object> forged = request(attacker, "victim-0123456789");
    forged.put("executors", 4);

    send(forged)
        .statusCode(403)
        .body("rule", equalTo("workflow-run-id"))
        .body(
            "message",
            equalTo(
                "Workflow argo-workflows/victim-0123456789 is not the Workflow of run "
                    + attacker
                    + " (label spark-relay.io/run-id)"));
    // the victim's run id with other parameters is no better
    Map<String, Object> asVictim = request(victim, "victim-0123456789");
    asVictim.put("executors", 4);
    send(asVictim)
        .statusCode(403)
        .body("rule", equalTo("workflow-parameters"))
        .body(
            "message",
            equalTo(
                "Workflow argo-workflows/victim-0123456789: parameter executors is not \"4\" as"
                    + " the request's executors says"));
    assertThat(application("victim-0123456789-spark")).isNull();

    send(real).statusCode(201).body("runId", equalTo(victim));
    assertThat(SparkApplications.runId(application("victim-0123456789-spark"))).isEqualTo(victim);
    // no refusal was announced for the victim's run: it would have marked it refused
    JetStreamProbe probe = new JetStreamProbe(nats.url());
    await()
        .until(
            () ->
                probe.messages("RELAY_RUNS", "relay.runs.spark-submitted").stream()
                    .anyMatch(m -> m.data().contains(victim)));
    assertThat(probe.messages("RELAY_RUNS", "relay.runs.spark-refused"))
        .noneMatch(m -> m.data().contains(victim) || m.data().contains(attacker));
  }

  @Test
  void aWorkflowNotManagedBySparkRelayIs403() {
    String runId = runId();
    GenericKubernetesResource workflow =
        TestWorkflows.workflow(
            "foreign-0123456789", runId, TestWorkflows.parametersOf(request(runId, "x")));
    workflow.getMetadata().getLabels().put("app.kubernetes.io/managed-by", "someone-else");
    TestWorkflows.put(client, workflow);

    send(request(runId, "foreign-0123456789"))
        .statusCode(403)
        .body("rule", equalTo("workflow-not-managed"))
        .body(
            "message",
            equalTo(
                "Workflow argo-workflows/foreign-0123456789 is not managed by spark-relay (label"
                    + " app.kubernetes.io/managed-by)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Succeeded", "Failed", "Error"})
  void aFinishedWorkflowIs403(String phase) {
    String runId = runId();
    String name = "done-" + phase.toLowerCase();
    Map<String, Object> body = request(runId, name);
    GenericKubernetesResource workflow =
        TestWorkflows.workflow(name, runId, TestWorkflows.parametersOf(body));
    workflow.setAdditionalProperty("status", Map.of("phase", phase));
    TestWorkflows.put(client, workflow);

    send(body)
        .statusCode(403)
        .body("rule", equalTo("workflow-finished"))
        .body(
            "message",
            equalTo("Workflow argo-workflows/" + name + " has finished (phase " + phase + ")"));
    assertThat(application(name + "-spark")).isNull();
  }

  @Test
  void aRunningWorkflowIsServed() {
    String runId = runId();
    Map<String, Object> body = request(runId, "running-0123456789");
    GenericKubernetesResource workflow =
        TestWorkflows.workflow("running-0123456789", runId, TestWorkflows.parametersOf(body));
    workflow.setAdditionalProperty("status", Map.of("phase", "Running"));
    TestWorkflows.put(client, workflow);

    send(body).statusCode(201);
  }

  @Test
  void parametersThatDifferAre403NamingTheParameter() {
    String runId = runId();
    Map<String, Object> body = request(runId, "params-0123456789");
    body.put("arguments", List.of("s3://spark-relay-data/in/", ""));
    body.put("executors", "2");
    body.put("labels", Map.of("spark-relay.io/team", "data-eng"));
    TestWorkflows.putMatching(client, body);

    assertParameterRefused(with(body, "profile", "taxi-trip"), "job", "\"taxi-trip\"", "profile");
    assertParameterRefused(
        with(body, "arguments", List.of("s3://spark-relay-data/other/", "")),
        "input",
        "\"s3://spark-relay-data/other/\"",
        "arguments[0]");
    assertParameterRefused(
        with(body, "arguments", List.of("s3://spark-relay-data/in/", "s3://spark-relay-data/o/")),
        "output",
        "\"s3://spark-relay-data/o/\"",
        "arguments[1]");
    assertParameterRefused(with(body, "executors", ""), "executors", "empty", "executors");
    assertParameterRefused(
        with(body, "labels", Map.of("spark-relay.io/team", "ml")),
        "team",
        "\"ml\"",
        "labels.spark-relay.io/team");
    assertParameterRefused(
        with(body, "labels", Map.of("spark-relay.io/team", "")),
        "team",
        "empty",
        "labels.spark-relay.io/team");
    send(with(body, "arguments", List.of("s3://spark-relay-data/in/", "", "--more")))
        .statusCode(403)
        .body("rule", equalTo("workflow-parameters"))
        .body(
            "message",
            equalTo(
                "Workflow argo-workflows/params-0123456789: the request has 3 arguments, the"
                    + " template sends 2 (parameters input, output)"));
    assertThat(application("params-0123456789-spark")).isNull();

    // as the template sends them ("3" as text, the empty output keeps the profile's)
    send(body).statusCode(201);
  }

  @Test
  void aLabelWhoseParameterTheWorkflowDoesNotSetIs403() {
    // a Workflow of the production template and rules: no parameter for the label
    String runId = runId();
    Map<String, Object> body = request(runId, "label-0123456789");
    TestWorkflows.putMatching(client, body);

    for (String value : List.of("oom", "")) {
      send(with(body, "labels", Map.of("spark-relay.io/scenario", value)))
          .statusCode(403)
          .body("rule", equalTo("workflow-parameters"))
          .body(
              "message",
              equalTo(
                  "Workflow argo-workflows/label-0123456789: the request's"
                      + " labels.spark-relay.io/scenario names parameter scenario, which the"
                      + " Workflow does not set"));
    }
    assertThat(application("label-0123456789-spark")).isNull();
    send(body).statusCode(201);
  }

  @Test
  void anExistingApplicationWithAnotherSpecIs409NeverA200() {
    String runId = runId();
    Map<String, Object> first = request(runId, "spec-0123456789");
    first.put("executorMemory", "768m");
    TestWorkflows.putMatching(client, first);
    send(first).statusCode(201);

    Map<String, Object> other = request(runId, "spec-0123456789");
    send(other)
        .statusCode(409)
        .body(
            "message",
            equalTo(
                "SparkApplication spark-team-a/spec-0123456789-spark of run "
                    + runId
                    + " exists with a spec this request would not create (first difference:"
                    + " spec.executor.memory)"));
    // the request that created it is still answered as a retry
    send(first).statusCode(200).body("name", equalTo("spec-0123456789-spark"));
  }

  @Test
  void anApplicationCreatedBehindTheServicesBackIs409() {
    String runId = runId();
    Map<String, Object> body = request(runId, "planted-0123456789");
    TestWorkflows.putMatching(client, body);
    send(body).statusCode(201);
    GenericKubernetesResource planted = application("planted-0123456789-spark");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) planted.getAdditionalProperties().get("spec");
    Map<String, Object> changed = new HashMap<>(spec);
    changed.put("mainApplicationFile", "s3a://elsewhere/evil.py");
    planted.setAdditionalProperty("spec", changed);
    client
        .genericKubernetesResources(KubeResources.context(CustomResources.SPARK_APPLICATION))
        .inNamespace("spark-team-a")
        .resource(planted)
        .update();
    await().until(() -> send(body).extract().statusCode() == 409);

    send(body)
        .body(
            "message",
            equalTo(
                "SparkApplication spark-team-a/planted-0123456789-spark of run "
                    + runId
                    + " exists with a spec this request would not create (first difference:"
                    + " spec.mainApplicationFile)"));
  }

  // --- helpers ---

  private void assertParameterRefused(
      Map<String, Object> body, String parameter, String value, String field) {
    send(body)
        .statusCode(403)
        .body("rule", equalTo("workflow-parameters"))
        .body(
            "message",
            equalTo(
                "Workflow argo-workflows/params-0123456789: parameter "
                    + parameter
                    + " is not "
                    + value
                    + " as the request's "
                    + field
                    + " says"));
  }

  private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    Map<String, Object> changed = new HashMap<>(body);
    changed.put(field, value);
    return changed;
  }

  private static Map<String, Object> request(String runId, String workflow) {
    Map<String, Object> body = new HashMap<>();
    body.put("runId", runId);
    body.put("workflow", workflow);
    body.put("step", "submit-spark");
    body.put("profile", "pi");
    return body;
  }

  private static String runId() {
    return UUID.randomUUID().toString();
  }

  private ValidatableResponse send(Map<String, Object> body) {
    return send(TestWorkflows.bearer(), body);
  }

  private ValidatableResponse send(String authorization, Map<String, Object> body) {
    RequestSpecification request = given().header("Authorization", authorization);
    return request.contentType(ContentType.JSON).body(body).post(API).then();
  }

  private GenericKubernetesResource application(String name) {
    return client
        .genericKubernetesResources(KubeResources.context(CustomResources.SPARK_APPLICATION))
        .inNamespace("spark-team-a")
        .withName(name)
        .get();
  }
}
