package io.sparkrelay.standin.apiserver;

import static io.sparkrelay.standin.apiserver.ApiServerFixtures.LAUNCHER;
import static io.sparkrelay.standin.apiserver.ApiServerFixtures.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RbacAuthorizerTest {

  private static final String WF = "/apis/argoproj.io/v1alpha1/namespaces/argo-workflows/workflows";
  private static final String PODS = "/api/v1/namespaces/spark-team-a/pods";

  private final Identity launcher = Identity.authenticated(LAUNCHER, List.of());
  private final Identity reporter = Identity.authenticated(REPORTER, List.of());
  private final RbacAuthorizer rbac = new RbacAuthorizer(ApiServerFixtures.policy());

  @Test
  void loadsTheRbacKindsInFileOrderAndIgnoresTheOthers() {
    assertThat(ApiServerFixtures.policy().roleNames())
        .containsExactly(
            RoleName.role("argo-workflows", "spark-relay-workflow-launcher"),
            RoleName.clusterRole("spark-relay-pod-reader"),
            RoleName.clusterRole("crd-reader"),
            RoleName.clusterRole("apis-discovery"),
            RoleName.clusterRole("api-root"),
            RoleName.clusterRole("workflow-viewer"),
            RoleName.role("spark-team-a", "nightly-only"));
  }

  @Test
  void countsForEachRuleTheRequestsItAllowedFirst() {
    authorize(launcher, "POST", WF);
    authorize(launcher, "POST", WF);
    authorize(launcher, "GET", WF + "/wf-1");
    authorize(launcher, "GET", WF + "?watch=true");
    authorize(reporter, "GET", PODS);
    authorize(reporter, "GET", PODS + "?watch=true");
    authorize(reporter, "GET", PODS + "?watch=true");
    authorize(reporter, "GET", "/apis");
    // Refused, or allowed by system:masters: no rule is counted.
    authorize(reporter, "POST", PODS);
    authorize(Identity.authenticated("admin", List.of("system:masters")), "GET", WF);

    assertThat(rbac.usage().stream().map(RuleUsage::toString))
        .containsExactly(
            "Role argo-workflows/spark-relay-workflow-launcher rule 0: 4 allowed",
            "Role argo-workflows/spark-relay-workflow-launcher rule 1: 0 allowed",
            "ClusterRole spark-relay-pod-reader rule 0: 1 allowed",
            "ClusterRole spark-relay-pod-reader rule 1: 2 allowed",
            "ClusterRole spark-relay-pod-reader rule 2: 0 allowed",
            "ClusterRole spark-relay-pod-reader rule 3: 0 allowed",
            "ClusterRole crd-reader rule 0: 0 allowed",
            "ClusterRole apis-discovery rule 0: 1 allowed",
            "ClusterRole api-root rule 0: 0 allowed",
            "ClusterRole workflow-viewer rule 0: 0 allowed",
            "Role spark-team-a/nightly-only rule 0: 0 allowed");
    assertThat(rbac.unusedRules().getFirst().rule().getResources())
        .containsExactly("workflowtemplates");
  }

  @Test
  void aDecisionNamesTheAllowingRule() {
    RbacAuthorizer.Decision decision = authorize(reporter, "GET", PODS + "?watch=true");

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.allowedBy())
        .contains(new RbacAuthorizer.RuleRef(RoleName.clusterRole("spark-relay-pod-reader"), 1));
  }

  @Test
  void aClusterRoleBindingToAServiceAccountWithoutNamespaceAppliesToNobody() {
    RbacPolicy policy =
        RbacPolicy.fromYaml(
            List.of(
                """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: all}
                rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: all}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: all}
                subjects: [{kind: ServiceAccount, name: spark-relay-workflow-launcher}]
                """));

    assertThat(
            new RbacAuthorizer(policy)
                .authorize(launcher, RequestAttributes.parse("GET", WF))
                .allowed())
        .isFalse();
  }

  @Test
  void starsMatchEveryGroupResourceSubresourceAndVerb() {
    RbacPolicy policy =
        RbacPolicy.fromYaml(
            List.of(
                """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: all}
                rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: all}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: all}
                subjects: [{kind: User, name: jane}]
                """));
    RbacAuthorizer all = new RbacAuthorizer(policy);
    Identity jane = Identity.authenticated("jane", List.of());

    // Without a namespace, both land in "default", as kubectl apply puts them.
    assertThat(
            all.authorize(
                    jane,
                    RequestAttributes.parse("PATCH", "/api/v1/namespaces/default/pods/p/status"))
                .allowed())
        .isTrue();
    assertThat(
            all.authorize(
                    jane,
                    RequestAttributes.parse(
                        "DELETE", "/apis/argoproj.io/v1alpha1/namespaces/default/workflows"))
                .allowed())
        .isTrue();
    assertThat(
            all.authorize(jane, RequestAttributes.parse("GET", "/api/v1/namespaces/other/pods"))
                .allowed())
        .isFalse();
  }

  @Test
  void readsTheItemsOfAKindList() {
    RbacPolicy policy =
        RbacPolicy.fromYaml(
            List.of(
                """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRole
                    metadata: {name: listed}
                """));

    assertThat(policy.roleNames()).containsExactly(RoleName.clusterRole("listed"));
  }

  @Test
  void refusesARoleDefinedTwice() {
    String role =
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: twice, namespace: ns}
        """;

    assertThatThrownBy(() -> RbacPolicy.fromYaml(List.of(role, role)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Role ns/twice is defined twice");
  }

  @Test
  void theBootstrapRolesLetEveryAuthenticatedUserReadDiscovery() {
    RbacAuthorizer withBootstrap =
        new RbacAuthorizer(ApiServerFixtures.policy().withBootstrapRoles());
    Identity jane = Identity.authenticated("jane", List.of());

    assertThat(withBootstrap.authorize(jane, RequestAttributes.parse("GET", "/api")).allowed())
        .isTrue();
    assertThat(withBootstrap.authorize(jane, RequestAttributes.parse("GET", "/api/v1")).allowed())
        .isTrue();
    assertThat(
            withBootstrap
                .authorize(Identity.ANONYMOUS, RequestAttributes.parse("GET", "/api"))
                .allowed())
        .isFalse();
    assertThat(withBootstrap.authorize(jane, RequestAttributes.parse("GET", "/api")).allowedBy())
        .contains(new RbacAuthorizer.RuleRef(RoleName.clusterRole("system:discovery"), 0));
  }

  @Test
  void aBootstrapRoleTheFilesDefineKeepsTheFilesRules() {
    RbacPolicy ownDiscovery =
        RbacPolicy.fromYaml(
                List.of(
                    """
                    apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRole
                    metadata: {name: "system:discovery"}
                    rules: [{nonResourceURLs: ["/apis"], verbs: ["get"]}]
                    """))
            .withBootstrapRoles();
    RbacAuthorizer withBootstrap = new RbacAuthorizer(ownDiscovery);
    Identity jane = Identity.authenticated("jane", List.of());

    assertThat(withBootstrap.authorize(jane, RequestAttributes.parse("GET", "/apis")).allowed())
        .isTrue();
    assertThat(withBootstrap.authorize(jane, RequestAttributes.parse("GET", "/api")).allowed())
        .isFalse();
  }

  @Test
  void anEmptyPolicyAllowsNothing() {
    RbacAuthorizer none = new RbacAuthorizer(RbacPolicy.fromYaml(List.of("# nothing\n")));

    assertThat(none.authorize(reporter, RequestAttributes.parse("GET", PODS)))
        .isEqualTo(new RbacAuthorizer.Decision(false, "", List.of(), Optional.empty()));
    assertThat(none.usage()).isEmpty();
  }

  private RbacAuthorizer.Decision authorize(Identity who, String method, String path) {
    return rbac.authorize(who, RequestAttributes.parse(method, path));
  }
}
