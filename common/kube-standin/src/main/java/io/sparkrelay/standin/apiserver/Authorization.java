package io.sparkrelay.standin.apiserver;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.logging.Logger;

/**
 * RBAC authorization of every API request (the paths {@link Authentication} guards), answered 403
 * with kube's Forbidden Status when no rule allows it, and logged in one line naming what was asked
 * and which roles were consulted. Put it after the {@link Authentication} gate; a request without a
 * known token is authorized as {@code system:anonymous}.
 */
public final class Authorization implements RequestGate {

  private static final Logger LOG = Logger.getLogger(Authorization.class.getName());

  private final Authentication authentication;
  private final RbacAuthorizer authorizer;

  public Authorization(Authentication authentication, RbacAuthorizer authorizer) {
    this.authentication = authentication;
    this.authorizer = authorizer;
  }

  public RbacAuthorizer authorizer() {
    return authorizer;
  }

  /** Shorthand for {@code authorizer().usage()}. */
  public List<RuleUsage> usage() {
    return authorizer.usage();
  }

  @Override
  public Verdict check(RecordedRequest request) {
    if (!Authentication.isApiPath(request.getPath())) {
      return new Pass(request);
    }
    Identity who = authentication.identityOf(request).orElse(Identity.ANONYMOUS);
    RequestAttributes attributes = RequestAttributes.parse(request.getMethod(), request.getPath());
    RbacAuthorizer.Decision decision = authorizer.authorize(who, attributes);
    if (decision.allowed()) {
      return new Pass(request);
    }
    LOG.warning(denialLine(who, attributes, decision));
    return new Refuse(ApiStatus.forbidden(attributes, who.user(), decision.reason()));
  }

  /**
   * {@code RBAC denied user="…" verb=list group="…" resource="…" subresource="…" namespace="…"
   * name="…": no rule of [Role ns/a, ClusterRole b] grants it}; a non-resource request names its
   * {@code path} instead; kube's reason (missing roles) follows after "; ".
   */
  static String denialLine(Identity who, RequestAttributes request, RbacAuthorizer.Decision d) {
    String asked =
        request.resourceRequest()
            ? String.format(
                "verb=%s group=\"%s\" resource=\"%s\" subresource=\"%s\" namespace=\"%s\""
                    + " name=\"%s\"",
                request.verb(),
                request.apiGroup(),
                request.resource(),
                request.subresource(),
                request.namespace(),
                request.name())
            : String.format("verb=%s path=\"%s\"", request.verb(), request.path());
    return String.format(
        "RBAC denied user=\"%s\" %s: no rule of %s grants it%s",
        who.user(), asked, d.boundRoles(), d.reason().isEmpty() ? "" : "; " + d.reason());
  }
}
