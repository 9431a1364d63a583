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
 * references (kind, name, UID: the pods' owner chain) and the status fields behind the facts.
 * Managed fields, annotations and specs are dropped as objects arrive (Argo keeps whole templates
 * and node trees in a Workflow), so memory grows with the number of runs, not with their size.
 */
final class SlimItemStore<T extends HasMetadata> extends BasicItemStore<T> {

  private static final Set<String> WORKFLOW_STATUS_FIELDS =
      Set.of("phase", "message", "startedAt", "finishedAt");
  private static final Set<String> WORKFLOW_NODE_FIELDS =
      Set.of("displayName", "type", "phase", "startedAt", "finishedAt");

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
      }
    }
  }
}
