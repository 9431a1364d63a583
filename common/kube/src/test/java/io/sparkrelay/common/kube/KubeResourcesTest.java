package io.sparkrelay.common.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sparkrelay.contract.CustomResources;
import org.junit.jupiter.api.Test;

class KubeResourcesTest {

  @Test
  void addressesASparkApplicationAsTheOperatorsCrdDeclaresIt() {
    ResourceDefinitionContext context = KubeResources.context(CustomResources.SPARK_APPLICATION);
    assertThat(context.getGroup()).isEqualTo("sparkoperator.k8s.io");
    assertThat(context.getVersion()).isEqualTo("v1beta2");
    assertThat(context.getKind()).isEqualTo("SparkApplication");
    assertThat(context.getPlural()).isEqualTo("sparkapplications");
    assertThat(context.isNamespaceScoped()).isTrue();
  }

  @Test
  void aClusterWorkflowTemplateIsNotNamespaced() {
    assertThat(KubeResources.context(CustomResources.CLUSTER_WORKFLOW_TEMPLATE).isNamespaceScoped())
        .isFalse();
  }
}
