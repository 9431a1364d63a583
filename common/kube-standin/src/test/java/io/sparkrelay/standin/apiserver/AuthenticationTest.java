package io.sparkrelay.standin.apiserver;

import static io.sparkrelay.standin.apiserver.ApiServerFixtures.LAUNCHER;
import static io.sparkrelay.standin.apiserver.ApiServerFixtures.body;
import static io.sparkrelay.standin.apiserver.ApiServerFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthenticationTest {

  private static final String UNAUTHORIZED =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
          + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}";
  private static final String PODS = "/api/v1/namespaces/spark-team-a/pods";

  private final Authentication authentication = ApiServerFixtures.authentication();

  @Test
  void refusesAnApiRequestWithoutTokenWith401AndKubesStatus() {
    MockResponse refused = refusal(request("GET", PODS, null));

    assertThat(refused.code()).isEqualTo(401);
    assertThat(refused.header("Content-Type")).isEqualTo("application/json");
    assertThat(body(refused)).isEqualTo(UNAUTHORIZED);
  }

  @Test
  void refusesAnUnknownToken() {
    MockResponse refused =
        refusal(request("POST", "/apis/argoproj.io/v1alpha1/workflows", "wrong"));

    assertThat(refused.code()).isEqualTo(401);
    assertThat(body(refused)).isEqualTo(UNAUTHORIZED);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Basic bGF1bmNoZXI6eA==
          Bearer
          Bearer  launcher-token
          launcher-token
          """)
  void refusesAnAuthorizationHeaderThatIsNoBearerToken(String header) {
    assertThat(refusal(withAuthorization(header)).code()).isEqualTo(401);
  }

  @Test
  void handsAKnownTokensRequestOnUnchangedAndFindsItsIdentityAgain() {
    RecordedRequest request = withAuthorization("bearer launcher-token");

    assertThat(authentication.check(request)).isEqualTo(new RequestGate.Pass(request));
    assertThat(authentication.identityOf(request).map(Identity::user)).contains(LAUNCHER);
  }

  @ParameterizedTest
  @CsvSource({"/relay-stand-in/requests", "/version", "/healthz", "/openapi/v2", "/apiary"})
  void letsPathsOutsideTheApiPassWithoutCredentials(String path) {
    RecordedRequest request = request("GET", path, null);

    assertThat(authentication.check(request)).isEqualTo(new RequestGate.Pass(request));
    assertThat(authentication.identityOf(request)).isEqualTo(Optional.empty());
  }

  @ParameterizedTest
  @CsvSource({"/api", "/apis", "/api/v1", "/apis?limit=1", "//apis/argoproj.io/v1alpha1"})
  void guardsTheApiAndItsDiscovery(String path) {
    assertThat(Authentication.isApiPath(path)).isTrue();
    assertThat(refusal(request("GET", path, null)).code()).isEqualTo(401);
  }

  private MockResponse refusal(RecordedRequest request) {
    RequestGate.Verdict verdict = authentication.check(request);
    assertThat(verdict).isInstanceOf(RequestGate.Refuse.class);
    return ((RequestGate.Refuse) verdict).response();
  }

  private static RecordedRequest withAuthorization(String header) {
    Headers headers = Headers.builder().add("Authorization", header).build();
    return new RecordedRequest("HTTP/1.1", HttpMethod.GET, PODS, headers, new Buffer());
  }
}
