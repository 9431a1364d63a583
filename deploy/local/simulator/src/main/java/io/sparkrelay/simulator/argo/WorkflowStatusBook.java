package io.sparkrelay.simulator.argo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkrelay.simulator.kube.Controllers;
import io.sparkrelay.simulator.kube.Json;
import io.sparkrelay.standin.RelayCustomResources;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The status an Argo controller keeps for one Workflow (phase, times, message, the node tree) and
 * writes through the status subresource after every change, as the controller does after each
 * reconciliation.
 */
final class WorkflowStatusBook {

  private static final System.Logger LOG = System.getLogger(WorkflowStatusBook.class.getName());

  private final KubernetesClient client;
  private final String namespace;
  private final String workflowName;
  private final ObjectNode status = Json.MAPPER.createObjectNode();
  private final ObjectNode nodes = status.putObject("nodes");
  private final AtomicInteger podNodes = new AtomicInteger();
  private final AtomicInteger podNodesDone = new AtomicInteger();

  WorkflowStatusBook(KubernetesClient client, String namespace, String workflowName) {
    this.client = client;
    this.namespace = namespace;
    this.workflowName = workflowName;
  }

  synchronized void workflowRunning() {
    status.put("phase", "Running");
    status.put("startedAt", Json.now());
    write();
    label("Running", false);
  }

  synchronized void workflowFinished(String phase, String message) {
    status.put("phase", phase);
    status.put("finishedAt", Json.now());
    if (message != null) {
      status.put("message", message);
    }
    ArrayNode conditions = status.putArray("conditions");
    conditions.addObject().put("type", "PodRunning").put("status", "False");
    conditions.addObject().put("type", "Completed").put("status", "True");
    write();
    label(phase, true);
  }

  /** The labels Argo's controller keeps on a Workflow, which tools select on. */
  private void label(String phase, boolean completed) {
    try {
      Controllers.mergeLabels(
          client,
          RelayCustomResources.WORKFLOW,
          namespace,
          workflowName,
          Map.of(
              "workflows.argoproj.io/phase",
              phase,
              "workflows.argoproj.io/completed",
              String.valueOf(completed)));
    } catch (KubernetesClientException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot label workflow {0}/{1}: {2}",
          namespace,
          workflowName,
          e.getMessage());
    }
  }

  /** Adds a Running node under {@code parentId} (null for the root) and returns its id. */
  synchronized String startNode(
      String nodeName,
      String displayName,
      String type,
      String templateName,
      String parentId,
      String boundaryId,
      Map<String, String> inputs) {
    String id = parentId == null ? workflowName : nodeId(workflowName, nodeName);
    ObjectNode node = nodes.putObject(id);
    node.put("id", id);
    node.put("name", nodeName);
    node.put("displayName", displayName);
    node.put("type", type);
    if (templateName != null) {
      node.put("templateName", templateName);
    }
    node.put("templateScope", "local/" + workflowName);
    node.put("phase", "Running");
    if (boundaryId != null) {
      node.put("boundaryID", boundaryId);
    }
    node.put("startedAt", Json.now());
    if (!inputs.isEmpty()) {
      ArrayNode parameters = node.putObject("inputs").putArray("parameters");
      inputs.forEach((name, value) -> parameters.addObject().put("name", name).put("value", value));
    }
    if (parentId != null && nodes.get(parentId) instanceof ObjectNode parent) {
      ArrayNode children =
          parent.has("children") ? (ArrayNode) parent.get("children") : parent.putArray("children");
      children.add(id);
    }
    if ("Pod".equals(type) || "HTTP".equals(type)) {
      podNodes.incrementAndGet();
    }
    updateProgress();
    write();
    return id;
  }

  synchronized void finishNode(String id, Outcome outcome) {
    ObjectNode node = (ObjectNode) nodes.get(id);
    node.put("phase", outcome.phase());
    node.put("finishedAt", Json.now());
    if (outcome.message() != null) {
      node.put("message", outcome.message());
    }
    if (outcome.result() != null) {
      node.putObject("outputs").put("result", outcome.result());
    }
    String type = node.path("type").asText();
    if ("Pod".equals(type) || "HTTP".equals(type)) {
      podNodesDone.incrementAndGet();
    }
    updateProgress();
    write();
  }

  synchronized String phase() {
    return status.path("phase").asText("");
  }

  private void updateProgress() {
    status.put("progress", podNodesDone.get() + "/" + podNodes.get());
  }

  private void write() {
    Map<String, Object> snapshot = Json.map(status.deepCopy());
    try {
      // the Workflow CRD has no status subresource: Argo's controller writes the whole object
      Controllers.writeStatusInObject(
          client, RelayCustomResources.WORKFLOW, namespace, workflowName, snapshot);
    } catch (KubernetesClientException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot write the status of workflow {0}/{1}: {2}",
          namespace,
          workflowName,
          e.getMessage());
    }
  }

  /** Argo's node ids: the workflow name and the FNV-1a hash of the node name. */
  static String nodeId(String workflowName, String nodeName) {
    int hash = 0x811c9dc5;
    for (byte b : nodeName.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return workflowName + "-" + Integer.toUnsignedString(hash);
  }
}
