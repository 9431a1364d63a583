package io.sparkrelay.deploy;

import static io.sparkrelay.deploy.Manifests.asMap;
import static io.sparkrelay.deploy.Manifests.asMaps;
import static io.sparkrelay.deploy.Manifests.at;
import static io.sparkrelay.deploy.Manifests.name;
import static io.sparkrelay.deploy.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/argo: the WorkflowTemplate the launcher references, and the RBAC its Workflows run with.
 */
class WorkflowTemplateTest {

  private static Map<String, Object> template;
  private static Manifests rbac;

  @BeforeAll
  static void load() throws IOException {
    template =
        Manifests.parse(Files.readString(Project.argoDir().resolve("workflowtemplate.yaml")))
            .named("WorkflowTemplate", "spark-relay-spark-job");
    rbac = Manifests.parse(Files.readString(Project.argoDir().resolve("rbac.yaml")));
  }

  private static Map<String, Object> templateNamed(String name) {
    return asMaps(at(template, "spec.templates")).stream()
        .filter(t -> name.equals(t.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no template " + name));
  }

  /** Argo's simple tag substitution, as the controller does it for these parameters. */
  private static String substitute(String text, Map<String, String> parameters) {
    String result = text.replace("{{workflow.name}}", "taxi-trip-0123456789");
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      result =
          result.replace(
              "{{workflow.parameters." + parameter.getKey() + "}}", parameter.getValue());
    }
    assertThat(result).as("every tag is one Argo fills in").doesNotContain("{{");
    return result;
  }

  private static Map<String, String> parameters(Map<String, String> given) {
    Map<String, String> all = new LinkedHashMap<>();
    for (Map<String, Object> declared : asMaps(at(template, "spec.arguments.parameters"))) {
      if (declared.get("value") != null) {
        all.put((String) declared.get("name"), (String) declared.get("value"));
      }
    }
    all.putAll(given);
    return all;
  }

  @Test
  void declaresTheContractParameters() {
    List<String> declared =
        asMaps(at(template, "spec.arguments.parameters")).stream()
            .map(p -> (String) p.get("name"))
            .toList();

    assertThat(declared)
        .containsExactly("run-id", "job", "input", "output", "executors", "submitter-url");
    assertThat(asMap(at(template, "spec.podMetadata.labels")))
        .containsEntry("spark-relay.io/run-id", "{{workflow.parameters.run-id}}");
    assertThat(at(template, "spec.serviceAccountName")).isEqualTo("spark-relay-workflow");
  }

  @Test
  void runsTheBlueprintDag() {
    String entrypoint = (String) at(template, "spec.entrypoint");
    List<Map<String, Object>> tasks = asMaps(at(templateNamed(entrypoint), "dag.tasks"));

    assertThat(tasks)
        .extracting(t -> t.get("name"), t -> t.get("template"), t -> t.get("dependencies"))
        .containsExactlyInAnyOrder(
            tuple("hello-job1", "hello", null),
            tuple("hello-job2", "hello", List.of("hello-job1")),
            tuple("submit-spark", "submit-spark", null),
            tuple("await-spark", "await-spark", List.of("submit-spark")));
  }

  @Test
  void submitSparkPostsTheContractBodyToTheSubmitter() {
    Map<String, Object> http = asMap(templateNamed("submit-spark").get("http"));
    Map<String, String> parameters =
        parameters(
            Map.of(
                "run-id", "5f0e7c1a-0000-4000-8000-000000000001",
                "input", "s3://bucket/in/",
                "executors", "3"));

    assertThat(http.get("method")).isEqualTo("POST");
    assertThat(substitute((String) http.get("url"), parameters))
        .isEqualTo(
            "http://spark-relay-spark-submitter.spark-relay.svc.cluster.local:8080/api/v1/spark-applications");
    assertThat(asMaps(http.get("headers")))
        .extracting(h -> h.get("name"), h -> h.get("value"))
        .contains(tuple("Content-Type", "application/json"));
    // the submitter's credential, from the Secret the chart writes in the Workflow's namespace
    assertThat(asMaps(http.get("headers")))
        .filteredOn(h -> "Authorization".equals(h.get("name")))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h).doesNotContainKey("value");
              assertThat(at(h, "valueFrom.secretKeyRef"))
                  .isEqualTo(
                      Map.of(
                          "name",
                          "spark-relay-spark-submitter-credential",
                          "key",
                          "authorization"));
            });

    // JSON is YAML: the substituted body must parse as one JSON object.
    Object body =
        new Yaml(new LoaderOptions()).load(substitute((String) http.get("body"), parameters));
    // no labels: the production template passes none (the local stack's overlay adds its own)
    assertThat(asMap(body))
        .containsExactlyEntriesOf(
            orderedMap(
                "runId", "5f0e7c1a-0000-4000-8000-000000000001",
                "workflow", "taxi-trip-0123456789",
                "step", "submit-spark",
                "profile", "taxi-trip",
                "arguments", List.of("s3://bucket/in/", ""),
                "executors", "3"));
  }

  /**
   * Knobs only the local simulator reads (the scenario that fails a simulated driver) stay out of
   * what production deploys: deploy/local/overlay adds them to the local stack alone.
   */
  @Test
  void noProductionFileCarriesTheSimulatorsScenarioKnob() throws IOException {
    List<Path> production =
        List.of(
            Project.argoDir().resolve("workflowtemplate.yaml"),
            Project.argoDir().resolve("README.md"),
            Project.repoDir().resolve(DEFAULT_RULES),
            Project.chartDir().resolve("values.yaml"));
    for (Path file : production) {
      assertThat(Files.readString(file)).as(file.toString()).doesNotContainIgnoringCase("scenario");
    }

    assertThat(asMaps(yaml(Project.repoDir().resolve(DEFAULT_RULES)).get("rules")))
        .extracting(rule -> rule.get("name"), rule -> parameterNames(rule.get("parameters")))
        .containsExactly(
            tuple("taxi-trip", List.of("run-id", "job", "input", "output", "executors")),
            tuple("pi", List.of("run-id", "job", "input", "output", "executors")));
    assertThat(
            asMaps(
                at(
                    yaml(Project.chartDir().resolve("values.yaml")),
                    "workflowLauncher.rules.rules")))
        .extracting(rule -> rule.get("name"), rule -> parameterNames(rule.get("parameters")))
        .containsExactly(
            tuple("spark-job", List.of("run-id", "job", "input", "output", "executors")));
  }

  private static final String DEFAULT_RULES =
      "workflow-launcher/src/main/resources/rules/default-rules.yaml";

  private static Map<String, Object> yaml(Path file) throws IOException {
    return asMap(new Yaml(new LoaderOptions()).load(Files.readString(file)));
  }

  private static List<Object> parameterNames(Object parameters) {
    return asMaps(parameters).stream().map(p -> p.get("name")).toList();
  }

  private static Map<String, Object> orderedMap(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void submitSparkRetriesThrottlingAndServerErrorsButNotRefusals() {
    Map<String, Object> submit = templateNamed("submit-spark");
    Map<String, Object> retry = asMap(submit.get("retryStrategy"));
    String expression = (String) retry.get("expression");

    assertThat(retry.get("retryPolicy")).isEqualTo("Always");
    assertThat(Integer.parseInt(retry.get("limit").toString())).isBetween(3, 20);
    assertThat(asMap(retry.get("backoff"))).containsKeys("duration", "factor", "maxDuration");
    // Argo's default success test (any 2xx) leaves the status code in the node message, which is
    // what the expression reads; a successCondition would replace it with a fixed text.
    assertThat(asMap(submit.get("http"))).doesNotContainKey("successCondition");

    Pattern retryable = patternAfter("matches", expression);
    assertThat(retryable.matcher("received non-2xx response code: 429").find()).isTrue();
    assertThat(retryable.matcher("received non-2xx response code: 503").find()).isTrue();
    assertThat(retryable.matcher("received non-2xx response code: 500").find()).isTrue();
    assertThat(retryable.matcher("received non-2xx response code: 400").find()).isFalse();
    assertThat(retryable.matcher("received non-2xx response code: 403").find()).isFalse();
    assertThat(retryable.matcher("received non-2xx response code: 4290").find()).isFalse();
    // A request that got no answer at all (submitter restarting) is retried too.
    assertThat(expression).contains("!(lastRetry.message contains 'response code')");
  }

  @Test
  void awaitSparkFollowsTheApplicationNamedInTheSubmittersAnswer() {
    Map<String, Object> resource = asMap(templateNamed("await-spark").get("resource"));
    Map<String, Object> answer =
        Map.of("name", "taxi-trip-0123456789-spark", "namespace", "spark-team-b", "state", "");

    assertThat(resource.get("action")).isEqualTo("get");
    assertThat(resource.get("successCondition"))
        .isEqualTo("status.applicationState.state == COMPLETED");
    assertThat(resource.get("failureCondition"))
        .isEqualTo("status.applicationState.state == FAILED");

    String manifestText = (String) resource.get("manifest");
    for (Map.Entry<String, String> input : awaitSparkInputs(answer).entrySet()) {
      manifestText =
          manifestText.replace("{{inputs.parameters." + input.getKey() + "}}", input.getValue());
    }
    assertThat(manifestText).doesNotContain("{{");
    Map<String, Object> manifest = asMap(new Yaml(new LoaderOptions()).load(manifestText));
    assertThat(manifest)
        .containsEntry("apiVersion", "sparkoperator.k8s.io/v1beta2")
        .containsEntry("kind", "SparkApplication");
    assertThat(asMap(manifest.get("metadata")))
        .containsEntry("name", "taxi-trip-0123456789-spark")
        .containsEntry("namespace", "spark-team-b");
  }

  /**
   * The await-spark task's arguments, each a jsonpath over submit-spark's result (the http answer
   * body), evaluated against the given answer.
   */
  private static Map<String, String> awaitSparkInputs(Map<String, Object> answer) {
    Pattern jsonPathOfSubmitResult =
        Pattern.compile(
            "^\\{\\{=jsonpath\\(tasks\\['submit-spark'\\]\\.outputs\\.result, '\\$\\.(\\w+)'\\)}}$");
    Map<String, Object> task =
        asMaps(at(templateNamed("main"), "dag.tasks")).stream()
            .filter(t -> "await-spark".equals(t.get("name")))
            .findFirst()
            .orElseThrow();
    Map<String, String> inputs = new LinkedHashMap<>();
    for (Map<String, Object> argument : asMaps(at(task, "arguments.parameters"))) {
      Matcher field = jsonPathOfSubmitResult.matcher((String) argument.get("value"));
      assertThat(field.matches()).as("argument %s", argument).isTrue();
      inputs.put((String) argument.get("name"), (String) answer.get(field.group(1)));
    }
    assertThat(inputs).containsOnlyKeys("application", "namespace");
    return inputs;
  }

  @Test
  void theWorkflowAccountMayOnlyDriveItsTaskSetAndReadTheApplication() {
    Map<String, List<String>> verbsByPlace =
        rbac.ofKind("Role").stream()
            .flatMap(
                role ->
                    asMaps(role.get("rules")).stream()
                        .map(
                            rule ->
                                Map.entry(
                                    namespace(role) + " " + rule.get("resources"),
                                    Manifests.asList(rule.get("verbs")).stream()
                                        .map(Object::toString)
                                        .toList())))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    assertThat(verbsByPlace)
        .containsOnly(
            Map.entry(
                "argo-workflows [workflowtasksets]", List.of("get", "list", "watch", "patch")),
            Map.entry("argo-workflows [workflowtasksets/status]", List.of("patch")),
            Map.entry("argo-workflows [workflowtaskresults]", List.of("create", "patch")),
            Map.entry("argo-workflows [secrets]", List.of("get")),
            Map.entry("spark-team-a [sparkapplications]", List.of("get", "watch")));
    // the one Secret the http step's header reads, by name
    assertThat(
            rbac.ofKind("Role").stream()
                .flatMap(role -> asMaps(role.get("rules")).stream())
                .filter(rule -> Manifests.asList(rule.get("resources")).contains("secrets")))
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.get("resourceNames"))
                    .isEqualTo(List.of("spark-relay-spark-submitter-credential")));
    for (Map<String, Object> binding : rbac.ofKind("RoleBinding")) {
      assertThat(asMaps(binding.get("subjects")))
          .extracting(s -> s.get("kind"), s -> s.get("name"), s -> s.get("namespace"))
          .containsExactly(tuple("ServiceAccount", "spark-relay-workflow", "argo-workflows"));
      assertThat(at(binding, "roleRef.name")).isEqualTo(name(binding));
    }
    assertThat(rbac.ofKind("ServiceAccount"))
        .extracting(Manifests::name)
        .containsExactly("spark-relay-workflow");
  }

  /** The regular expression in `<operator> '<regex>'` of an Argo expression. */
  private static Pattern patternAfter(String operator, String expression) {
    Matcher m = Pattern.compile(operator + " '([^']*)'").matcher(expression);
    assertThat(m.find()).as("%s '<regex>' in %s", operator, expression).isTrue();
    return Pattern.compile(m.group(1));
  }

  @Test
  void everyPodRunsAsTheRestrictedStandardWants() {
    assertThat(asMap(at(template, "spec.securityContext")))
        .containsEntry("runAsNonRoot", true)
        .containsEntry("runAsUser", 65534)
        .containsEntry("runAsGroup", 65534)
        .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
  }

  /** deploy/argo/README.md's kustomize patch for another release name names these positions. */
  @Test
  void theReleaseNamedPlacesAreWhereTheReadmesPatchSaysTheyAre() {
    Map<String, Object> submit = asMaps(at(template, "spec.templates")).get(2);
    assertThat(submit.get("name")).isEqualTo("submit-spark");
    assertThat(at(asMaps(at(submit, "http.headers")).get(2), "valueFrom.secretKeyRef.name"))
        .isEqualTo("spark-relay-spark-submitter-credential");
    Map<String, Object> url = asMaps(at(template, "spec.arguments.parameters")).get(5);
    assertThat(url.get("name")).isEqualTo("submitter-url");
    Map<String, Object> role =
        rbac.ofKind("Role").stream()
            .filter(r -> "argo-workflows".equals(namespace(r)))
            .findFirst()
            .orElseThrow();
    assertThat(name(role)).isEqualTo("spark-relay-workflow");
    Map<String, Object> rule = asMaps(at(role, "rules")).get(3);
    assertThat(rule.get("resources")).isEqualTo(java.util.List.of("secrets"));
    assertThat(rule.get("resourceNames"))
        .isEqualTo(java.util.List.of("spark-relay-spark-submitter-credential"));
  }

  @Test
  void everyImageOfTheTemplateIsPinnedByDigest() {
    List<Object> images =
        asMaps(at(template, "spec.templates")).stream()
            .map(t -> at(t, "container.image"))
            .filter(java.util.Objects::nonNull)
            .toList();
    assertThat(images)
        .isNotEmpty()
        .allSatisfy(image -> assertThat((String) image).matches("[^@]+@sha256:[0-9a-f]{64}"));
  }
}
