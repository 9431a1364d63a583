package io.sparkrelay.submitter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallerCredentialsTest {

  private final CallerCredentials credentials =
      new CallerCredentials(List.of("Bearer current-credential", "previous-credential"));

  @Test
  void bothCredentialsAreAcceptedWhateverTheSchemesCase() {
    assertThat(credentials.refusal("Bearer current-credential")).isEmpty();
    assertThat(credentials.refusal("bearer   current-credential ")).isEmpty();
    assertThat(credentials.refusal("BEARER previous-credential")).isEmpty();
  }

  @Test
  void anythingElseIsRefusedWithTheReason() {
    assertThat(credentials.refusal(null))
        .contains("missing credential: send Authorization: Bearer <credential>");
    assertThat(credentials.refusal(" ")).isPresent();
    assertThat(credentials.refusal("Bearer"))
        .contains("the Authorization header must use the Bearer scheme");
    assertThat(credentials.refusal("current-credential"))
        .contains("the Authorization header must use the Bearer scheme");
    assertThat(credentials.refusal("Basic current-credential"))
        .contains("the Authorization header must use the Bearer scheme");
    assertThat(credentials.refusal("Bearer current-credentia")).contains("credential not accepted");
    assertThat(credentials.refusal("Bearer Current-credential"))
        .contains("credential not accepted");
    assertThat(credentials.refusal("Bearer current-credential-and-more"))
        .contains("credential not accepted");
  }

  @Test
  void aConfigurationWithoutAUsableCredentialStopsTheStart() {
    assertThatThrownBy(() -> new CallerCredentials(List.of(" ", "Bearer ")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("relay.auth.credentials holds no credential: the API would accept no caller");
  }
}
