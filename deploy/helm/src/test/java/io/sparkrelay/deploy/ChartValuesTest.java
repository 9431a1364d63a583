package io.sparkrelay.deploy;

import static io.sparkrelay.deploy.Manifests.asMap;
import static io.sparkrelay.deploy.Manifests.asMaps;
import static io.sparkrelay.deploy.Manifests.at;
import static io.sparkrelay.deploy.Manifests.component;
import static io.sparkrelay.deploy.Manifests.name;
import static io.sparkrelay.deploy.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What the values change in the rendered chart, as an operator would check with helm template. */
class ChartValuesTest {

  private static final List<String> COMPONENTS =
      List.of("sqs-bridge", "workflow-launcher", "spark-submitter", "status-reporter");

  private static final List<String> READ = List.of("get", "list", "watch");
  private static final List<String> CREATE_AND_READ = List.of("create", "get", "list", "watch");

  private static org.assertj.core.groups.Tuple grant(
      String component, String namespace, String resource, List<String> verbs) {
    return tuple(component, namespace, List.of(resource), verbs);
  }

  private static Manifests render(Map<String, String> sets) {
    return Manifests.parse(Helm.v4().template(ValuesFile.defaults(), sets));
  }

  private static List<String> images(Manifests manifests) {
    return manifests.ofKind("Deployment").stream()
        .flatMap(d -> asMaps(at(d, "spec.template.spec.containers")).stream())
        .map(container -> (String) container.get("image"))
        .sorted()
        .toList();
  }

  private static Map<String, Object> container(Manifests manifests, String component) {
    Map<String, Object> deployment = manifests.named("Deployment", "spark-relay-" + component);
    return asMaps(at(deployment, "spec.template.spec.containers")).get(0);
  }

  private static Optional<Map<String, Object>> env(Map<String, Object> container, String name) {
    return asMaps(container.get("env")).stream()
        .filter(e -> name.equals(e.get("name")))
        .findFirst();
  }

  private static String checksum(Manifests manifests, String component) {
    Map<String, Object> deployment = manifests.named("Deployment", "spark-relay-" + component);
    return (String)
        asMap(at(deployment, "spec.template.metadata.annotations")).get("checksum/config");
  }

  @Test
  void imagesComeFromTheValues() {
    Manifests manifests =
        render(Map.of("image.registry", "registry.example.com/team", "image.tag", "9.9.9"));

    assertThat(images(manifests))
        .containsExactly(
            "registry.example.com/team/spark-relay/spark-submitter:9.9.9",
            "registry.example.com/team/spark-relay/sqs-bridge:9.9.9",
            "registry.example.com/team/spark-relay/status-reporter:9.9.9",
            "registry.example.com/team/spark-relay/workflow-launcher:9.9.9");
  }

  @Test
  void theNativeFlavourPicksTheNativeImagesAndAComponentTagWins() {
    Manifests manifests =
        render(
            Map.of(
                "image.flavor", "native",
                "image.tag", "2.0.0",
                "sqsBridge.image.repository", "acme/bridge",
                "sqsBridge.image.tag", "pinned",
                "statusReporter.image.digest", "sha256:" + "a".repeat(64)));

    assertThat(images(manifests))
        .containsExactly(
            "ghcr.io/acme/bridge:pinned",
            "ghcr.io/spark-relay/spark-submitter:2.0.0-native",
            "ghcr.io/spark-relay/status-reporter@sha256:" + "a".repeat(64),
            "ghcr.io/spark-relay/workflow-launcher:2.0.0-native");
  }

  @Test
  void withoutATagTheImagesFollowTheChartAppVersion() {
    assertThat(images(render(Map.of()))).allMatch(image -> image.endsWith(":0.1.0"));
  }

  @Test
  void onlyTheBridgeServiceAccountCarriesTheIrsaRole() {
    String role = "arn:aws:iam::123456789012:role/relay-bridge";
    Manifests manifests = render(Map.of("sqsBridge.serviceAccount.roleArn", role));

    assertThat(manifests.ofKind("ServiceAccount")).hasSize(4);
    Map<String, Object> bridge = manifests.named("ServiceAccount", "spark-relay-sqs-bridge");
    assertThat(asMap(at(bridge, "metadata.annotations")))
        .containsEntry("eks.amazonaws.com/role-arn", role);
    for (String other : COMPONENTS.subList(1, COMPONENTS.size())) {
      Object annotations =
          at(manifests.named("ServiceAccount", "spark-relay-" + other), "metadata.annotations");
      assertThat(annotations).as(other).isNull();
    }
    assertThat(at(manifests.named("Deployment", "spark-relay-sqs-bridge"), "spec.template.spec"))
        .extracting(pod -> asMap(pod).get("automountServiceAccountToken"))
        .isEqualTo(false);
  }

