package io.sparkrelay.submitter.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart gives the two credentials as RELAY_AUTH_CREDENTIALS_0_ and RELAY_AUTH_CREDENTIALS_1_
 * (one secretKeyRef each, the second optional): they must bind to relay.auth.credentials.
 */
class CredentialsFromEnvironmentTest {

  @Test
  void indexedEnvironmentVariablesBindToTheList() {
    assertThat(
            credentials(
                Map.of(
                    "RELAY_AUTH_CREDENTIALS_0_", "Bearer current",
                    "RELAY_AUTH_CREDENTIALS_1_", "Bearer previous")))
        .containsExactly("Bearer current", "Bearer previous");
  }

  @Test
  void withoutTheOptionalSecondOnlyTheFirstIsAccepted() {
    assertThat(credentials(Map.of("RELAY_AUTH_CREDENTIALS_0_", "Bearer current")))
        .containsExactly("Bearer current");
  }

  private static java.util.List<String> credentials(Map<String, String> environment) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(new EnvConfigSource(environment, 300))
            .withMapping(SubmitterConfig.Auth.class, "relay.auth")
            .build();
    return config.getConfigMapping(SubmitterConfig.Auth.class, "relay.auth").credentials();
  }
}
