package io.sparkrelay.standin.apiserver;

import static io.sparkrelay.standin.apiserver.SchemaFixtures.SPARK_APPLICATIONS;
import static io.sparkrelay.standin.apiserver.SchemaFixtures.TEMPLATES;
import static io.sparkrelay.standin.apiserver.SchemaFixtures.WORKFLOWS;
import static io.sparkrelay.standin.apiserver.SchemaFixtures.at;
import static io.sparkrelay.standin.apiserver.SchemaFixtures.create;
import static io.sparkrelay.standin.apiserver.SchemaFixtures.edited;
import static io.sparkrelay.standin.apiserver.SchemaFixtures.json;
import static io.sparkrelay.standin.apiserver.SchemaFixtures.request;
import static io.sparkrelay.standin.apiserver.SchemaFixtures.sparkApplication;
import static io.sparkrelay.standin.apiserver.SchemaFixtures.workflow;
import static io.sparkrelay.standin.apiserver.SchemaFixtures.workflowTemplate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.sparkrelay.standin.RelayCustomResources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SchemaAdmission in front of a real CRUD store, in process: the gate's verdicts and answers. */
class SchemaAdmissionTest {

  private static final String WORKFLOW = WORKFLOWS + "/nightly-taxi-1a2b3c";
  private static final String SPARK_APPLICATION = SPARK_APPLICATIONS + "/nightly-taxi-1a2b3c-spark";

  private KubernetesMixedDispatcher store;
  private SchemaAdmission admission;
  private GatedDispatcher api;

  @BeforeEach
  void start() {
    store = new KubernetesMixedDispatcher(new HashMap<>(), RelayCustomResources.ALL);
    admission = SchemaAdmission.inFrontOf(store);
    api = new GatedDispatcher(store, List.of(admission));
  }

  @Test
  void theWorkflowTheLauncherCreatesPassesUnchanged() {
    RecordedRequest create = create(WORKFLOWS, json(workflow()));

    assertThat(admission.check(create)).isEqualTo(new RequestGate.Pass(create));
  }

  @Test
  void theSparkApplicationTheSubmitterCreatesPassesUnchanged() {
    RecordedRequest create = create(SPARK_APPLICATIONS, json(sparkApplication()));

    assertThat(admission.check(create)).isEqualTo(new RequestGate.Pass(create));
  }

  @Test
  void theProjectsWorkflowTemplatePassesUnchanged() {
    RecordedRequest create = create(TEMPLATES, json(workflowTemplate()));

    assertThat(admission.check(create)).isEqualTo(new RequestGate.Pass(create));
  }

  @Test
  void anUnknownFieldIsPrunedSilentlyUnderIgnore() {
    String body = edited(workflow(), w -> at(w, "/spec").put("foo", "bar"));

    RequestGate.Verdict verdict =
        admission.check(create(WORKFLOWS + "?fieldValidation=Ignore", body));

    assertThat(verdict).isInstanceOf(RequestGate.Pass.class);
    assertThat(((RequestGate.Pass) verdict).request().getUtf8Body()).isEqualTo(json(workflow()));
  }

  @Test
  void anUnknownFieldIsPrunedByDefaultAndTheObjectIsStoredWithoutIt() {
    String body =
        edited(
            workflow(),
            w -> {
              at(w, "/spec").put("foo", "bar");
              at(w, "/spec/arguments/parameters/1").put("valu", "typo");
            });

    MockResponse response = api.dispatch(create(WORKFLOWS + "?fieldValidation=Warn", body));

    assertThat(response.code()).isEqualTo(201);
    // kube would add: Warning: 299 - "unknown field \"spec.arguments.parameters[1].valu\"" ...
    assertThat(response.headers("Warning")).isEmpty();
    assertThat(storedWithoutServerFields(WORKFLOW)).isEqualTo(tree(json(workflow())));
    assertThat(api.refusedCount()).isZero();
  }

