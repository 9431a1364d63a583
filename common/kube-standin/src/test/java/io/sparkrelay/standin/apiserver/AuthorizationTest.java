package io.sparkrelay.standin.apiserver;

import static io.sparkrelay.standin.apiserver.ApiServerFixtures.body;
import static io.sparkrelay.standin.apiserver.ApiServerFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Allowed and refused requests for each kind of RBAC rule, with kube's exact 403 messages. */
class AuthorizationTest {

  private static final String WF = "/apis/argoproj.io/v1alpha1/namespaces/%s/workflows";
  private static final String PODS = "/api/v1/namespaces/%s/pods";
  private static final String APPS =
      "/apis/sparkoperator.k8s.io/v1beta2/namespaces/spark-team-a/sparkapplications";

  private Authorization authorization;

  @BeforeEach
  void setUp() {
    Authentication authentication = ApiServerFixtures.authentication();
    authorization =
        new Authorization(authentication, new RbacAuthorizer(ApiServerFixtures.policy()));
  }

  @Test
  void aRoleBindingGrantsItsRoleInItsNamespaceOnly() {
    assertAllowed("launcher-token", "POST", WF.formatted("argo-workflows"));
    assertAllowed("launcher-token", "GET", WF.formatted("argo-workflows") + "/wf-1");
    assertAllowed("launcher-token", "GET", WF.formatted("argo-workflows") + "?watch=true");

    assertThat(refusal("launcher-token", "GET", WF.formatted("spark-team-a")))
        .isEqualTo(
            "workflows.argoproj.io is forbidden: User"
                + " \"system:serviceaccount:spark-relay:spark-relay-workflow-launcher\" cannot"
                + " list resource \"workflows\" in API group \"argoproj.io\" in the namespace"
                + " \"spark-team-a\"");
    assertThat(refusal("launcher-token", "DELETE", WF.formatted("argo-workflows") + "/wf-1"))
        .isEqualTo(
            "workflows.argoproj.io \"wf-1\" is forbidden: User"
                + " \"system:serviceaccount:spark-relay:spark-relay-workflow-launcher\" cannot"
                + " delete resource \"workflows\" in API group \"argoproj.io\" in the namespace"
                + " \"argo-workflows\"");
    assertThat(refusal("launcher-token", "GET", PODS.formatted("argo-workflows") + "?watch=1"))
        .isEqualTo(
            "pods is forbidden: User"
                + " \"system:serviceaccount:spark-relay:spark-relay-workflow-launcher\" cannot"
                + " watch resource \"pods\" in API group \"\" in the namespace \"argo-workflows\"");
  }

