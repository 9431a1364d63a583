package io.sparkrelay.launcher.rules;

/** A WorkflowTemplate by name, or a ClusterWorkflowTemplate when {@code clusterScope}. */
public record TemplateRef(String name, boolean clusterScope) {}
