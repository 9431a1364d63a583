package io.sparkrelay.simulator;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.standin.apiserver.Authentication;
import io.sparkrelay.standin.apiserver.Authorization;
import io.sparkrelay.standin.apiserver.Identity;
import io.sparkrelay.standin.apiserver.RbacAuthorizer;
import io.sparkrelay.standin.apiserver.RbacPolicy;
import io.sparkrelay.standin.apiserver.RequestGate;
import io.sparkrelay.standin.apiserver.SchemaAdmission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a real API server the stand-in process holds: bearer tokens ({@code --tokens}) and
 * RBAC ({@code --rbac}) from its command line, and the upstream CRD schemas. Without {@code
 * --tokens} every caller may do anything (the schemas still hold).
 */
final class StandInRules {

  /** Path at which the stand-in serves, per RBAC rule, how many requests it allowed. */
  static final String RULE_USAGE_PATH = "/relay-stand-in/rbac-usage";

  private final Authentication authentication;
  private final Authorization authorization;
  private final String adminToken;

  private StandInRules(Authentication authentication, Authorization authorization, String token) {
    this.authentication = authentication;
    this.authorization = authorization;
    this.adminToken = token;
  }

  static StandInRules from(CommandLine cli) throws IOException {
    if (cli.value("tokens").isEmpty()) {
      return new StandInRules(null, null, null);
    }
    Authentication authentication =
        Authentication.fromTokensFile(Path.of(cli.value("tokens").get()));
    RbacPolicy policy =
        RbacPolicy.load(cli.values("rbac").stream().map(Path::of).toList()).withBootstrapRoles();
    String adminToken = cli.value("admin-token-file").map(file -> read(Path.of(file))).orElse(null);
    return new StandInRules(
        authentication, new Authorization(authentication, new RbacAuthorizer(policy)), adminToken);
  }

  /**
   * Authentication and RBAC (with {@code --tokens}), then schema admission of Workflows,
   * WorkflowTemplates and SparkApplications against their upstream CRDs, always: last, so that it
   * checks only what the caller may do.
   */
  List<RequestGate> gatesAround(Dispatcher store) {
    List<RequestGate> gates = new ArrayList<>();
    if (authentication != null) {
      gates.add(authentication);
      gates.add(authorization);
    }
    gates.add(SchemaAdmission.inFrontOf(store));
    return gates;
  }

  /** The user a request comes from, as the request log and the refusals name it. */
  String identify(RecordedRequest request) {
    if (authentication == null) {
      return "unchecked";
    }
    return authentication.identityOf(request).map(Identity::user).orElse("unauthenticated");
  }

  /** The token of the stand-in's own set-up calls, or null when no token is needed. */
  String adminToken() {
    return adminToken;
  }

  /** Serves the rule usage at {@link #RULE_USAGE_PATH}, so a test can report unused rules. */
  void serveRuleUsage(KubernetesApiStandIn api) {
    if (authorization == null) {
      return;
    }
    api.server()
        .expect()
        .get()
        .withPath(RULE_USAGE_PATH)
        .andReply(
            200,
            request ->
                Serialization.asJson(
                    authorization.usage().stream()
                        .map(
                            u ->
                                new UsedRule(
                                    u.role().toString(),
                                    u.ruleIndex(),
                                    u.rule().getApiGroups(),
                                    u.rule().getResources(),
                                    u.rule().getVerbs(),
                                    u.allowed()))
                        .toList()))
        .always();
  }

  /** One RBAC rule and the requests it allowed. */
  record UsedRule(
      String role,
      int rule,
      List<String> apiGroups,
      List<String> resources,
      List<String> verbs,
      long allowed) {}

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
