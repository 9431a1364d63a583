package io.sparkrelay.submitter.rest;

import io.quarkus.runtime.Startup;
import io.sparkrelay.submitter.config.SubmitterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The bearer credentials the API accepts ({@code relay.auth.credentials}). Only SHA-256 hashes are
 * kept, and a presented credential is compared with every one of them in constant time ({@link
 * MessageDigest#isEqual} on equal-length hashes), so neither the answer's timing nor an early exit
 * tells how much of a guess was right.
 */
@Startup // a configuration without a usable credential stops the start
@ApplicationScoped
public class CallerCredentials {

  static final String SCHEME = "Bearer";

  private final List<byte[]> accepted;

  @Inject
  CallerCredentials(SubmitterConfig config) {
    this(config.auth().credentials());
  }

  CallerCredentials(List<String> credentials) {
    this.accepted =
        credentials.stream()
            .map(CallerCredentials::withoutScheme)
            .filter(credential -> !credential.isEmpty())
            .map(CallerCredentials::sha256)
            .toList();
    if (accepted.isEmpty()) {
      throw new IllegalStateException(
          "relay.auth.credentials holds no credential: the API would accept no caller");
    }
  }

  /** Why the {@code Authorization} header is not accepted, or empty when it is. */
  public Optional<String> refusal(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Optional.of("missing credential: send Authorization: Bearer <credential>");
    }
    String value = authorization.strip();
    if (!hasScheme(value)) {
      return Optional.of("the Authorization header must use the Bearer scheme");
    }
    byte[] presented = sha256(withoutScheme(value));
    boolean match = false;
    for (byte[] credential : accepted) {
      // no early exit: every accepted credential is compared
      match |= MessageDigest.isEqual(credential, presented);
    }
    return match ? Optional.empty() : Optional.of("credential not accepted");
  }

  private static boolean hasScheme(String value) {
    return value.length() > SCHEME.length()
        && value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
        && Character.isWhitespace(value.charAt(SCHEME.length()));
  }

  /** The credential itself, without a leading {@code Bearer } (scheme names are case-blind). */
  static String withoutScheme(String value) {
    String stripped = value.strip();
    if (hasScheme(stripped)) {
      return stripped.substring(SCHEME.length()).strip();
    }
    return stripped.toLowerCase(Locale.ROOT).equals(SCHEME.toLowerCase(Locale.ROOT))
        ? ""
        : stripped;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
