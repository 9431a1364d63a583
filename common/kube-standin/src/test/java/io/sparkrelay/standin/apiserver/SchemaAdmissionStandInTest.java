package io.sparkrelay.standin.apiserver;

import static io.sparkrelay.standin.apiserver.SchemaFixtures.at;
import static io.sparkrelay.standin.apiserver.SchemaFixtures.edited;
import static io.sparkrelay.standin.apiserver.SchemaFixtures.workflow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.standin.RelayCustomResources;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** A fabric8 client against the stand-in with schema admission, over HTTP. */
class SchemaAdmissionStandInTest {

  private static final String NAMESPACE = "argo-workflows";

  @Test
  void anInvalidWorkflowIsRefusedWith422AndKubesMessage() {
    try (KubernetesApiStandIn api =
            KubernetesApiStandIn.start(0, List.of(SchemaAdmission.withoutStoreAccess()));
        KubernetesClient client = client(api.url())) {
      GenericKubernetesResource invalid =
          resource(edited(workflow(), w -> at(w, "/spec").put("parallelism", "x")));

      KubernetesClientException refused =
          catchThrowableOfType(
              KubernetesClientException.class, () -> workflows(client).resource(invalid).create());

      assertThat(refused.getCode()).isEqualTo(422);
      assertThat(refused.getStatus().getMessage())
          .isEqualTo(
              "Workflow.argoproj.io \"nightly-taxi-1a2b3c\" is invalid: spec.parallelism: Invalid"
                  + " value: \"string\": spec.parallelism in body must be of type integer:"
                  + " \"string\"");
      assertThat(refused.getMessage())
          .contains(
              "Message: Workflow.argoproj.io \"nightly-taxi-1a2b3c\" is invalid: spec.parallelism:"
                  + " Invalid value: \"string\"");
      assertThat(refused.getStatus().getReason()).isEqualTo("Invalid");
      assertThat(refused.getStatus().getDetails().getCauses())
          .containsExactly(
              new StatusCause(
                  "spec.parallelism",
                  "Invalid value: \"string\": spec.parallelism in body must be of type integer:"
                      + " \"string\"",
                  "FieldValueTypeInvalid"));
      assertThat(workflows(client).list().getItems()).isEmpty();
    }
  }

  @Test
  void aCreateWithAnUnknownFieldReadsBackWithoutIt() {
    try (KubernetesApiStandIn api =
            KubernetesApiStandIn.start(0, List.of(SchemaAdmission.withoutStoreAccess()));
        KubernetesClient client = client(api.url())) {
      GenericKubernetesResource withFoo =
          resource(edited(workflow(), w -> at(w, "/spec").put("foo", "bar")));

      workflows(client).resource(withFoo).create();
      GenericKubernetesResource stored = workflows(client).withName("nightly-taxi-1a2b3c").get();

      assertThat(spec(stored)).doesNotContainKey("foo").isEqualTo(spec(workflow()));
    }
  }

  @Test
  void anUnknownFieldIsRefusedUnderStrictFieldValidation() {
    try (KubernetesApiStandIn api =
            KubernetesApiStandIn.start(0, List.of(SchemaAdmission.withoutStoreAccess()));
        KubernetesClient client = client(api.url())) {
      GenericKubernetesResource withFoo =
          resource(edited(workflow(), w -> at(w, "/spec").put("foo", "bar")));

      KubernetesClientException refused =
          catchThrowableOfType(
              KubernetesClientException.class,
              () ->
                  workflows(client).resource(withFoo).fieldValidation(Validation.STRICT).create());

      assertThat(refused.getCode()).isEqualTo(400);
      assertThat(refused.getStatus().getMessage())
          .isEqualTo(
              "Workflow in version \"v1alpha1\" cannot be handled as a Workflow: strict decoding"
                  + " error: unknown field \"spec.foo\"");
    }
  }

  @Test
  void aWorkflowStatusWriteThroughTheStatusSubresourceIsNotFound() {
    try (KubernetesApiStandIn api =
            KubernetesApiStandIn.start(0, List.of(SchemaAdmission.withoutStoreAccess()));
        KubernetesClient client = client(api.url())) {
      workflows(client).resource(workflow()).create();

      // what the simulator's Controllers.writeStatus sends
      KubernetesClientException refused =
          catchThrowableOfType(
              KubernetesClientException.class,
              () ->
                  workflows(client)
                      .resource(workflow())
                      .subresource("status")
                      .patch(
                          PatchContext.of(PatchType.JSON),
                          "[{\"op\":\"add\",\"path\":\"/status\",\"value\":{\"phase\":\"Running\"}}]"));

      assertThat(refused.getCode()).isEqualTo(404);
      assertThat(refused.getStatus().getMessage())
          .isEqualTo("workflows.argoproj.io \"nightly-taxi-1a2b3c\" not found");
    }
  }

  /** The stand-in keeps its store to itself; built here as it builds itself, with store access. */
  @Test
  void withStoreAccessAMergePatchMakingTheWorkflowInvalidIsRefused() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMixedDispatcher store =
        new KubernetesMixedDispatcher(responses, RelayCustomResources.ALL);
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new GatedDispatcher(store, List.of(SchemaAdmission.inFrontOf(store))),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    try (KubernetesClient client = client("http://127.0.0.1:" + server.getPort())) {
      workflows(client).resource(workflow()).create();

      KubernetesClientException refused =
          catchThrowableOfType(
              KubernetesClientException.class,
              () ->
                  workflows(client)
                      .withName("nightly-taxi-1a2b3c")
                      .patch(
                          PatchContext.of(PatchType.JSON_MERGE),
                          "{\"spec\":{\"arguments\":{\"parameters\":[{\"value\":\"x\"}]}}}"));

      assertThat(refused.getCode()).isEqualTo(422);
      assertThat(refused.getStatus().getMessage())
          .isEqualTo(
              "Workflow.argoproj.io \"nightly-taxi-1a2b3c\" is invalid:"
                  + " spec.arguments.parameters[0].name: Required value");
      assertThat(spec(workflows(client).withName("nightly-taxi-1a2b3c").get()))
          .isEqualTo(spec(workflow()));
    } finally {
      server.destroy();
    }
  }

  private static KubernetesClient client(String url) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder()
                .withMasterUrl(url)
                .withNamespace(NAMESPACE)
                .withRequestRetryBackoffLimit(0)
                .build())
        .build();
  }

  private static NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      workflows(KubernetesClient client) {
    return client.genericKubernetesResources(RelayCustomResources.WORKFLOW).inNamespace(NAMESPACE);
  }

  private static GenericKubernetesResource resource(String json) {
    return Serialization.unmarshal(json, GenericKubernetesResource.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource resource) {
    return Serialization.jsonMapper().convertValue(resource.get("spec"), Map.class);
  }
}