  @Test
  void refusesTheStatusReportersWorkflowListWithKubesExactStatusBody() {
    MockResponse refused =
        ((RequestGate.Refuse)
                authorization.check(request("GET", WF.formatted("spark-team-a"), "reporter-token")))
            .response();

    assertThat(refused.code()).isEqualTo(403);
    assertThat(refused.header("Content-Type")).isEqualTo("application/json");
    assertThat(body(refused))
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"workflows.argoproj.io is forbidden: User"
                + " \\\"system:serviceaccount:spark-relay:spark-relay-status-reporter\\\" cannot"
                + " list resource \\\"workflows\\\" in API group \\\"argoproj.io\\\" in the"
                + " namespace \\\"spark-team-a\\\"\",\"reason\":\"Forbidden\","
                + "\"details\":{\"group\":\"argoproj.io\",\"kind\":\"workflows\"},\"code\":403}");
  }

  @Test
  void aClusterRoleBindingGrantsInEveryNamespaceAndAtTheClusterScope() {
    assertAllowed("reporter-token", "GET", PODS.formatted("spark-team-a"));
    assertAllowed("reporter-token", "GET", PODS.formatted("argo-workflows") + "?watch=true");
    assertAllowed("reporter-token", "GET", "/api/v1/pods?watch=true");

    assertThat(refusal("reporter-token", "GET", PODS.formatted("spark-team-a") + "/driver"))
        .isEqualTo(
            "pods \"driver\" is forbidden: User"
                + " \"system:serviceaccount:spark-relay:spark-relay-status-reporter\" cannot get"
                + " resource \"pods\" in API group \"\" in the namespace \"spark-team-a\"");
    assertThat(refusal("reporter-token", "DELETE", "/api/v1/pods"))
        .isEqualTo(
            "pods is forbidden: User"
                + " \"system:serviceaccount:spark-relay:spark-relay-status-reporter\" cannot"
                + " deletecollection resource \"pods\" in API group \"\" at the cluster scope");
  }

  @Test
  void subresourcesMatchResourceSlashSubresourceAndStarSlashSubresourceOnly() {
    assertAllowed("reporter-token", "GET", PODS.formatted("spark-team-a") + "/driver/log");
    assertAllowed("reporter-token", "PATCH", PODS.formatted("spark-team-a") + "/driver/status");
    assertAllowed("reporter-token", "PATCH", WF.formatted("argo-workflows") + "/wf-1/status");

    assertThat(refusal("reporter-token", "PUT", PODS.formatted("spark-team-a") + "/driver/status"))
        .isEqualTo(
            "pods \"driver\" is forbidden: User"
                + " \"system:serviceaccount:spark-relay:spark-relay-status-reporter\" cannot"
                + " update resource \"pods/status\" in API group \"\" in the namespace"
                + " \"spark-team-a\"");
    assertThat(refusal("launcher-token", "PATCH", PODS.formatted("argo-workflows") + "/p/status"))
        .isEqualTo(
            "pods \"p\" is forbidden: User"
                + " \"system:serviceaccount:spark-relay:spark-relay-workflow-launcher\" cannot"
                + " patch resource \"pods/status\" in API group \"\" in the namespace"
                + " \"argo-workflows\"");
    // "workflows" in a rule does not cover workflows/status.
    assertThat(refusal("launcher-token", "PUT", WF.formatted("argo-workflows") + "/wf-1/status"))
        .isEqualTo(
            "workflows.argoproj.io \"wf-1\" is forbidden: User"
                + " \"system:serviceaccount:spark-relay:spark-relay-workflow-launcher\" cannot"
                + " update resource \"workflows/status\" in API group \"argoproj.io\" in the"
                + " namespace \"argo-workflows\"");
  }

  @Test
  void groupSubjectsAndClusterScopedResources() {
    String crds = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    assertAllowed("launcher-token", "GET", crds);
    assertAllowed("reporter-token", "GET", crds + "/workflows.argoproj.io");

    assertThat(refusal("jane-token", "GET", crds))
        .isEqualTo(
            "customresourcedefinitions.apiextensions.k8s.io is forbidden: User \"jane\" cannot"
                + " list resource \"customresourcedefinitions\" in API group"
                + " \"apiextensions.k8s.io\" at the cluster scope");
    assertThat(refusal("runner-token", "GET", crds + "/workflows.argoproj.io"))
        .isEqualTo(
            "customresourcedefinitions.apiextensions.k8s.io \"workflows.argoproj.io\" is"
                + " forbidden: User \"system:serviceaccount:spark-team-a:spark-job-runner\""
                + " cannot get resource \"customresourcedefinitions\" in API group"
                + " \"apiextensions.k8s.io\" at the cluster scope");
  }

  @Test
  void aClusterRoleBoundByARoleBindingGrantsOnlyInTheBindingsNamespace() {
    assertAllowed("jane-token", "GET", WF.formatted("spark-team-a"));

    assertThat(refusal("jane-token", "GET", WF.formatted("argo-workflows")))
        .isEqualTo(
            "workflows.argoproj.io is forbidden: User \"jane\" cannot list resource"
                + " \"workflows\" in API group \"argoproj.io\" in the namespace \"argo-workflows\"");
    assertThat(refusal("jane-token", "GET", "/apis/argoproj.io/v1alpha1/workflows"))
        .isEqualTo(
            "workflows.argoproj.io is forbidden: User \"jane\" cannot list resource"
                + " \"workflows\" in API group \"argoproj.io\" at the cluster scope");
  }

  @Test
  void resourceNamesRestrictNamedRequestsAndFieldSelectedListsAndNeverMatchCreate() {
    String nightly = APPS + "/nightly";
    assertAllowed("runner-token", "GET", nightly);
    assertAllowed("runner-token", "PUT", nightly);
    assertAllowed("runner-token", "PATCH", nightly);
    assertAllowed("runner-token", "DELETE", nightly);
    assertAllowed("runner-token", "GET", APPS + "?fieldSelector=metadata.name%3Dnightly");
    assertAllowed("runner-token", "GET", APPS + "?fieldSelector=metadata.name%3Dnightly&watch=1");

    String runner = "User \"system:serviceaccount:spark-team-a:spark-job-runner\" cannot ";
    String where =
        " resource \"sparkapplications\" in API group \"sparkoperator.k8s.io\" in the"
            + " namespace \"spark-team-a\"";
    assertThat(refusal("runner-token", "POST", APPS))
        .isEqualTo(
            "sparkapplications.sparkoperator.k8s.io is forbidden: " + runner + "create" + where);
    assertThat(refusal("runner-token", "GET", APPS + "?watch=true"))
        .isEqualTo(
            "sparkapplications.sparkoperator.k8s.io is forbidden: " + runner + "watch" + where);
    assertThat(refusal("runner-token", "GET", APPS + "/weekly"))
        .isEqualTo(
            "sparkapplications.sparkoperator.k8s.io \"weekly\" is forbidden: "
                + runner
                + "get"
                + where);
    assertThat(refusal("runner-token", "GET", APPS + "?fieldSelector=metadata.name%3Dweekly"))
        .isEqualTo(
            "sparkapplications.sparkoperator.k8s.io \"weekly\" is forbidden: "
                + runner
                + "list"
                + where);
  }

  @Test
  void aServiceAccountSubjectWithoutNamespaceIsInTheBindingsNamespace() {
    Identity sameNameElsewhere =
        Identity.authenticated("system:serviceaccount:spark-relay:spark-job-runner", List.of());
    RbacAuthorizer rbac = authorization.authorizer();

    assertThat(
            rbac.authorize(sameNameElsewhere, RequestAttributes.parse("GET", APPS + "/nightly"))
                .allowed())
        .isFalse();
  }

  @Test
  void nonResourceUrlsAreGrantedOnlyThroughClusterRoleBindings() {
    assertAllowed("jane-token", "GET", "/apis");
    assertAllowed("jane-token", "GET", "/apis/argoproj.io/v1alpha1");

    MockResponse refused =
        ((RequestGate.Refuse) authorization.check(request("GET", "/api", "jane-token"))).response();
    assertThat(body(refused))
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"forbidden: User \\\"jane\\\" cannot get path \\\"/api\\\"\","
                + "\"reason\":\"Forbidden\",\"details\":{},\"code\":403}");
    assertThat(refusal("jane-token", "POST", "/apis"))
        .isEqualTo("forbidden: User \"jane\" cannot post path \"/apis\"");
  }

  @Test
  void theNamespaceObjectIsAuthorizedInItsOwnNamespace() {
    assertThat(refusal("kcm-token", "GET", "/api/v1/namespaces/spark-team-a"))
        .isEqualTo(
            "namespaces \"spark-team-a\" is forbidden: User \"system:kube-controller-manager\""
                + " cannot get resource \"namespaces\" in API group \"\" in the namespace"
                + " \"spark-team-a\"");
  }

  @Test
  void aBindingToAMissingRoleIsNamedInTheMessageAsKubeDoes() {
    assertThat(refusal("jane-token", "GET", PODS.formatted("spark-team-b")))
        .isEqualTo(
            "pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in"
                + " the namespace \"spark-team-b\": RBAC: role.rbac.authorization.k8s.io \"gone\""
                + " not found");
  }

  @Test
  void systemMastersMayDoAnything() {
    assertAllowed("admin-token", "DELETE", "/api/v1/namespaces/spark-team-a");
    assertAllowed("admin-token", "GET", "/api");
  }

  @Test
  void passesPathsOutsideTheApiWithoutAnIdentity() {
    assertThat(authorization.check(request("GET", "/relay-stand-in/requests", null)))
        .isInstanceOf(RequestGate.Pass.class);
    assertThat(authorization.check(request("GET", "/version", null)))
        .isInstanceOf(RequestGate.Pass.class);
  }

  @Test
  void withoutAnIdentityARequestIsAuthorizedAsAnonymous() {
    assertThat(refusal(null, "GET", PODS.formatted("spark-team-a")))
        .isEqualTo(
            "pods is forbidden: User \"system:anonymous\" cannot list resource \"pods\" in API"
                + " group \"\" in the namespace \"spark-team-a\"");
  }

  @Test
  void logsOneLineNamingTheRequestAndTheRolesConsulted() {
    Identity reporter =
        ApiServerFixtures.authentication()
            .identityOf(request("GET", "/api", "reporter-token"))
            .orElseThrow();
    RequestAttributes list = RequestAttributes.parse("GET", WF.formatted("spark-team-a"));

    assertThat(
            Authorization.denialLine(
                reporter, list, authorization.authorizer().authorize(reporter, list)))
        .isEqualTo(
            "RBAC denied user=\"system:serviceaccount:spark-relay:spark-relay-status-reporter\""
                + " verb=list group=\"argoproj.io\" resource=\"workflows\" subresource=\"\""
                + " namespace=\"spark-team-a\" name=\"\": no rule of [ClusterRole"
                + " spark-relay-pod-reader, ClusterRole crd-reader, ClusterRole apis-discovery]"
                + " grants it");

    Identity jane = Identity.authenticated("jane", List.of());
    RequestAttributes status =
        RequestAttributes.parse("PATCH", PODS.formatted("spark-team-b") + "/p/status");
    assertThat(
            Authorization.denialLine(
                jane, status, authorization.authorizer().authorize(jane, status)))
        .isEqualTo(
            "RBAC denied user=\"jane\" verb=patch group=\"\" resource=\"pods\""
                + " subresource=\"status\" namespace=\"spark-team-b\" name=\"p\": no rule of"
                + " [ClusterRole apis-discovery] grants it; RBAC: role.rbac.authorization.k8s.io"
                + " \"gone\" not found");
  }

  private void assertAllowed(String token, String method, String path) {
    RecordedRequest request = request(method, path, token);
    assertThat(authorization.check(request)).isEqualTo(new RequestGate.Pass(request));
  }

  /** The message of the 403 Status the gate answers with. */
  private String refusal(String token, String method, String path) {
    RequestGate.Verdict verdict = authorization.check(request(method, path, token));
    assertThat(verdict).isInstanceOf(RequestGate.Refuse.class);
    MockResponse response = ((RequestGate.Refuse) verdict).response();
    assertThat(response.code()).isEqualTo(403);
    return Serialization.unmarshal(body(response), Status.class).getMessage();
  }
}
