package io.sparkrelay.reporter.redrive;

import io.sparkrelay.reporter.config.ReporterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * Who may redrive: the bearer credentials of {@code relay.redrive.credentials}, by name. Every
 * configured credential is compared, in constant time, so the answer's timing tells nothing.
 */
@ApplicationScoped
public class RedriveCredentials {

  private static final String BEARER = "Bearer ";

  private final Map<String, byte[]> credentials;

  RedriveCredentials(ReporterConfig config) {
    this.credentials =
        config.redrive().credentials().entrySet().stream()
            .filter(e -> !e.getValue().isBlank())
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> e.getValue().getBytes(StandardCharsets.UTF_8)));
  }

  public boolean enabled() {
    return !credentials.isEmpty();
  }

  /** The name of the credential {@code authorization} carries, if it is one. */
  public Optional<String> who(String authorization) {
    if (authorization == null || !authorization.startsWith(BEARER)) {
      return Optional.empty();
    }
    byte[] given =
        authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
    String found = null;
    for (Map.Entry<String, byte[]> entry : credentials.entrySet()) {
      if (MessageDigest.isEqual(given, entry.getValue()) && found == null) {
        found = entry.getKey();
      }
    }
    return Optional.ofNullable(found);
  }
}
