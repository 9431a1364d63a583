package io.sparkrelay.standin.apiserver;

import static io.sparkrelay.standin.apiserver.ApiServerFixtures.LAUNCHER;
import static io.sparkrelay.standin.apiserver.ApiServerFixtures.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BearerTokensTest {

  private BearerTokens tokens;

  @BeforeEach
  void load() throws IOException {
    tokens = BearerTokens.load(ApiServerFixtures.resource("tokens.txt"));
  }

  @Test
  void serviceAccountUsersCarryTheirServiceAccountGroups() {
    assertThat(tokens.identify("launcher-token"))
        .contains(
            new Identity(
                LAUNCHER,
                List.of(
                    "system:serviceaccounts",
                    "system:serviceaccounts:spark-relay",
                    "system:authenticated")));
  }

  @Test
  void fieldsMaySplitOnTabsAndEndInAComment() {
    assertThat(tokens.identify("reporter-token").map(Identity::user)).contains(REPORTER);
    assertThat(tokens.identify("runner-token").map(Identity::groups))
        .contains(
            List.of(
                "system:serviceaccounts",
                "system:serviceaccounts:spark-team-a",
                "system:authenticated"));
  }

  @Test
  void plainUsersAreOnlyAuthenticatedUnlessTheFileAddsGroups() {
    assertThat(tokens.identify("kcm-token"))
        .contains(new Identity("system:kube-controller-manager", List.of("system:authenticated")));
    assertThat(tokens.identify("admin-token"))
        .contains(new Identity("admin", List.of("system:masters", "system:authenticated")));
  }

  @Test
  void unknownTokensIdentifyNobody() {
    assertThat(tokens.identify("wrong-token")).isEqualTo(Optional.empty());
    assertThat(tokens.identify("#")).isEqualTo(Optional.empty());
  }

  @Test
  void aMalformedServiceAccountNameIsAPlainUser() {
    assertThat(Identity.authenticated("system:serviceaccount:spark-relay", List.of()).groups())
        .containsExactly("system:authenticated");
  }

  @Test
  void refusesALineWithoutUserAndATokenGivenTwiceNamingTheLineNotTheToken() {
    assertThatThrownBy(() -> BearerTokens.parse("# c\n\nsecret-1\n", "tokens.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tokens.txt:3: expected 'token username [groups]'");
    assertThatThrownBy(() -> BearerTokens.parse("secret-1 a\nsecret-1 b\n", "tokens.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tokens.txt:2: this token is given twice");
  }
}
