package io.sparkrelay.standin.apiserver;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The test tokens and RBAC files (test resources next to this package), and requests to check. */
final class ApiServerFixtures {

  static final String LAUNCHER = "system:serviceaccount:spark-relay:spark-relay-workflow-launcher";
  static final String REPORTER = "system:serviceaccount:spark-relay:spark-relay-status-reporter";
  static final String RUNNER = "system:serviceaccount:spark-team-a:spark-job-runner";

  private ApiServerFixtures() {}

  static Path resource(String name) {
    try {
      return Path.of(ApiServerFixtures.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Authentication authentication() {
    try {
      return Authentication.fromTokensFile(resource("tokens.txt"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RbacPolicy policy() {
    try {
      return RbacPolicy.load(List.of(resource("rbac.yaml")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request as the mock server records it; {@code token} null for none. */
  static RecordedRequest request(String method, String path, String token) {
    Headers.Builder headers = Headers.builder().add("User-Agent", "junit");
    if (token != null) {
      headers.add("Authorization", "Bearer " + token);
    }
    return new RecordedRequest(
        "HTTP/1.1", HttpMethod.valueOf(method), path, headers.build(), new Buffer());
  }

  static String body(MockResponse response) {
    return new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
  }
}
