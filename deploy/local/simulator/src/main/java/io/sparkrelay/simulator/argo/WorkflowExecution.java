package io.sparkrelay.simulator.argo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkrelay.simulator.SimulatorSettings;
import io.sparkrelay.simulator.kube.Controllers;
import io.sparkrelay.simulator.kube.Json;
import io.sparkrelay.simulator.kube.SharedPods;
import io.sparkrelay.standin.RelayCustomResources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIMULATION of one Workflow run by Argo's workflow controller: resolves the WorkflowTemplate, the
 * parameters and the entrypoint, then walks the template tree (dag, steps, container, script, http,
 * resource, suspend), writing the node tree and the phase as it goes. Container steps do not start
 * pods: they succeed after a short delay.
 */
final class WorkflowExecution implements Runnable {

  private static final System.Logger LOG = System.getLogger(WorkflowExecution.class.getName());
  private static final Pattern TASK_NAME = Pattern.compile("[A-Za-z0-9][\\w-]*");

  private final KubernetesClient client;
  private final SimulatorSettings settings;
  private final SharedPods sharedPods;
  private final GenericKubernetesResource workflow;
  private final String namespace;
  private final String name;
  private final WorkflowStatusBook book;
  private final HttpStepRunner http;
  private final ResourceStepRunner resources;
  private ContainerStepRunner containers;
  private JsonNode podMetadata = Json.MAPPER.createObjectNode();
  private final Map<String, ObjectNode> templates = new HashMap<>();
  private final ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();

  WorkflowExecution(
      KubernetesClient client,
      KubernetesClient executor,
      SimulatorSettings settings,
      SharedPods sharedPods,
      ServiceAliases serviceAliases,
      GenericKubernetesResource workflow) {
    this.client = client;
    this.settings = settings;
    this.sharedPods = sharedPods;
    this.workflow = workflow;
    this.namespace = workflow.getMetadata().getNamespace();
    this.name = workflow.getMetadata().getName();
    this.book = new WorkflowStatusBook(client, namespace, name);
    // Argo's agent runs http steps as the Workflow's service account: it reads header Secrets as
    // such
    this.http = new HttpStepRunner(serviceAliases, executor);
    // Argo runs a resource step in a pod as the Workflow's service account, not as the controller
    this.resources =
        new ResourceStepRunner(executor, settings.resourceTimeout(), settings.stepDelay());
  }