  @Test
  void aSwitchedOffComponentRendersNothing() {
    Manifests manifests =
        render(Map.of("sparkSubmitter.enabled", "false", "statusReporter.enabled", "false"));

    assertThat(manifests.objects())
        .extracting(Manifests::component)
        .doesNotContain("spark-submitter", "status-reporter")
        .contains("sqs-bridge", "workflow-launcher");
  }

  @Test
  void eachComponentGetsOnlyTheVerbsItNeedsWhereItNeedsThem() {
    Manifests manifests =
        render(
            Map.of("spark.namespaces[0]", "spark-team-a", "spark.namespaces[1]", "spark-team-b"));

    assertThat(manifests.ofKind("Role"))
        .flatExtracting(
            role ->
                asMaps(role.get("rules")).stream()
                    .map(
                        rule ->
                            tuple(
                                component(role),
                                namespace(role),
                                rule.get("resources"),
                                rule.get("verbs")))
                    .toList())
        .containsExactlyInAnyOrder(
            grant("workflow-launcher", "argo-workflows", "workflows", CREATE_AND_READ),
            grant("spark-submitter", "spark-team-a", "sparkapplications", CREATE_AND_READ),
            grant("spark-submitter", "spark-team-b", "sparkapplications", CREATE_AND_READ),
            grant("spark-submitter", "argo-workflows", "workflows", List.of("get")),
            grant("status-reporter", "argo-workflows", "workflows", READ),
            grant("status-reporter", "spark-team-a", "sparkapplications", READ),
            grant("status-reporter", "spark-team-a", "pods", READ),
            grant("status-reporter", "spark-team-b", "sparkapplications", READ),
            grant("status-reporter", "spark-team-b", "pods", READ));
    // each kind is watched exactly where the Roles above grant it
    assertThat(env(container(manifests, "status-reporter"), "RELAY_WATCH_WORKFLOW_NAMESPACES"))
        .get()
        .extracting(e -> e.get("value"))
        .isEqualTo("argo-workflows");
    assertThat(env(container(manifests, "status-reporter"), "RELAY_WATCH_DATA_NAMESPACES"))
        .get()
        .extracting(e -> e.get("value"))
        .isEqualTo("spark-team-a,spark-team-b");
  }

  @org.junit.jupiter.api.Test
  void theReportersRetentionIsItsBucketsMaxAge() {
    assertThat(env(container(render(Map.of()), "status-reporter"), "RELAY_NATS_BUCKET_MAX_AGE"))
        .get()
        .extracting(e -> e.get("value"))
        .isEqualTo("14d");
    assertThat(
            env(
                container(render(Map.of("statusReporter.retention", "30d")), "status-reporter"),
                "RELAY_NATS_BUCKET_MAX_AGE"))
        .get()
        .extracting(e -> e.get("value"))
        .isEqualTo("30d");
  }