  @Test
  void anUnknownFieldIsRefusedUnderStrictNamingItsPath() {
    String body = edited(workflow(), w -> at(w, "/spec").put("foo", "bar").put("zoo", 1));

    MockResponse response = api.dispatch(create(WORKFLOWS + "?fieldValidation=Strict", body));

    assertThat(response.code()).isEqualTo(400);
    assertThat(body(response))
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Workflow in version \\\"v1alpha1\\\" cannot be handled as a"
                + " Workflow: strict decoding error: unknown field \\\"spec.foo\\\", unknown field"
                + " \\\"spec.zoo\\\"\",\"reason\":\"BadRequest\",\"code\":400}");
    assertThat(store.dispatch(request(HttpMethod.GET, WORKFLOW, null, null)).code()).isEqualTo(404);
  }

  @Test
  void aWrongTypeIsInvalidNamingTheField() {
    String body = edited(workflow(), w -> at(w, "/spec").put("parallelism", "x"));

    MockResponse response = api.dispatch(create(WORKFLOWS, body));

    assertThat(response.code()).isEqualTo(422);
    assertThat(response.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(body(response))
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Workflow.argoproj.io \\\"nightly-taxi-1a2b3c\\\" is invalid:"
                + " spec.parallelism: Invalid value: \\\"string\\\": spec.parallelism in body must"
                + " be of type integer: \\\"string\\\"\",\"reason\":\"Invalid\",\"details\":{"
                + "\"name\":\"nightly-taxi-1a2b3c\",\"group\":\"argoproj.io\",\"kind\":\"Workflow\","
                + "\"causes\":[{\"reason\":\"FieldValueTypeInvalid\",\"message\":\"Invalid value:"
                + " \\\"string\\\": spec.parallelism in body must be of type integer:"
                + " \\\"string\\\"\",\"field\":\"spec.parallelism\"}]},\"code\":422}");
  }

  @Test
  void aParameterWithoutNameIsAMissingRequiredField() {
    String body = edited(workflow(), w -> at(w, "/spec/arguments/parameters/0").remove("name"));

    assertThat(causes(api.dispatch(create(WORKFLOWS, body))))
        .containsExactly(
            new SchemaFieldError(
                "FieldValueRequired", "spec.arguments.parameters[0].name", "Required value"));
  }

  @Test
  void aSparkApplicationTypeOutsideTheEnumIsNotSupported() {
    String body = edited(sparkApplication(), a -> at(a, "/spec").put("type", "Go"));

    MockResponse response = api.dispatch(create(SPARK_APPLICATIONS, body));

    assertThat(response.code()).isEqualTo(422);
    assertThat(message(response))
        .isEqualTo(
            "SparkApplication.sparkoperator.k8s.io \"nightly-taxi-1a2b3c-spark\" is invalid:"
                + " spec.type: Unsupported value: \"Go\": supported values: \"Java\", \"Python\","
                + " \"Scala\", \"R\"");
    assertThat(causes(response))
        .containsExactly(
            new SchemaFieldError(
                "FieldValueNotSupported",
                "spec.type",
                "Unsupported value: \"Go\": supported values: \"Java\", \"Python\", \"Scala\","
                    + " \"R\""));
  }

  @Test
  void severalErrorsAreListedInBracketsAsKubeAggregatesThem() {
    String body =
        edited(
            sparkApplication(),
            a -> {
              at(a, "/spec/driver").put("cores", true);
              at(a, "/spec/driver").put("coreLimit", 2.5);
              at(a, "/spec").put("mode", "local");
            });

    MockResponse response = api.dispatch(create(SPARK_APPLICATIONS, body));

    assertThat(message(response))
        .isEqualTo(
            "SparkApplication.sparkoperator.k8s.io \"nightly-taxi-1a2b3c-spark\" is invalid: ["
                + "spec.driver.coreLimit: Invalid value: \"number\": spec.driver.coreLimit in body"
                + " must be of type string: \"number\", spec.driver.cores: Invalid value:"
                + " \"boolean\": spec.driver.cores in body must be of type integer: \"boolean\","
                + " spec.mode:"
                + " Unsupported value: \"local\": supported values: \"cluster\", \"client\"]");
  }

  @Test
  void anIntOrStringFieldTakesBothButNothingElse() {
    String quantities =
        edited(sparkApplication(), a -> at(a, "/spec/driver").putObject("memoryOverhead"));
    String both =
        edited(
            workflowTemplate(),
            t -> {
              at(t, "/spec/templates/2/retryStrategy").put("limit", "8");
              at(t, "/spec/templates/1/container/resources/requests").put("cpu", 1);
            });
    String wrong =
        edited(
            workflowTemplate(), t -> at(t, "/spec/templates/2/retryStrategy").put("limit", false));

    assertThat(api.dispatch(create(TEMPLATES, both)).code()).isEqualTo(201);
    assertThat(causes(api.dispatch(create(TEMPLATES, wrong))))
        .containsExactly(
            new SchemaFieldError(
                "FieldValueTypeInvalid",
                "spec.templates[2].retryStrategy.limit",
                "Invalid value: \"boolean\": spec.templates[2].retryStrategy.limit in body must be"
                    + " of type integer,string: \"boolean\""));
    assertThat(causes(api.dispatch(create(SPARK_APPLICATIONS, quantities))))
        .containsExactly(
            new SchemaFieldError(
                "FieldValueTypeInvalid",
                "spec.driver.memoryOverhead",
                "Invalid value: \"object\": spec.driver.memoryOverhead in body must be of type"
                    + " string: \"object\""));
  }

  @Test
  void aPatternAndBoundsAreCheckedAsKubeWordsThem() {
    String template =
        edited(
            workflowTemplate(),
            t -> at(t, "/spec/templates/1/container/resources/limits").put("memory", "lots"));
    String application =
        edited(
            sparkApplication(),
            a -> {
              at(a, "/spec/driver").put("cores", 0);
              at(a, "/spec").put("timeToLiveSeconds", 1.5);
            });

    assertThat(causes(api.dispatch(create(TEMPLATES, template))))
        .containsExactly(
            new SchemaFieldError(
                "FieldValueInvalid",
                "spec.templates[1].container.resources.limits.memory",
                "Invalid value: \"lots\": spec.templates[1].container.resources.limits.memory in"
                    + " body should match '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)"
                    + "|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$'"));
    assertThat(causes(api.dispatch(create(SPARK_APPLICATIONS, application))))
        .containsExactly(
            new SchemaFieldError(
                "FieldValueInvalid",
                "spec.driver.cores",
                "Invalid value: 0: spec.driver.cores in body should be greater than or equal to"
                    + " 1"),
            new SchemaFieldError(
                "FieldValueTypeInvalid",
                "spec.timeToLiveSeconds",
                "Invalid value: \"number\": spec.timeToLiveSeconds in body must be of type"
                    + " integer: \"number\""));
  }

  @Test
  void aTimestampThatIsNoDateTimeIsRefused() {
    String body = edited(workflow(), w -> w.putObject("status").put("startedAt", "yesterday"));

    assertThat(causes(api.dispatch(create(WORKFLOWS, body))))
        .containsExactly(
            new SchemaFieldError(
                "FieldValueTypeInvalid",
                "status.startedAt",
                "Invalid value: \"yesterday\": status.startedAt in body must be of type date-time:"
                    + " \"yesterday\""));
  }

  @Test
  void aNullInAFieldThatIsNotNullableIsDroppedSilently() {
    String body =
        edited(
            workflow(),
            w -> {
              at(w, "/spec").putNull("parallelism");
              w.putNull("status");
            });

    RequestGate.Verdict verdict =
        admission.check(create(WORKFLOWS + "?fieldValidation=Strict", body));

    assertThat(verdict).isInstanceOf(RequestGate.Pass.class);
    assertThat(((RequestGate.Pass) verdict).request().getUtf8Body()).isEqualTo(json(workflow()));
  }

  @Test
  void aMergePatchThatMakesTheObjectInvalidIsRefusedAndAValidOnePasses() {
    assertThat(api.dispatch(create(WORKFLOWS, json(workflow()))).code()).isEqualTo(201);

    MockResponse invalid =
        api.dispatch(
            request(
                HttpMethod.PATCH,
                WORKFLOW,
                "application/merge-patch+json",
                "{\"spec\":{\"serviceAccountName\":7}}"));
    RecordedRequest valid =
        request(
            HttpMethod.PATCH,
            WORKFLOW,
            "application/merge-patch+json",
            "{\"spec\":{\"parallelism\":2},\"metadata\":{\"labels\":{\"x\":\"y\"}}}");

    assertThat(invalid.code()).isEqualTo(422);
    assertThat(causes(invalid))
        .containsExactly(
            new SchemaFieldError(
                "FieldValueTypeInvalid",
                "spec.serviceAccountName",
                "Invalid value: \"integer\": spec.serviceAccountName in body must be of type"
                    + " string: \"integer\""));
    assertThat(admission.check(valid)).isEqualTo(new RequestGate.Pass(valid));
    api.dispatch(valid);
    assertThat(storedWithoutServerFields(WORKFLOW).at("/spec/parallelism").asInt()).isEqualTo(2);
  }

  @Test
  void aJsonPatchIsCheckedOnTheObjectItMakes() {
    assertThat(api.dispatch(create(WORKFLOWS, json(workflow()))).code()).isEqualTo(201);

    MockResponse removesAName =
        api.dispatch(
            request(
                HttpMethod.PATCH,
                WORKFLOW,
                "application/json-patch+json",
                "[{\"op\":\"remove\",\"path\":\"/spec/arguments/parameters/2/name\"}]"));

    assertThat(causes(removesAName))
        .containsExactly(
            new SchemaFieldError(
                "FieldValueRequired", "spec.arguments.parameters[2].name", "Required value"));
  }

  @Test
  void aPatchAddingAnUnknownFieldIsRefusedOnlyUnderStrict() {
    assertThat(api.dispatch(create(WORKFLOWS, json(workflow()))).code()).isEqualTo(201);
    String patch = "{\"spec\":{\"foo\":\"bar\"}}";

    MockResponse strict =
        api.dispatch(
            request(
                HttpMethod.PATCH,
                WORKFLOW + "?fieldValidation=Strict",
                "application/merge-patch+json",
                patch));
    RecordedRequest lenient =
        request(HttpMethod.PATCH, WORKFLOW, "application/merge-patch+json", patch);

    assertThat(strict.code()).isEqualTo(400);
    assertThat(message(strict)).isEqualTo("strict decoding error: unknown field \"spec.foo\"");
    assertThat(admission.check(lenient)).isEqualTo(new RequestGate.Pass(lenient));
  }

  @Test
  void aPatchOfAnObjectNotStoredIsLeftToTheStore() {
    RecordedRequest patch =
        request(HttpMethod.PATCH, WORKFLOW, "application/merge-patch+json", "{\"spec\":{}}");

    assertThat(admission.check(patch)).isEqualTo(new RequestGate.Pass(patch));
    assertThat(api.dispatch(patch).code()).isEqualTo(404);
  }

  @Test
  void theStatusOfAWorkflowIsNotFoundWhateverTheVerbAsTheCrdServesNoStatusSubresource() {
    assertThat(api.dispatch(create(WORKFLOWS, json(workflow()))).code()).isEqualTo(201);
    String expected =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"workflows.argoproj.io \\\"nightly-taxi-1a2b3c\\\" not found\","
            + "\"reason\":\"NotFound\",\"details\":{\"name\":\"nightly-taxi-1a2b3c\","
            + "\"group\":\"argoproj.io\",\"kind\":\"workflows\"},\"code\":404}";

    for (RecordedRequest request :
        List.of(
            request(
                HttpMethod.PATCH,
                WORKFLOW + "/status",
                "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"/status\",\"value\":{\"phase\":\"Running\"}}]"),
            request(HttpMethod.PUT, WORKFLOW + "/status", "application/json", json(workflow())),
            request(HttpMethod.GET, WORKFLOW + "/status", null, null))) {
      MockResponse response = api.dispatch(request);
      assertThat(response.code()).isEqualTo(404);
      assertThat(body(response)).isEqualTo(expected);
    }
  }

  @Test
  void theStatusOfASparkApplicationIsAdmittedLikeTheObject() {
    assertThat(api.dispatch(create(SPARK_APPLICATIONS, json(sparkApplication()))).code())
        .isEqualTo(201);
    RecordedRequest running =
        request(
            HttpMethod.PATCH,
            SPARK_APPLICATION + "/status",
            "application/merge-patch+json",
            "{\"status\":{\"applicationState\":{\"state\":\"RUNNING\"},\"driverInfo\":{},"
                + "\"executionAttempts\":1}}");
    MockResponse wrong =
        api.dispatch(
            request(
                HttpMethod.PATCH,
                SPARK_APPLICATION + "/status",
                "application/merge-patch+json",
                "{\"status\":{\"driverInfo\":{},\"executionAttempts\":\"one\"}}"));

    assertThat(admission.check(running)).isEqualTo(new RequestGate.Pass(running));
    assertThat(causes(wrong))
        .containsExactly(
            new SchemaFieldError(
                "FieldValueTypeInvalid",
                "status.executionAttempts",
                "Invalid value: \"string\": status.executionAttempts in body must be of type"
                    + " integer: \"string\""));
  }

  @Test
  void theStatusesTheSimulatedControllersWriteFitTheSchemas() {
    // as WorkflowStatusBook keeps it; in a cluster it is part of the Workflow (no subresource)
    String workflowStatus =
        """
        {"phase":"Succeeded","startedAt":"2026-03-01T12:00:00Z","finishedAt":"2026-03-01T12:05:00Z",
         "progress":"1/1","message":"done",
         "nodes":{
           "nightly-taxi-1a2b3c":{"id":"nightly-taxi-1a2b3c","name":"nightly-taxi-1a2b3c",
             "displayName":"nightly-taxi-1a2b3c","type":"DAG","templateName":"main",
             "templateScope":"local/nightly-taxi-1a2b3c","phase":"Succeeded",
             "startedAt":"2026-03-01T12:00:00Z","finishedAt":"2026-03-01T12:05:00Z",
             "children":["nightly-taxi-1a2b3c-2090114101"]},
           "nightly-taxi-1a2b3c-2090114101":{"id":"nightly-taxi-1a2b3c-2090114101",
             "name":"nightly-taxi-1a2b3c.submit-spark","displayName":"submit-spark","type":"HTTP",
             "templateName":"submit-spark","templateScope":"local/nightly-taxi-1a2b3c",
             "phase":"Succeeded","boundaryID":"nightly-taxi-1a2b3c",
             "startedAt":"2026-03-01T12:00:00Z","finishedAt":"2026-03-01T12:01:00Z",
             "message":"ok","inputs":{"parameters":[{"name":"application","value":"a"}]},
             "outputs":{"result":"{\\"name\\":\\"a\\"}"}}},
         "conditions":[{"type":"PodRunning","status":"False"},{"type":"Completed","status":"True"}]}
        """;
    // as SparkOperatorSimulator keeps it, written through the status subresource
    String applicationStatus =
        """
        {"sparkApplicationId":"spark-0a1b","submissionID":"7c9e6679-7425-40de-944b-e07fc1f90ae7",
         "lastSubmissionAttemptTime":"2026-03-01T12:00:00Z","submissionAttempts":1,
         "driverInfo":{"podName":"nightly-taxi-1a2b3c-spark-driver",
                       "webUIAddress":"10.0.0.7:4040","webUIPort":4040},
         "executionAttempts":1,"terminationTime":"2026-03-01T12:04:00Z",
         "applicationState":{"state":"COMPLETED"},
         "executorState":{"nightly-taxi-1a2b3c-spark-exec-1":"COMPLETED"}}
        """;
    assertThat(api.dispatch(create(WORKFLOWS, json(workflow()))).code()).isEqualTo(201);
    assertThat(api.dispatch(create(SPARK_APPLICATIONS, json(sparkApplication()))).code())
        .isEqualTo(201);

    RecordedRequest workflowWithStatus =
        request(
            HttpMethod.PUT,
            WORKFLOW + "?fieldValidation=Strict",
            "application/json",
            edited(workflow(), w -> w.set("status", tree(workflowStatus))));
    RecordedRequest applicationStatusPatch =
        request(
            HttpMethod.PATCH,
            SPARK_APPLICATION + "/status?fieldValidation=Strict",
            "application/json-patch+json",
            "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + applicationStatus + "}]");

    assertThat(admission.check(workflowWithStatus))
        .isEqualTo(new RequestGate.Pass(workflowWithStatus));
    assertThat(admission.check(applicationStatusPatch))
        .isEqualTo(new RequestGate.Pass(applicationStatusPatch));
  }

  @Test
  void otherKindsVersionsAndVerbsPassUntouched() {
    String notAWorkflow = "{\"spec\":{\"parallelism\":\"x\"}}";
    List<RecordedRequest> untouched =
        List.of(
            create("/api/v1/namespaces/argo-workflows/configmaps", notAWorkflow),
            create(
                "/apis/argoproj.io/v1alpha1/namespaces/argo-workflows/workflowtasksets",
                notAWorkflow),
            create("/apis/argoproj.io/v1beta1/namespaces/argo-workflows/workflows", notAWorkflow),
            create("/apis/argoproj.io/v1alpha1/workflows", notAWorkflow),
            request(HttpMethod.GET, WORKFLOWS + "?watch=true", null, null),
            request(HttpMethod.DELETE, WORKFLOW, null, null));

    for (RecordedRequest request : untouched) {
      assertThat(admission.check(request)).isEqualTo(new RequestGate.Pass(request));
    }
  }

  @Test
  void validatesAThousandTypicalObjectsQuickly() {
    long loading = System.nanoTime();
    List<CrdSchema> compiled = CrdSchemas.RELAY_KINDS.stream().map(CrdSchema::load).toList();
    long loaded = System.nanoTime();
    compiled.get(0).validate(SchemaJson.MAPPER.readTree(json(workflow())));
    compiled.get(2).validate(SchemaJson.MAPPER.readTree(json(sparkApplication())));
    System.out.printf(
        "SchemaAdmission: %d schemas read and compiled in %d ms, first two validations %d ms%n",
        compiled.size(), (loaded - loading) / 1_000_000, (System.nanoTime() - loaded) / 1_000_000);

    byte[] workflowBody = json(workflow()).getBytes(StandardCharsets.UTF_8);
    byte[] applicationBody = json(sparkApplication()).getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 200; i++) { // warm up the JIT
      admission.check(create(WORKFLOWS, new String(workflowBody)));
      admission.check(create(SPARK_APPLICATIONS, new String(applicationBody)));
    }

    long start = System.nanoTime();
    for (int i = 0; i < 500; i++) {
      assertThat(admission.check(create(WORKFLOWS, new String(workflowBody))))
          .isInstanceOf(RequestGate.Pass.class);
      assertThat(admission.check(create(SPARK_APPLICATIONS, new String(applicationBody))))
          .isInstanceOf(RequestGate.Pass.class);
    }
    long micros = (System.nanoTime() - start) / 1_000;

    System.out.printf(
        "SchemaAdmission: 1000 creates (500 Workflows, 500 SparkApplications) checked in %d ms,"
            + " %d us each%n",
        micros / 1_000, micros / 1_000);
  }

  /** The stored object without what the store adds (uid, resourceVersion, ...). */
  private JsonNode storedWithoutServerFields(String path) {
    MockResponse response = store.dispatch(request(HttpMethod.GET, path, null, null));
    ObjectNode stored = (ObjectNode) tree(body(response));
    ((ObjectNode) stored.get("metadata"))
        .remove(List.of("uid", "resourceVersion", "creationTimestamp", "generation"));
    return stored;
  }

  private static JsonNode tree(String json) {
    return Serialization.unmarshal(json, JsonNode.class);
  }

  private static String body(MockResponse response) {
    return new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  private static String message(MockResponse response) {
    return SchemaJson.MAPPER.readTree(body(response)).path("message").asString();
  }

  private static List<SchemaFieldError> causes(MockResponse response) {
    List<SchemaFieldError> causes = new ArrayList<>();
    SchemaJson.MAPPER
        .readTree(body(response))
        .path("details")
        .path("causes")
        .forEach(
            cause ->
                causes.add(
                    new SchemaFieldError(
                        cause.path("reason").asString(),
                        cause.path("field").asString(),
                        cause.path("message").asString())));
    return causes;
  }
}