  @Override
  public void run() {
    try (tasks) {
      book.workflowRunning();
      Outcome outcome = execute();
      if (containers != null) {
        containers.workflowFinished(outcome.isSuccess());
      }
      book.workflowFinished(outcome.phase(), outcome.message());
      LOG.log(
          System.Logger.Level.INFO,
          "workflow {0}/{1} {2}{3}",
          namespace,
          name,
          outcome.phase(),
          outcome.message() == null ? "" : ": " + outcome.message());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "workflow " + namespace + "/" + name + " broke", e);
      book.workflowFinished(Outcome.ERROR, "simulator error: " + e.getMessage());
    }
  }

  private Outcome execute() {
    ObjectNode spec = (ObjectNode) Json.tree(workflow).path("spec");
    ObjectNode effective = Json.MAPPER.createObjectNode();
    JsonNode templateRef = spec.path("workflowTemplateRef");
    if (templateRef.hasNonNull("name")) {
      GenericKubernetesResource template = fetchTemplate(templateRef);
      if (template == null) {
        return Outcome.error(
            (templateRef.path("clusterScope").asBoolean()
                    ? "clusterworkflowtemplates"
                    : "workflowtemplates")
                + ".argoproj.io \""
                + templateRef.path("name").asText()
                + "\" not found");
      }
      effective.setAll((ObjectNode) Json.tree(template).path("spec"));
    }
    spec.fields()
        .forEachRemaining(
            field -> {
              if (!field.getKey().equals("arguments") && !field.getKey().equals("templates")) {
                effective.set(field.getKey(), field.getValue());
              }
            });
    effective
        .path("templates")
        .forEach(t -> templates.put(t.path("name").asText(), (ObjectNode) t));
    spec.path("templates").forEach(t -> templates.put(t.path("name").asText(), (ObjectNode) t));

    containers =
        new ContainerStepRunner(
            client,
            sharedPods,
            workflow,
            settings.resourceTimeout(),
            effective.path("podGC").path("strategy").asText(""));
    if (effective.has("podMetadata")) {
      podMetadata = effective.get("podMetadata");
    }
    Map<String, String> scope = new HashMap<>();
    scope.put("workflow.name", name);
    scope.put("workflow.namespace", namespace);
    scope.put("workflow.uid", String.valueOf(workflow.getMetadata().getUid()));
    scope.put("workflow.serviceAccountName", effective.path("serviceAccountName").asText(""));
    scope.put(
        "workflow.creationTimestamp",
        String.valueOf(workflow.getMetadata().getCreationTimestamp()));
    if (workflow.getMetadata().getLabels() != null) {
      workflow.getMetadata().getLabels().forEach((k, v) -> scope.put("workflow.labels." + k, v));
    }
    if (workflow.getMetadata().getAnnotations() != null) {
      workflow
          .getMetadata()
          .getAnnotations()
          .forEach((k, v) -> scope.put("workflow.annotations." + k, v));
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    effective.path("arguments").path("parameters").forEach(p -> putParameter(parameters, p));
    spec.path("arguments").path("parameters").forEach(p -> putParameter(parameters, p));
    parameters.forEach((k, v) -> scope.put("workflow.parameters." + k, v));

    String entrypoint = effective.path("entrypoint").asText("");
    ObjectNode entry = templates.get(entrypoint);
    if (entry == null) {
      return Outcome.error("entrypoint template '" + entrypoint + "' not found");
    }
    return runTemplate(entry, name, name, null, null, Map.of(), scope);
  }

  private static void putParameter(Map<String, String> parameters, JsonNode parameter) {
    JsonNode value =
        parameter.hasNonNull("value") ? parameter.get("value") : parameter.get("default");
    if (value != null && !value.isNull()) {
      parameters.put(parameter.path("name").asText(), value.asText());
    }
  }

  private GenericKubernetesResource fetchTemplate(JsonNode templateRef) {
    String templateName = templateRef.path("name").asText();
    if (templateRef.path("clusterScope").asBoolean()) {
      return client
          .genericKubernetesResources(RelayCustomResources.CLUSTER_WORKFLOW_TEMPLATE)
          .withName(templateName)
          .get();
    }
    return client
        .genericKubernetesResources(RelayCustomResources.WORKFLOW_TEMPLATE)
        .inNamespace(namespace)
        .withName(templateName)
        .get();
  }

  /** A template invoked with {@code arguments}: resolves its inputs, then retries if asked to. */
  private Outcome runTemplate(
      ObjectNode template,
      String nodeName,
      String displayName,
      String parentId,
      String boundaryId,
      Map<String, String> arguments,
      Map<String, String> outerScope) {
    Map<String, String> inputs = new LinkedHashMap<>();
    for (JsonNode input : template.path("inputs").path("parameters")) {
      String inputName = input.path("name").asText();
      String value = arguments.get(inputName);
      if (value == null && input.hasNonNull("value")) {
        value = input.get("value").asText();
      }
      if (value == null && input.hasNonNull("default")) {
        value = input.get("default").asText();
      }
      if (value == null) {
        String id =
            book.startNode(
                nodeName,
                displayName,
                "Skipped",
                template.path("name").asText(),
                parentId,
                boundaryId,
                Map.of());
        Outcome missing = Outcome.error("inputs.parameters." + inputName + " was not supplied");
        book.finishNode(id, missing);
        return missing;
      }
      inputs.put(inputName, value);
    }
    Map<String, String> scope = new HashMap<>(outerScope);
    inputs.forEach((k, v) -> scope.put("inputs.parameters." + k, v));
    JsonNode retryStrategy = template.get("retryStrategy");
    if (retryStrategy == null || retryStrategy.isNull()) {
      return runOnce(template, nodeName, displayName, parentId, boundaryId, inputs, scope);
    }
    String retryId =
        book.startNode(
            nodeName,
            displayName,
            "Retry",
            template.path("name").asText(),
            parentId,
            boundaryId,
            inputs);
    RetryPolicy policy = RetryPolicy.of(retryStrategy, settings.honourRetryAfter());
    Instant firstAttempt = Instant.now();
    Outcome outcome;
    for (int attempt = 0; ; attempt++) {
      outcome =
          runOnce(
              template,
              nodeName + "(" + attempt + ")",
              displayName + "(" + attempt + ")",
              retryId,
              boundaryId,
              inputs,
              scope);
      Duration delay = policy.delayBeforeRetry(attempt, outcome, firstAttempt);
      if (delay == null) {
        break;
      }
      Controllers.pause(delay);
    }
    book.finishNode(retryId, outcome);
    return outcome;
  }

  /** One attempt of a template, as a node of the type Argo would give it. */
  private Outcome runOnce(
      ObjectNode rawTemplate,
      String nodeName,
      String displayName,
      String parentId,
      String boundaryId,
      Map<String, String> inputs,
      Map<String, String> scope) {
    String templateName = rawTemplate.path("name").asText();
    if (rawTemplate.has("dag")) {
      String id =
          book.startNode(nodeName, displayName, "DAG", templateName, parentId, boundaryId, inputs);
      Outcome outcome = runDag(rawTemplate.get("dag"), nodeName, id, scope);
      book.finishNode(id, outcome);
      return outcome;
    }
    if (rawTemplate.has("steps")) {
      String id =
          book.startNode(
              nodeName, displayName, "Steps", templateName, parentId, boundaryId, inputs);
      Outcome outcome = runSteps(rawTemplate.get("steps"), nodeName, id, scope);
      book.finishNode(id, outcome);
      return outcome;
    }
    JsonNode template = TemplateExpressions.substitute(rawTemplate, scope);
    String type = template.has("http") ? "HTTP" : template.has("suspend") ? "Suspend" : "Pod";
    String id =
        book.startNode(nodeName, displayName, type, templateName, parentId, boundaryId, inputs);
    Outcome outcome;
    List<String> unresolved = TemplateExpressions.unresolvedParameters(template);
    if (!unresolved.isEmpty()) {
      outcome = Outcome.error("failed to resolve " + String.join(", ", unresolved));
    } else if (template.has("http")) {
      outcome = http.run(template.get("http"), namespace);
    } else if (template.has("resource")) {
      outcome = resources.run(template.get("resource"), namespace);
    } else if (template.has("container") || template.has("script")) {
      outcome =
          containers.run(
              template, nodeName, id, TemplateExpressions.substitute(podMetadata, scope));
    } else if (template.has("containerSet")) {
      Controllers.pause(settings.containerStepDuration());
      outcome = Outcome.succeeded(null);
    } else if (template.has("suspend")) {
      outcome = Outcome.succeeded(null);
    } else {
      outcome =
          Outcome.error(
              "the simulator does not support the kind of template '" + templateName + "'");
    }
    book.finishNode(id, outcome);
    return outcome;
  }

  /** Runs the tasks of a DAG, each as soon as its dependencies succeeded, in parallel. */
  private Outcome runDag(
      JsonNode dag, String dagNodeName, String dagId, Map<String, String> outer) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    dag.path("tasks").forEach(task -> byName.put(task.path("name").asText(), task));
    Map<String, String> scope = new ConcurrentHashMap<>(outer);
    Map<String, Outcome> done = new ConcurrentHashMap<>();
    Map<String, CompletableFuture<Outcome>> running = new LinkedHashMap<>();
    while (done.size() < byName.size()) {
      for (Map.Entry<String, JsonNode> entry : byName.entrySet()) {
        String taskName = entry.getKey();
        if (done.containsKey(taskName) || running.containsKey(taskName)) {
          continue;
        }
        Set<String> dependencies = dependencies(entry.getValue(), byName.keySet());
        if (!done.keySet().containsAll(dependencies)) {
          continue;
        }
        boolean dependencyFailed = dependencies.stream().anyMatch(d -> !done.get(d).isSuccess());
        if (dependencyFailed) {
          done.put(
              taskName, new Outcome(Outcome.OMITTED, "omitted: a dependency failed", null, null));
          continue;
        }
        JsonNode task = entry.getValue();
        Map<String, String> snapshot = Map.copyOf(scope);
        running.put(
            taskName,
            CompletableFuture.supplyAsync(
                () -> runTask(task, dagNodeName + "." + taskName, taskName, dagId, snapshot),
                tasks));
      }
      if (running.isEmpty()) {
        if (done.size() < byName.size()) {
          return Outcome.error("DAG " + dagNodeName + " has unsatisfiable dependencies");
        }
        break;
      }
      CompletableFuture.anyOf(running.values().toArray(CompletableFuture[]::new)).join();
      for (var iterator = running.entrySet().iterator(); iterator.hasNext(); ) {
        Map.Entry<String, CompletableFuture<Outcome>> entry = iterator.next();
        if (entry.getValue().isDone()) {
          Outcome outcome = entry.getValue().join();
          done.put(entry.getKey(), outcome);
          scope.put("tasks." + entry.getKey() + ".status", outcome.phase());
          if (outcome.result() != null) {
            scope.put("tasks." + entry.getKey() + ".outputs.result", outcome.result());
          }
          iterator.remove();
        }
      }
    }
    return failureOf(done, dagNodeName);
  }

  private Outcome runTask(
      JsonNode task, String nodeName, String displayName, String dagId, Map<String, String> scope) {
    ObjectNode template = referencedTemplate(task);
    if (template == null) {
      String id = book.startNode(nodeName, displayName, "Pod", null, dagId, dagId, Map.of());
      Outcome missing = Outcome.error("template of task '" + displayName + "' not found");
      book.finishNode(id, missing);
      return missing;
    }
    return runTemplate(
        template, nodeName, displayName, dagId, dagId, arguments(task, scope), scope);
  }

  /** Runs step groups one after the other, the steps of a group in parallel. */
  private Outcome runSteps(
      JsonNode groups, String stepsNodeName, String stepsId, Map<String, String> outer) {
    Map<String, String> scope = new ConcurrentHashMap<>(outer);
    int index = 0;
    for (JsonNode group : groups) {
      String groupName = stepsNodeName + "[" + index + "]";
      String groupId =
          book.startNode(
              groupName, "[" + index + "]", "StepGroup", null, stepsId, stepsId, Map.of());
      Map<String, CompletableFuture<Outcome>> running = new LinkedHashMap<>();
      Map<String, String> snapshot = Map.copyOf(scope);
      for (JsonNode step : group) {
        String stepName = step.path("name").asText();
        running.put(
            stepName,
            CompletableFuture.supplyAsync(
                () ->
                    runStep(step, groupName + "." + stepName, stepName, groupId, stepsId, snapshot),
                tasks));
      }
      Map<String, Outcome> done = new LinkedHashMap<>();
      running.forEach((stepName, future) -> done.put(stepName, future.join()));
      done.forEach(
          (stepName, outcome) -> {
            scope.put("steps." + stepName + ".status", outcome.phase());
            if (outcome.result() != null) {
              scope.put("steps." + stepName + ".outputs.result", outcome.result());
            }
          });
      Outcome groupOutcome = failureOf(done, groupName);
      book.finishNode(groupId, groupOutcome);
      if (!groupOutcome.isSuccess()) {
        return groupOutcome;
      }
      index++;
    }
    return Outcome.succeeded(null);
  }

  private Outcome runStep(
      JsonNode step,
      String nodeName,
      String displayName,
      String groupId,
      String boundaryId,
      Map<String, String> scope) {
    ObjectNode template = referencedTemplate(step);
    if (template == null) {
      String id = book.startNode(nodeName, displayName, "Pod", null, groupId, boundaryId, Map.of());
      Outcome missing = Outcome.error("template of step '" + displayName + "' not found");
      book.finishNode(id, missing);
      return missing;
    }
    return runTemplate(
        template, nodeName, displayName, groupId, boundaryId, arguments(step, scope), scope);
  }

  /** The template a task or step names, locally or in another WorkflowTemplate (templateRef). */
  private ObjectNode referencedTemplate(JsonNode taskOrStep) {
    if (taskOrStep.hasNonNull("template")) {
      return templates.get(taskOrStep.get("template").asText());
    }
    JsonNode ref = taskOrStep.path("templateRef");
    if (!ref.hasNonNull("name")) {
      return null;
    }
    GenericKubernetesResource other = fetchTemplate(ref);
    if (other == null) {
      return null;
    }
    for (JsonNode candidate : Json.tree(other).path("spec").path("templates")) {
      if (candidate.path("name").asText().equals(ref.path("template").asText())) {
        return (ObjectNode) candidate;
      }
    }
    return null;
  }

  private static Map<String, String> arguments(JsonNode taskOrStep, Map<String, String> scope) {
    Map<String, String> arguments = new LinkedHashMap<>();
    for (JsonNode parameter : taskOrStep.path("arguments").path("parameters")) {
      if (parameter.hasNonNull("value")) {
        arguments.put(
            parameter.path("name").asText(),
            TemplateExpressions.substitute(parameter.get("value").asText(), scope));
      }
    }
    return arguments;
  }

  /** {@code dependencies: [a, b]} or the task names in a {@code depends: "a && b.Succeeded"}. */
  private static Set<String> dependencies(JsonNode task, Set<String> taskNames) {
    Set<String> dependencies = new LinkedHashSet<>();
    task.path("dependencies").forEach(d -> dependencies.add(d.asText()));
    if (task.hasNonNull("depends")) {
      Matcher matcher = TASK_NAME.matcher(task.get("depends").asText());
      while (matcher.find()) {
        if (taskNames.contains(matcher.group())) {
          dependencies.add(matcher.group());
        }
      }
    }
    return dependencies;
  }

  private Outcome failureOf(Map<String, Outcome> children, String parentName) {
    List<String> failed = new ArrayList<>();
    Outcome first = null;
    for (Map.Entry<String, Outcome> child : children.entrySet()) {
      Outcome outcome = child.getValue();
      if (!outcome.isSuccess() && !Outcome.OMITTED.equals(outcome.phase())) {
        failed.add(child.getKey());
        if (first == null) {
          first = outcome;
        }
      }
    }
    if (first == null) {
      return Outcome.succeeded(null);
    }
    String phase = Outcome.ERROR.equals(first.phase()) ? Outcome.ERROR : Outcome.FAILED;
    return new Outcome(
        phase,
        "child '"
            + failed.get(0)
            + "' failed"
            + (first.message() == null ? "" : ": " + first.message()),
        null,
        null);
  }
}