  private static Map<String, String> natsReplicas(Manifests manifests) {
    Map<String, String> replicas = new TreeMap<>();
    for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
      Map<String, Object> container =
          asMaps(at(deployment, "spec.template.spec.containers")).get(0);
      replicas.put(
          component(deployment),
          (String) env(container, "RELAY_NATS_REPLICAS").orElseThrow().get("value"));
    }
    return replicas;
  }

  @Test
  void everyServiceCreatesItsStreamsWithTheJetStreamReplicasOfTheValues() {
    assertThat(natsReplicas(render(Map.of())))
        .as("the default: a three-node JetStream cluster")
        .isEqualTo(
            Map.of(
                "sqs-bridge", "3",
                "workflow-launcher", "3",
                "spark-submitter", "3",
                "status-reporter", "3"));
    assertThat(natsReplicas(render(Map.of("nats.replicas", "1"))))
        .as("a single nats-server")
        .isEqualTo(
            Map.of(
                "sqs-bridge", "1",
                "workflow-launcher", "1",
                "spark-submitter", "1",
                "status-reporter", "1"));
    Map<String, String> five = natsReplicas(render(Map.of("nats.replicas", "5")));
    assertThat(five).containsOnlyKeys(COMPONENTS);
    assertThat(five.values()).containsOnly("5");
  }

  @Test
  void jetStreamReplicasOutsideOneToFiveAreRefused() {
    for (String replicas : List.of("0", "6", "2.5", "three", "null")) {
      CommandResult result =
          renderWithout(List.of("nats.allowInsecure=true", "nats.replicas=" + replicas));
      assertThat(result.succeeded()).as("%s\n%s", replicas, result.describe()).isFalse();
      assertThat(result.stderr()).as(replicas).contains("nats.replicas must be 1 to 5");
    }
  }

  private static Map<String, Object> peer(String namespace) {
    return Map.of(
        "namespaceSelector",
        Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", namespace)));
  }

  private static Map<String, Object> rule(List<Map<String, Object>> from) {
    return Map.of("from", from, "ports", List.of(Map.of("port", "http", "protocol", "TCP")));
  }

  private static List<Map<String, Object>> ingress(Manifests manifests, String component) {
    Map<String, Object> policy = manifests.named("NetworkPolicy", "spark-relay-" + component);
    assertThat(asMap(at(policy, "spec.podSelector.matchLabels")))
        .as(component)
        .isEqualTo(
            Map.of(
                "app.kubernetes.io/name", "spark-relay",
                "app.kubernetes.io/instance", "spark-relay",
                "app.kubernetes.io/component", component));
    assertThat(at(policy, "spec.policyTypes")).as(component).isEqualTo(List.of("Ingress"));
    return asMaps(at(policy, "spec.ingress"));
  }

  @Test
  void eachComponentAdmitsOnlyItsOwnPeersOnItsPort() {
    Manifests manifests =
        render(
            Map.of(
                "argo.workflowNamespace", "pipelines",
                "statusReporter.networkPolicy.apiNamespaces[0]", "ops",
                "statusReporter.networkPolicy.apiNamespaces[1]", "portal"));

    Map<String, Object> metrics = rule(List.of(peer("kube-prometheus-stack")));
    assertThat(ingress(manifests, "sqs-bridge")).containsExactly(metrics);
    assertThat(ingress(manifests, "workflow-launcher")).containsExactly(metrics);
    // the Argo agent pods of the workflow namespace: namespace AND pod selector in one peer
    assertThat(ingress(manifests, "spark-submitter"))
        .containsExactly(
            metrics,
            rule(
                List.of(
                    Map.of(
                        "namespaceSelector",
                        Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "pipelines")),
                        "podSelector",
                        Map.of(
                            "matchLabels", Map.of("workflows.argoproj.io/component", "agent"))))));
    assertThat(ingress(manifests, "status-reporter"))
        .containsExactly(metrics, rule(List.of(peer("ops"), peer("portal"))));
    assertThat(manifests.ofKind("NetworkPolicy"))
        .extracting(Manifests::name)
        .containsExactlyInAnyOrder(
            "spark-relay-sqs-bridge",
            "spark-relay-workflow-launcher",
            "spark-relay-spark-submitter",
            "spark-relay-status-reporter");
  }

  @Test
  void theMetricsScrapeComesFromTheSelectedNamespaceAndPodsOrFromNowhere() {
    Manifests narrowed =
        render(
            Map.of(
                "networkPolicy.metricsFrom.matchLabels.kubernetes\\.io/metadata\\.name",
                "monitoring",
                "networkPolicy.metricsPodSelector.matchLabels.app\\.kubernetes\\.io/name",
                "prometheus"));

    assertThat(ingress(narrowed, "workflow-launcher"))
        .containsExactly(
            rule(
                List.of(
                    Map.of(
                        "namespaceSelector",
                        Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")),
                        "podSelector",
                        Map.of("matchLabels", Map.of("app.kubernetes.io/name", "prometheus"))))));

    Manifests none = render(Map.of("networkPolicy.metricsFrom", "null"));
    assertThat(ingress(none, "sqs-bridge")).isEmpty();
    assertThat(ingress(none, "workflow-launcher")).isEmpty();
    assertThat(ingress(none, "status-reporter")).isEmpty();
    assertThat(ingress(none, "spark-submitter")).hasSize(1);
  }

  @Test
  void aComponentsNetworkPolicyCanBeSwitchedOffAndWidened() {
    Manifests manifests =
        render(
            Map.of(
                "sqsBridge.networkPolicy.enabled", "false",
                "workflowLauncher.networkPolicy.extraFrom[0].ipBlock.cidr", "10.1.0.0/16"));

    assertThat(manifests.ofKind("NetworkPolicy"))
        .extracting(Manifests::name)
        .doesNotContain("spark-relay-sqs-bridge");
    assertThat(ingress(manifests, "workflow-launcher"))
        .containsExactly(
            rule(List.of(peer("kube-prometheus-stack"))),
            rule(List.of(Map.of("ipBlock", Map.of("cidr", "10.1.0.0/16")))));
  }

  private static CommandResult renderWithout(List<String> sets) {
    List<String> arguments = new java.util.ArrayList<>(List.of("template", "spark-relay", "."));
    sets.forEach(set -> arguments.addAll(List.of("--set", set)));
    return Helm.v4().run(arguments);
  }

  @Test
  void theChartRefusesToRenderWithoutNatsCredentials() {
    String refusal =
        "NATS credentials are required: set nats.users.existingSecret (one user per service),"
            + " nats.auth (token, or username and password), or nats.existingSecret.name with the"
            + " key(s) of your Secret; nats.allowInsecure=true renders without them";
    for (List<String> sets :
        List.of(
            List.<String>of(),
            List.of("nats.existingSecret.name=nats-client"),
            List.of("nats.auth.token="))) {
      CommandResult result = renderWithout(sets);
      assertThat(result.succeeded()).as("%s\n%s", sets, result.describe()).isFalse();
      assertThat(result.stderr()).as("%s", sets).contains(refusal);
    }
    for (List<String> sets :
        List.of(
            List.of("nats.allowInsecure=true"),
            List.of("nats.users.existingSecret=spark-relay-nats-users"),
            List.of("nats.auth.token=t0ken"),
            List.of("nats.auth.username=relay", "nats.auth.password=pw"),
            List.of(
                "nats.existingSecret.name=nats-client",
                "nats.existingSecret.credentialsKey=relay.creds"))) {
      CommandResult result = renderWithout(sets);
      assertThat(result.succeeded()).as("%s\n%s", sets, result.describe()).isTrue();
    }
  }

  @Test
  void natsCredentialsFromValuesGoThroughASecretNeverAPlainVariable() {
    Manifests manifests =
        render(Map.of("nats.auth.username", "relay", "nats.auth.password", "hunter2"));

    Map<String, Object> secret = manifests.named("Secret", "spark-relay-nats");
    assertThat(asMap(secret.get("stringData")))
        .containsEntry("username", "relay")
        .containsEntry("password", "hunter2");
    for (String component : COMPONENTS) {
      Map<String, Object> password =
          env(container(manifests, component), "RELAY_NATS_PASSWORD").orElseThrow();
      assertThat(password).doesNotContainKey("value");
      assertThat(at(password, "valueFrom.secretKeyRef.name")).isEqualTo("spark-relay-nats");
    }
  }

  @Test
  void anExistingSecretIsUsedAsItIsAndItsCredentialsFileMounted() {
    Manifests manifests =
        render(
            Map.of(
                "nats.existingSecret.name", "eventbus-client",
                "nats.existingSecret.tokenKey", "token",
                "nats.existingSecret.credentialsKey", "relay.creds",
                "nats.auth.token", "ignored"));

    // no NATS Secret (the submitter's credential Secrets are another matter)
    assertThat(manifests.ofKind("Secret"))
        .extracting(Manifests::name)
        .doesNotContain("spark-relay-nats");
    Map<String, Object> launcher = container(manifests, "workflow-launcher");
    assertThat(env(launcher, "RELAY_NATS_TOKEN").orElseThrow())
        .extracting(e -> at(e, "valueFrom.secretKeyRef"))
        .isEqualTo(Map.of("name", "eventbus-client", "key", "token"));
    assertThat(env(launcher, "RELAY_NATS_CREDENTIALS_FILE").orElseThrow().get("value"))
        .isEqualTo("/etc/spark-relay/nats/relay.creds");
    assertThat(asMaps(launcher.get("volumeMounts")))
        .extracting(m -> m.get("mountPath"))
        .contains("/etc/spark-relay/nats");
  }

  @Test
  void changingTheTriggerRulesRollsTheLauncherOnly() {
    Manifests before = render(Map.of());
    Manifests after =
        render(Map.of("workflowLauncher.rules.rules[0].workflowTemplate.name", "another-template"));

    assertThat(
            asMap(after.named("ConfigMap", "spark-relay-workflow-launcher-rules").get("data"))
                .get("rules.yaml"))
        .asString()
        .contains("another-template");
    assertThat(checksum(after, "workflow-launcher"))
        .isNotEqualTo(checksum(before, "workflow-launcher"));
    assertThat(checksum(after, "sqs-bridge")).isEqualTo(checksum(before, "sqs-bridge"));
    assertThat(checksum(after, "spark-submitter")).isEqualTo(checksum(before, "spark-submitter"));
  }

  @Test
  void theRulesAndProfilesAreMountedWhereTheServicesAreToldToReadThem() {
    Manifests manifests = render(Map.of("sparkSubmitter.profiles.profiles.pi.mainClass", "Pi"));

    Map<String, Object> launcher = container(manifests, "workflow-launcher");
    assertThat(env(launcher, "RELAY_RULES_FILE").orElseThrow().get("value"))
        .isEqualTo("/etc/spark-relay/rules/rules.yaml");
    assertThat(asMaps(launcher.get("volumeMounts")))
        .extracting(m -> m.get("name"), m -> m.get("mountPath"))
        .contains(tuple("rules", "/etc/spark-relay/rules"));

    Map<String, Object> submitter = container(manifests, "spark-submitter");
    assertThat(env(submitter, "RELAY_PROFILES_FILE").orElseThrow().get("value"))
        .isEqualTo("/etc/spark-relay/profiles/profiles.yaml");
    assertThat(submitter.get("envFrom"))
        .isEqualTo(
            List.of(Map.of("configMapRef", Map.of("name", "spark-relay-spark-submitter-policy"))));
    assertThat(
            asMap(manifests.named("ConfigMap", "spark-relay-spark-submitter-policy").get("data")))
        .containsEntry("RELAY_POLICY_ALLOWED_NAMESPACES", "spark-team-a")
        .containsEntry("RELAY_POLICY_MAX_EXECUTORS", "10");
  }

  @Test
  void relaySettingsBecomeTheEnvironmentQuarkusReads() {
    Manifests manifests =
        render(
            Map.of(
                "sqsBridge.config.relay\\.sqs\\.visibility-timeout-seconds", "60",
                "sqsBridge.queueUrl", "https://sqs.eu-west-1.amazonaws.com/1/jobs",
                "sqsBridge.region", "eu-west-1"));

    Map<String, Object> bridge = container(manifests, "sqs-bridge");
    assertThat(env(bridge, "RELAY_SQS_VISIBILITY_TIMEOUT_SECONDS").orElseThrow().get("value"))
        .isEqualTo("60");
    assertThat(env(bridge, "RELAY_SQS_QUEUE_URL").orElseThrow().get("value"))
        .isEqualTo("https://sqs.eu-west-1.amazonaws.com/1/jobs");
    assertThat(env(bridge, "RELAY_SQS_QUEUE_NAME")).isEmpty();
    assertThat(env(bridge, "QUARKUS_SQS_AWS_REGION").orElseThrow().get("value"))
        .isEqualTo("eu-west-1");
  }

  @Test
  void theBridgeRefusesToRenderWithoutAQueue() {
    CommandResult result =
        Helm.v4()
            .run(
                List.of(
                    "template",
                    "spark-relay",
                    ".",
                    "--set",
                    "nats.allowInsecure=true",
                    "--set",
                    "sqsBridge.queueName=",
                    "--set",
                    "sqsBridge.queueUrl="));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.stderr()).contains("sqsBridge.queueUrl");
  }

  @Test
  void serviceMonitorsAppearOnlyWhenSwitchedOn() {
    assertThat(render(Map.of()).ofKind("ServiceMonitor")).isEmpty();

    Manifests manifests =
        render(
            Map.of("serviceMonitor.enabled", "true", "sqsBridge.serviceMonitor.enabled", "false"));

    assertThat(manifests.ofKind("ServiceMonitor"))
        .extracting(Manifests::name)
        .containsExactlyInAnyOrder(
            "spark-relay-workflow-launcher",
            "spark-relay-spark-submitter",
            "spark-relay-status-reporter");
    for (Map<String, Object> monitor : manifests.ofKind("ServiceMonitor")) {
      assertThat(asMaps(at(monitor, "spec.endpoints")))
          .extracting(e -> e.get("port"), e -> e.get("path"))
          .containsExactly(tuple("http", "/q/metrics"));
      assertThat(name(monitor)).startsWith("spark-relay-");
    }
  }
}
