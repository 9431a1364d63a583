package io.sparkrelay.common.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiFailuresTest {

  @ParameterizedTest(name = "HTTP {0} transient: {1}")
  @CsvSource({
    "500, true",
    "502, true",
    "503, true",
    "504, true",
    "429, true",
    "409, true",
    "408, true",
    "400, false",
    "401, false",
    "403, false",
    "404, false",
    "410, false",
    "413, false",
    "422, false"
  })
  void sortsAnswersByCode(int code, boolean transientFault) {
    assertThat(ApiFailures.isTransient(new KubernetesClientException("x", code, null)))
        .isEqualTo(transientFault);
  }

  @Test
  void aCallThatGotNoAnswerIsTransient() {
    assertThat(ApiFailures.isTransient(new KubernetesClientException("x", 0, null))).isTrue();
    assertThat(
            ApiFailures.isTransient(
                new KubernetesClientException("x", new ConnectException("refused"))))
        .isTrue();
    assertThat(ApiFailures.isTransient(new IOException("reset"))).isTrue();
    assertThat(ApiFailures.isTransient(new RuntimeException(new TimeoutException("watch"))))
        .isTrue();
  }

  @Test
  void describesAnAnswerByItsCodeAndTheApiServersMessage() {
    KubernetesClientException refused =
        new KubernetesClientException(
            "Failure executing: POST",
            403,
            new StatusBuilder()
                .withCode(403)
                .withMessage("workflows.argoproj.io is forbidden: User cannot create")
                .build());
    assertThat(ApiFailures.describe(refused))
        .isEqualTo(
            "Kubernetes API answered 403: workflows.argoproj.io is forbidden: User cannot create");
    assertThat(ApiFailures.describe(new IOException("connection reset")))
        .isEqualTo("IOException: connection reset");
  }
}
