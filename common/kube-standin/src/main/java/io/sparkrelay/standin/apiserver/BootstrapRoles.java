package io.sparkrelay.standin.apiserver;

/**
 * The discovery part of kube-apiserver's bootstrap RBAC policy (plugin/pkg/auth/authorizer/rbac/
 * bootstrappolicy): every authenticated user may read the discovery and health URLs and review its
 * own access. The stand-in lets non-API paths through anyway; {@code /api} and {@code /apis}
 * discovery need these rules.
 */
final class BootstrapRoles {

  private BootstrapRoles() {}

  static final String YAML =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: "system:discovery"
      rules:
        - nonResourceURLs:
            ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*",
             "/readyz", "/version", "/version/"]
          verbs: ["get"]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: "system:basic-user"
      rules:
        - apiGroups: ["authorization.k8s.io"]
          resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]
          verbs: ["create"]
        - apiGroups: ["authentication.k8s.io"]
          resources: ["selfsubjectreviews"]
          verbs: ["create"]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: "system:public-info-viewer"
      rules:
        - nonResourceURLs: ["/healthz", "/livez", "/readyz", "/version", "/version/"]
          verbs: ["get"]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata:
        name: "system:discovery"
      roleRef:
        apiGroup: rbac.authorization.k8s.io
        kind: ClusterRole
        name: "system:discovery"
      subjects:
        - apiGroup: rbac.authorization.k8s.io
          kind: Group
          name: "system:authenticated"
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata:
        name: "system:basic-user"
      roleRef:
        apiGroup: rbac.authorization.k8s.io
        kind: ClusterRole
        name: "system:basic-user"
      subjects:
        - apiGroup: rbac.authorization.k8s.io
          kind: Group
          name: "system:authenticated"
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata:
        name: "system:public-info-viewer"
      roleRef:
        apiGroup: rbac.authorization.k8s.io
        kind: ClusterRole
        name: "system:public-info-viewer"
      subjects:
        - apiGroup: rbac.authorization.k8s.io
          kind: Group
          name: "system:authenticated"
        - apiGroup: rbac.authorization.k8s.io
          kind: Group
          name: "system:unauthenticated"
      """;
}
