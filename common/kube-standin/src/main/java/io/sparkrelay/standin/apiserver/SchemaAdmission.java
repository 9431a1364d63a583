package io.sparkrelay.standin.apiserver;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Schema admission of custom resources, as kube-apiserver does it for CRDs with structural schemas:
 * creates (POST), updates (PUT) and patches (PATCH) of Workflows, WorkflowTemplates and
 * SparkApplications, their {@code /status} included where the CRD serves it.
 *
 * <ul>
 *   <li>Unknown fields are pruned. {@code fieldValidation=Strict} refuses them instead (400, {@code
 *       strict decoding error: unknown field "spec.foo"}). Warn (kube's default) prunes as Ignore
 *       does, without kube's {@code Warning} header: a gate can hand a request on or answer it, not
 *       add a header to the store's answer (and GatedDispatcher logs every answer as a refusal).
 *   <li>Schema errors (types, int-or-string, enum, required, pattern, bounds, lengths, date-time)
 *       are refused with 422 and the Status kube-apiserver sends.
 *   <li>A patch is checked on the object as it will be after the patch, read from the store; it is
 *       refused or handed on as it came, never rewritten: unknown fields it adds are refused under
 *       Strict and otherwise reach the store.
 *   <li>A subresource the CRD does not serve ({@code /status} of a Workflow or WorkflowTemplate) is
 *       404 whatever the verb, as kube-apiserver answers.
 * </ul>
 *
 * Everything else passes untouched. CEL rules ({@code x-kubernetes-validations}), list-type
 * uniqueness, defaulting and ObjectMeta rules are not applied.
 */
public final class SchemaAdmission implements RequestGate {

  private final CrdSchemas schemas;
  private final Dispatcher store;

  private SchemaAdmission(CrdSchemas schemas, Dispatcher store) {
    this.schemas = schemas;
    this.store = store;
  }

  /**
   * Admission in front of {@code store}, the dispatcher the gates guard: patches are checked
   * against the object as read from it with a GET (which neither the request log nor the refusals
   * see). Put it last among the gates, as kube-apiserver admits after authentication and
   * authorization.
   */
  public static SchemaAdmission inFrontOf(Dispatcher store) {
    return new SchemaAdmission(CrdSchemas.relay(), store);
  }

  /**
   * Admission that cannot read the store, for {@code KubernetesApiStandIn.start(port, gates)},
   * which keeps its store to itself: creates and updates are checked and pruned the same, patches
   * pass unchecked.
   */
  public static SchemaAdmission withoutStoreAccess() {
    return new SchemaAdmission(CrdSchemas.relay(), null);
  }

  @Override
  public Verdict check(RecordedRequest request) {
    Optional<SchemaRequestPath> parsed = SchemaRequestPath.parse(request.getPath());
    if (parsed.isEmpty()) {
      return new Pass(request);
    }
    SchemaRequestPath path = parsed.get();
    Optional<CrdSchema> crd = schemas.find(path.group(), path.version(), path.plural());
    if (crd.isEmpty()) {
      return new Pass(request);
    }
    if (path.subresource() != null
        && !(path.subresource().equals("status") && crd.get().hasStatusSubresource())) {
      return new Refuse(SchemaStatus.notFound(path.group(), path.plural(), path.name()));
    }
    return switch (request.method()) {
      case POST -> path.isCollection() ? admitWhole(request, path, crd.get()) : new Pass(request);
      case PUT -> path.isCollection() ? new Pass(request) : admitWhole(request, path, crd.get());
      case PATCH -> path.isCollection() ? new Pass(request) : admitPatch(request, path, crd.get());
      default -> new Pass(request);
    };
  }

  /** A create or an update: the body is the whole object. */
  private Verdict admitWhole(RecordedRequest request, SchemaRequestPath path, CrdSchema crd) {
    Optional<ObjectNode> body = SchemaJson.object(request.getBody().getBytes());
    if (body.isEmpty()) {
      return new Pass(request);
    }
    ObjectNode object = body.get();
    String name =
        path.isCollection() ? object.path("metadata").path("name").asString("") : path.name();
    SchemaPruning.Result pruned = SchemaPruning.prune(object, crd.structuralSchema());
    if (path.strict() && !pruned.unknownFields().isEmpty()) {
      return new Refuse(SchemaStatus.cannotBeHandled(crd, pruned.unknownFields()));
    }
    List<SchemaFieldError> errors = crd.validate(object);
    if (!errors.isEmpty()) {
      return new Refuse(SchemaStatus.invalid(crd, name, errors));
    }
    return new Pass(pruned.changed() ? withBody(request, object) : request);
  }

  /** A patch: validated as the object it makes of the stored one; handed on as it came. */
  private Verdict admitPatch(RecordedRequest request, SchemaRequestPath path, CrdSchema crd) {
    if (store == null) {
      return new Pass(request);
    }
    Optional<ObjectNode> current = read(path.objectPath());
    if (current.isEmpty()) {
      return new Pass(request); // the store answers 404, as kube-apiserver would
    }
    Optional<ObjectNode> patched =
        SchemaPatches.apply(
            current.get(), request.getHeader("Content-Type"), request.getBody().getBytes());
    if (patched.isEmpty()) {
      return new Pass(request);
    }
    // Only the fields the patch brings count: what is stored already was admitted (or predates
    // admission), and kube's store never holds unknown fields.
    Set<String> storedUnknown =
        new HashSet<>(SchemaPruning.prune(current.get(), crd.structuralSchema()).unknownFields());
    List<String> added =
        SchemaPruning.prune(patched.get(), crd.structuralSchema()).unknownFields().stream()
            .filter(field -> !storedUnknown.contains(field))
            .toList();
    if (path.strict() && !added.isEmpty()) {
      return new Refuse(SchemaStatus.strictPatch(added));
    }
    List<SchemaFieldError> errors = crd.validate(patched.get());
    if (!errors.isEmpty()) {
      return new Refuse(SchemaStatus.invalid(crd, path.name(), errors));
    }
    return new Pass(request);
  }

  private Optional<ObjectNode> read(String objectPath) {
    MockResponse response =
        store.dispatch(
            new RecordedRequest(
                "HTTP/1.1", HttpMethod.GET, objectPath, Headers.builder().build(), new Buffer()));
    if (response.code() != 200 || response.getBody() == null) {
      return Optional.empty();
    }
    return SchemaJson.object(response.getBody().getBytes());
  }

  private static RecordedRequest withBody(RecordedRequest request, JsonNode object) {
    byte[] body = SchemaJson.bytes(object);
    Headers headers =
        request
            .getHeaders()
            .newBuilder()
            .set("Content-Length", String.valueOf(body.length))
            .build();
    return new RecordedRequest(
        request.getHttpVersion(), request.method(), request.getPath(), headers, new Buffer(body));
  }
}
