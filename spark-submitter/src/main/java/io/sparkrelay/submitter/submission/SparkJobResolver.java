package io.sparkrelay.submitter.submission;

import io.sparkrelay.contract.KubernetesNames;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.contract.RunNames;
import io.sparkrelay.submitter.job.MemorySize;
import io.sparkrelay.submitter.job.SparkJob;
import io.sparkrelay.submitter.profile.JobProfile;
import io.sparkrelay.submitter.profile.JobProfiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Checks a request's values and lays them over its profile. It rejects what can never be right
 * (400); whether a valid request is allowed is the policy's question.
 */
@ApplicationScoped
public class SparkJobResolver {

  /** The step of the shipped WorkflowTemplate, when a request names none. */
  static final String DEFAULT_STEP = "submit-spark";

  private static final int MAX_STEP_LENGTH = 40;
  private static final int MAX_ARGUMENTS = 64;
  private static final int MAX_ARGUMENT_LENGTH = 2048;

  private final JobProfiles profiles;

  public SparkJobResolver(JobProfiles profiles) {
    this.profiles = profiles;
  }

  public SparkJob resolve(SubmitRequest request) {
    return resolve(request, List.of());
  }

  /** Like {@link #resolve(SubmitRequest)}, reporting {@code earlier} errors with its own. */
  public SparkJob resolve(SubmitRequest request, List<FieldError> earlier) {
    List<FieldError> errors = new ArrayList<>(earlier);
    String runId = required(errors, "runId", request.runId());
    boolean validRunId = runId != null && KubernetesNames.isLabelValue(runId);
    if (runId != null && !validRunId) {
      errors.add(new FieldError("runId", "must be a valid label value (at most 63 characters)"));
    }
    String workflow = required(errors, "workflow", request.workflow());
    boolean validWorkflow = workflow != null && KubernetesNames.isDnsLabel(workflow);
    if (workflow != null && !validWorkflow) {
      errors.add(new FieldError("workflow", "must be a DNS-1123 label (the Workflow's name)"));
    }
    String step = Objects.requireNonNullElse(request.step(), DEFAULT_STEP);
    if (!KubernetesNames.isDnsLabel(step) || step.length() > MAX_STEP_LENGTH) {
      errors.add(new FieldError("step", "must be a DNS-1123 label of at most " + MAX_STEP_LENGTH));
    }
    if (request.trigger() != null && !KubernetesNames.isLabelValue(request.trigger())) {
      errors.add(new FieldError("trigger", "must be a valid label value"));
    }
    JobProfile profile = profile(errors, request.profile());
    String namespace = request.namespace();
    if (namespace != null && !KubernetesNames.isDnsLabel(namespace)) {
      errors.add(new FieldError("namespace", "must be a DNS-1123 label"));
    }
    positive(errors, "executors", request.executors());
    positive(errors, "executorCores", request.executorCores());
    positive(errors, "driverCores", request.driverCores());
    memory(errors, "executorMemory", request.executorMemory());
    memory(errors, "driverMemory", request.driverMemory());
    arguments(errors, request.arguments());
    Map<String, String> labels = labels(errors, request.labels());
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(
          errors, validRunId && validWorkflow ? new WorkflowRun(runId, workflow) : null);
    }
    return new SparkJob(
        RunNames.application(workflow, step),
        Objects.requireNonNullElse(namespace, profile.namespace()),
        runId,
        workflow,
        request.trigger(),
        profile,
        mergeArguments(profile.arguments(), request.arguments()),
        or(request.driverCores(), profile.driver().cores()),
        or(request.driverMemory(), profile.driver().memory()),
        or(request.executors(), profile.executor().instances()),
        or(request.executorCores(), profile.executor().cores()),
        or(request.executorMemory(), profile.executor().memory()),
        labels);
  }

  private JobProfile profile(List<FieldError> errors, String name) {
    String value = required(errors, "profile", name);
    if (value == null) {
      return null;
    }
    return profiles
        .find(value)
        .orElseGet(
            () -> {
              errors.add(
                  new FieldError(
                      "profile", "unknown profile '" + value + "'; known: " + profiles.names()));
              return null;
            });
  }

  /**
   * The request's arguments replace the profile's; an empty entry keeps the profile's argument at
   * that position, so a template may pass an optional output parameter through unchanged.
   */
  static List<String> mergeArguments(List<String> profile, List<String> requested) {
    if (requested == null || requested.stream().allMatch(String::isEmpty)) {
      return profile;
    }
    List<String> merged = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      String value = requested.get(i);
      if (!value.isEmpty()) {
        merged.add(value);
      } else if (i < profile.size()) {
        merged.add(profile.get(i));
      }
    }
    return merged;
  }

  private static void arguments(List<FieldError> errors, List<String> arguments) {
    if (arguments == null) {
      return;
    }
    if (arguments.size() > MAX_ARGUMENTS) {
      errors.add(new FieldError("arguments", "at most " + MAX_ARGUMENTS + " arguments"));
      return;
    }
    for (int i = 0; i < arguments.size(); i++) {
      if (arguments.get(i).length() > MAX_ARGUMENT_LENGTH) {
        errors.add(
            new FieldError(
                "arguments[" + i + "]", "longer than " + MAX_ARGUMENT_LENGTH + " characters"));
      } else if (arguments.get(i).contains("{{")) {
        errors.add(
            new FieldError("arguments[" + i + "]", "contains an unresolved Argo expression"));
      }
    }
  }

  private static Map<String, String> labels(List<FieldError> errors, Map<String, String> labels) {
    Map<String, String> accepted = new TreeMap<>();
    if (labels == null) {
      return accepted;
    }
    labels.forEach(
        (key, value) -> {
          String field = "labels." + key;
          if (!key.startsWith(RelayLabels.PREFIX)
              || !KubernetesNames.isLabelName(key.substring(RelayLabels.PREFIX.length()))) {
            errors.add(
                new FieldError(
                    field, "only label keys " + RelayLabels.PREFIX + "<name> are allowed"));
          } else if (RelayLabels.RESERVED.contains(key)) {
            errors.add(new FieldError(field, "is set by the service and cannot be given"));
          } else if (value.isEmpty()) {
            // an unset workflow parameter: no label
          } else if (!KubernetesNames.isLabelValue(value)) {
            errors.add(new FieldError(field, "must be a valid label value"));
          } else {
            accepted.put(key, value);
          }
        });
    return accepted;
  }

  private static String required(List<FieldError> errors, String field, String value) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    return value;
  }

  private static void positive(List<FieldError> errors, String field, Integer value) {
    if (value != null && value < 1) {
      errors.add(new FieldError(field, "must be at least 1"));
    }
  }

  private static void memory(List<FieldError> errors, String field, String value) {
    if (value != null && MemorySize.mebibytes(value).isEmpty()) {
      errors.add(new FieldError(field, "must be a size with a unit k, m, g or t, e.g. 512m or 2g"));
    }
  }

  private static <T> T or(T value, T fallback) {
    return Objects.requireNonNullElse(value, fallback);
  }
}
