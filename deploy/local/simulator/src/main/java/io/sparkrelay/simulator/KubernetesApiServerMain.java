package io.sparkrelay.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sparkrelay.simulator.kube.KubeClients;
import io.sparkrelay.simulator.kube.ResourceKinds;
import io.sparkrelay.standin.KubernetesApiStandIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The fabric8 mock Kubernetes API server (CRUD mode, Spark Relay's CRDs known) as a process of its
 * own, for the local chain. It creates the namespaces asked for and applies the manifests given as
 * arguments (e.g. the WorkflowTemplate from deploy/argo), prints its URL and writes it to {@code
 * --url-file}, then serves until stopped.
 *
 * <pre>
 * java -cp spark-relay-simulator.jar io.sparkrelay.simulator.KubernetesApiServerMain \
 *   --port 8085 --url-file .run/api-url --namespace argo-workflows --namespace spark-team-a \
 *   deploy/argo/workflowtemplate.yaml
 * </pre>
 */
public final class KubernetesApiServerMain {

  /** Held so the level set on it is not garbage-collected with the logger. */
  private static final java.util.logging.Logger REQUEST_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private KubernetesApiServerMain() {}

  /** The mock server logs every request at INFO; {@code --verbose} keeps that. */
  static void quietRequestLog() {
    REQUEST_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  public static void main(String[] args) throws Exception {
    CommandLine cli = new CommandLine(args);
    if (cli.has("help")) {
      System.out.println(
          "options: --port N (0 = free port) --url-file FILE --namespace NS (repeatable) --verbose"
              + " --answer-workflow-creates (201 to Workflow creates in the namespaces, nothing"
              + " stored) --tokens FILE (\"token user\" per line: every API call needs one)"
              + " --rbac FILE (Roles, ClusterRoles and bindings enforced; repeatable)"
              + " --admin-token-file FILE (the token this process sets the stand-in up with)"
              + " [manifest.yaml ...]");
      return;
    }
    if (!cli.has("verbose")) {
      quietRequestLog();
    }
    StandInRules rules = StandInRules.from(cli);
    KubernetesApiStandIn api =
        KubernetesApiStandIn.startAround(
            (int) cli.number("port", 0), rules::gatesAround, rules::identify);
    api.countRequests();
    rules.serveRuleUsage(api);
    if (cli.has("answer-workflow-creates")) {
      cli.values("namespace").forEach(api::answerWorkflowCreatesWithoutStoring);
      System.out.println("Workflow creates are answered 201 and not stored");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  api.close();
                  stopped.countDown();
                },
                "api-server-shutdown"));
    try (KubernetesClient client = KubeClients.forUrl(api.url(), rules.adminToken())) {
      for (String namespace : cli.values("namespace")) {
        createNamespace(client, namespace);
      }
      for (String file : cli.positional()) {
        apply(client, Path.of(file));
      }
    }
    if (cli.value("url-file").isPresent()) {
      Path urlFile = Path.of(cli.value("url-file").get());
      Files.writeString(urlFile, api.url() + System.lineSeparator());
    }
    System.out.println(
        "Kubernetes API stand-in (fabric8 mock, CRUD mode) listening on "
            + api.url()
            + "; request log by client, verb and resource at "
            + api.url()
            + KubernetesApiStandIn.REQUEST_LOG_PATH);
    stopped.await();
  }

  private static void createNamespace(KubernetesClient client, String name) {
    try {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .create();
      System.out.println("namespace/" + name + " created");
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  /** Creates every document of a YAML file, the way {@code kubectl create -f} would. */
  static void apply(KubernetesClient client, Path file) throws IOException {
    for (String document : documents(Files.readString(file))) {
      GenericKubernetesResource resource =
          Serialization.unmarshal(document, GenericKubernetesResource.class);
      ResourceDefinitionContext context =
          ResourceKinds.find(resource.getApiVersion(), resource.getKind())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          file
                              + ": the mock API server does not know "
                              + resource.getApiVersion()
                              + " "
                              + resource.getKind()));
      String namespace = resource.getMetadata().getNamespace();
      if (context.isNamespaceScoped() && namespace == null) {
        namespace = "default";
        resource.getMetadata().setNamespace(namespace);
      }
      if (context.isNamespaceScoped()) {
        createNamespace(client, namespace);
        client
            .genericKubernetesResources(context)
            .inNamespace(namespace)
            .resource(resource)
            .create();
      } else {
        client.genericKubernetesResources(context).resource(resource).create();
      }
      System.out.println(
          context.getPlural()
              + "/"
              + resource.getMetadata().getName()
              + (namespace == null ? "" : " in " + namespace)
              + " created from "
              + file);
    }
  }

  static List<String> documents(String yaml) {
    return java.util.Arrays.stream(yaml.split("(?m)^---\\s*$"))
        .filter(doc -> doc.lines().anyMatch(line -> line.startsWith("kind:")))
        .toList();
  }
}
