package io.sparkrelay.simulator.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class PodmanRunTest {

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: spark-relay-sqs-bridge, labels: {app.kubernetes.io/component: sqs-bridge}}
      spec:
        selector: {matchLabels: {app: x}}
        template:
          spec:
            securityContext: {runAsNonRoot: true, runAsUser: 185, runAsGroup: 185,
                              seccompProfile: {type: RuntimeDefault}}
            containers:
              - name: sqs-bridge
                image: ghcr.io/spark-relay/sqs-bridge:0.1.0
                readinessProbe: {httpGet: {path: /q/health/ready, port: http}, periodSeconds: 5,
                                 timeoutSeconds: 3, failureThreshold: 3}
                resources: {requests: {cpu: 100m, memory: 256Mi}, limits: {memory: 512Mi}}
                securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
                                  capabilities: {drop: [ALL]%s}}
                volumeMounts: [{name: tmp, mountPath: /tmp}, {name: rules, mountPath: /etc/rules}]
            volumes:
              - {name: tmp, emptyDir: {sizeLimit: 256Mi}}
              - {name: rules, %s}
      """;

  @Test
  void theChartsPodTemplateBecomesTheSameRestrictionsUnderPodman() {
    PodmanRun run = PodmanRun.of(deployment("", "configMap: {name: rules}"), "sqs-bridge");
    assertThat(run.options())
        .containsExactly(
            "--user=185:185",
            "--read-only",
            "--cap-drop=ALL",
            "--security-opt=no-new-privileges",
            "--tmpfs=/tmp:rw,nosuid,nodev,mode=1777,size=268435456",
            "--memory=536870912",
            "--cpu-shares=102");
    assertThat(run.image()).isEqualTo("ghcr.io/spark-relay/sqs-bridge:0.1.0");
    assertThat(run.readiness()).isEqualTo(new PodmanRun.HttpProbe("/q/health/ready", 5, 3, 3));
  }

  @Test
  void whatPodmanCouldNotHonourIsRefusedNotLoosened() {
    assertThatThrownBy(
            () ->
                PodmanRun.of(
                    deployment(", add: [NET_ADMIN]", "configMap: {name: rules}"), "sqs-bridge"))
        .hasMessage(
            "Deployment spark-relay-sqs-bridge cannot run as the chart says: it adds capabilities"
                + " [NET_ADMIN]");
    assertThatThrownBy(() -> PodmanRun.of(deployment("", "hostPath: {path: /etc}"), "sqs-bridge"))
        .hasMessage(
            "Deployment spark-relay-sqs-bridge cannot run as the chart says: volume rules is not"
                + " an emptyDir");
  }

  private static Deployment deployment(String capabilities, String rulesVolume) {
    return Serialization.unmarshal(
        DEPLOYMENT.formatted(capabilities, rulesVolume), Deployment.class);
  }
}
