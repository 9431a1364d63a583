package io.sparkrelay.standin.apiserver;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Bearer-token authentication, as kube-apiserver does it with anonymous requests disabled: a
 * request to the API without {@code Authorization: Bearer <token>}, or with a token the {@link
 * BearerTokens} do not know, is answered 401. Only the API is guarded: paths whose first segment is
 * not {@code api} or {@code apis} (the stand-in's own {@code /relay-stand-in/requests}, {@code
 * /version}, {@code /healthz}, {@code /openapi/v2}) pass without credentials, as probes and the
 * request log need no token. The request is handed on unchanged; {@link #identityOf} finds its user
 * again.
 */
public final class Authentication implements RequestGate {

  private final BearerTokens tokens;

  public Authentication(BearerTokens tokens) {
    this.tokens = tokens;
  }

  public static Authentication fromTokensFile(Path file) throws IOException {
    return new Authentication(BearerTokens.load(file));
  }

  @Override
  public Verdict check(RecordedRequest request) {
    if (!isApiPath(request.getPath()) || identityOf(request).isPresent()) {
      return new Pass(request);
    }
    return new Refuse(ApiStatus.unauthorized());
  }

  /**
   * The user of a request's bearer token, on any path; empty without a known token. For the
   * authorization gate and for request logs.
   */
  public Optional<Identity> identityOf(RecordedRequest request) {
    return bearerToken(request.getHeader("Authorization")).flatMap(tokens::identify);
  }

  /** Whether the path (query allowed) is {@code /api}, {@code /apis} or below them. */
  public static boolean isApiPath(String pathWithQuery) {
    String path = pathWithQuery.split("\\?", 2)[0].replaceAll("^/+", "");
    String first = path.split("/", 2)[0];
    return first.equals("api") || first.equals("apis");
  }

  /** As kube's bearer-token authenticator reads the header: "Bearer" in any case, one space. */
  private static Optional<String> bearerToken(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String[] parts = header.strip().split(" ", 3);
    if (parts.length < 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
      return Optional.empty();
    }
    return Optional.of(parts[1]).filter(token -> !token.isEmpty());
  }
}
