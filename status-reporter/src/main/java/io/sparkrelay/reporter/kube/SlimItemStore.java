package io.sparkrelay.reporter.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An informer cache that keeps only what the reporter reads: labels, names, UIDs, timestamps, owner
 * references (kind, name, UID: the pods' owner chain) and the status fields behind the facts (of a
 * pod: phase, reason, message, its conditions' times, its containers' names, images and states).
 * Managed fields, annotations and specs are dropped as objects arrive (Argo keeps whole templates
 * and node trees in a Workflow), so memory grows with the number of runs, not with their size.
 */
final class SlimItemStore<T extends HasMetadata> extends BasicItemStore<T> {

  private static final Set<String> WORKFLOW_STATUS_FIELDS =
      Set.of("phase", "message", "startedAt", "finishedAt");
  private static final Set<String> WORKFLOW_NODE_FIELDS =
      Set.of("displayName", "type", "phase", "startedAt", "finishedAt");
  // what PodFacts reads: no addresses, QoS class, container ids, image digests or probe flags
  private static final Set<String> POD_STATUS_FIELDS =
      Set.of("phase", "reason", "message", "conditions", "containerStatuses");
  private static final Set<String> POD_CONDITION_FIELDS = Set.of("type", "lastTransitionTime");
  private static final Set<String> POD_CONTAINER_FIELDS = Set.of("name", "image", "state");

  SlimItemStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public T put(String key, T obj) {
    slim(obj);
    return super.put(key, obj);
  }

  static void slim(HasMetadata obj) {
    obj.getMetadata().setManagedFields(null);
    obj.getMetadata().setAnnotations(null);
    List<OwnerReference> owners = obj.getMetadata().getOwnerReferences();
    if (owners != null && !owners.isEmpty()) {
      obj.getMetadata()
          .setOwnerReferences(
              owners.stream()
                  .map(
                      o ->
                          new OwnerReferenceBuilder()
                              .withApiVersion(o.getApiVersion())
                              .withKind(o.getKind())
                              .withName(o.getName())
                              .withUid(o.getUid())
                              .withController(o.getController())
                              .build())
                  .toList());
    }
    if (obj instanceof GenericKubernetesResource resource) {
      Map<String, Object> properties = resource.getAdditionalProperties();
      properties.remove("spec");
      if ("Workflow".equals(resource.getKind())
          && properties.get("status") instanceof Map<?, ?> status) {
        Map<String, Object> kept = new HashMap<>();
        status.forEach(
            (name, value) -> {
              if (WORKFLOW_STATUS_FIELDS.contains(String.valueOf(name))) {
                kept.put(String.valueOf(name), value);
              } else if ("nodes".equals(name) && value instanceof Map<?, ?> nodes) {
                // each step with only what its timeline needs (no inputs, outputs or messages)
                Map<String, Object> slimNodes = new HashMap<>();
                nodes.forEach(
                    (id, node) -> {
                      if (node instanceof Map<?, ?> fields) {
                        Map<String, Object> slimNode = new HashMap<>();
                        fields.forEach(
                            (field, v) -> {
                              if (WORKFLOW_NODE_FIELDS.contains(String.valueOf(field))) {
                                slimNode.put(String.valueOf(field), v);
                              }
                            });
                        slimNodes.put(String.valueOf(id), slimNode);
                      }
                    });
                kept.put("nodes", slimNodes);
              }
            });
        properties.put("status", kept);
      } else if ("Pod".equals(resource.getKind())
          && properties.get("status") instanceof Map<?, ?> status) {
        Map<String, Object> kept = only(status, POD_STATUS_FIELDS);
        kept.computeIfPresent("conditions", (k, v) -> eachOnly(v, POD_CONDITION_FIELDS));
        kept.computeIfPresent("containerStatuses", (k, v) -> eachOnly(v, POD_CONTAINER_FIELDS));
        properties.put("status", kept);
      }
    }
  }

  private static Map<String, Object> only(Map<?, ?> fields, Set<String> names) {
    Map<String, Object> kept = new HashMap<>();
    fields.forEach(
        (name, value) -> {
          if (names.contains(String.valueOf(name))) {
            kept.put(String.valueOf(name), value);
          }
        });
    return kept;
  }

  /** Each map of the list {@code value} with only {@code names}; anything else as it was. */
  private static Object eachOnly(Object value, Set<String> names) {
    if (!(value instanceof List<?> items)) {
      return value;
    }
    return items.stream()
        .map(item -> item instanceof Map<?, ?> fields ? only(fields, names) : item)
        .toList();
  }
}
