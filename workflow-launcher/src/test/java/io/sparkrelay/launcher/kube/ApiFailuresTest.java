package io.sparkrelay.launcher.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
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
    "408, true",
    "400, false",
    "401, false",
    "403, false",
    "404, false",
    "422, false"
  })
  void sortsAnswersByCode(int code, boolean transientFault) {
    assertThat(ApiFailures.isTransient(new KubernetesClientException("x", code, null)))
        .isEqualTo(transientFault);
  }

  @ParameterizedTest(name = "no answer is transient")
  @CsvSource({"0"})
  void treatsNoAnswerAsTransient(int code) {
    assertThat(
            ApiFailures.isTransient(
                new KubernetesClientException("x", new ConnectException("refused"))))
        .isTrue();
    assertThat(ApiFailures.isTransient(new KubernetesClientException("x", code, null))).isTrue();
    assertThat(ApiFailures.isTransient(new IOException("reset"))).isTrue();
  }
}
