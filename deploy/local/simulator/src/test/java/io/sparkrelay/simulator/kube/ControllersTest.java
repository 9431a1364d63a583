package io.sparkrelay.simulator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ControllersTest {

  @Test
  void retriesWhileTheApiServerIsUnavailable() {
    AtomicInteger calls = new AtomicInteger();

    String result =
        Controllers.persistently(
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new KubernetesClientException("unavailable", 503, null);
              }
              return "written";
            });

    assertThat(result).isEqualTo("written");
    assertThat(calls).hasValue(3);
  }

  @Test
  void anAnswerThatWillNotChangeIsThrownAtOnce() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                Controllers.persistently(
                    () -> {
                      calls.incrementAndGet();
                      throw new KubernetesClientException("not found", 404, null);
                    }))
        .isInstanceOf(KubernetesClientException.class);
    assertThat(calls).hasValue(1);
  }
}
