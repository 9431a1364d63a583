package io.sparkrelay.launcher.workflow;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.contract.KubernetesNames;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.contract.RunNames;
import io.sparkrelay.launcher.rules.EventRefusedException;
import io.sparkrelay.launcher.rules.ParameterMapping;
import io.sparkrelay.launcher.rules.RefusalCause;
import io.sparkrelay.launcher.rules.RelayEvent;
import io.sparkrelay.launcher.rules.TriggerRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Workflow ({@code argoproj.io/v1alpha1}) a rule makes of an event: a reference to the
 * rule's template, its parameters, and the run id, trigger and manager labels on the Workflow's own
 * metadata. The spec holds only {@code workflowTemplateRef} and {@code arguments}: Argo's {@code
 * templateReferencing: Strict} (and {@code Secure}) refuse a Workflow that also sets, among others,
 * {@code serviceAccountName} or {@code podMetadata}. The WorkflowTemplate sets both, and its {@code
 * podMetadata} puts the run id on every pod. Only fields of Argo's Workflow schema are set.
 */
public final class WorkflowRenderer {

  private WorkflowRenderer() {}

  /**
   * Every matching rule's Workflow, or the refusal of the first that cannot be rendered, its reason
   * prefixed with the rule: nothing is created for an event one of its rules refuses.
   */
  public static List<RenderedWorkflow> renderAll(List<TriggerRule> rules, RelayEvent event)
      throws EventRefusedException {
    List<RenderedWorkflow> workflows = new ArrayList<>();
    for (TriggerRule rule : rules) {
      try {
        workflows.add(render(rule, event));
      } catch (EventRefusedException e) {
        throw e.prefixed("rule '" + rule.name() + "': ");
      }
    }
    return workflows;
  }

  public static RenderedWorkflow render(TriggerRule rule, RelayEvent event)
      throws EventRefusedException {
    String runId = event.id();
    if (runId == null || runId.isEmpty() || !KubernetesNames.isLabelValue(runId)) {
      throw new EventRefusedException(
          RefusalCause.INVALID_EVENT,
          "run id (CloudEvent id) '" + runId + "' is not a valid Kubernetes label value");
    }
    String name = RunNames.workflow(rule.name(), runId);

    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(RelayLabels.RUN_ID, runId);
    labels.put(RelayLabels.TRIGGER, rule.name());
    labels.put(RelayLabels.MANAGED_BY, RelayLabels.MANAGED_BY_VALUE);

    Map<String, String> annotations = new LinkedHashMap<>();
    if (event.time() != null) {
      annotations.put(RelayLabels.EVENT_TIME_ANNOTATION, event.time().toString());
    }

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("workflowTemplateRef", templateRef(rule));
    spec.put("arguments", Map.of("parameters", parameters(rule, event)));

    GenericKubernetesResource workflow =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(CustomResources.WORKFLOW.apiVersion())
            .withKind(CustomResources.WORKFLOW.kind())
            .withNewMetadata()
            .withName(name)
            .withNamespace(rule.namespace())
            .withLabels(labels)
            .withAnnotations(annotations.isEmpty() ? null : annotations)
            .endMetadata()
            .withAdditionalProperties(Map.of("spec", spec))
            .build();
    return new RenderedWorkflow(rule, runId, workflow);
  }

  private static Map<String, Object> templateRef(TriggerRule rule) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("name", rule.templateRef().name());
    if (rule.templateRef().clusterScope()) {
      ref.put("clusterScope", true);
    }
    return ref;
  }

  private static List<Map<String, String>> parameters(TriggerRule rule, RelayEvent event)
      throws EventRefusedException {
    List<Map<String, String>> parameters = new ArrayList<>();
    for (ParameterMapping mapping : rule.parameters()) {
      Map<String, String> parameter = new LinkedHashMap<>();
      parameter.put("name", mapping.name());
      parameter.put("value", mapping.resolve(event));
      parameters.add(parameter);
    }
    return parameters;
  }
}
