package io.sparkrelay.standin.apiserver;

import java.util.ArrayList;
import java.util.List;

/**
 * Who sent a request, as kube-apiserver's authenticators hand it to the authorizer: a user name and
 * its groups.
 */
public record Identity(String user, List<String> groups) {

  public static final String AUTHENTICATED = "system:authenticated";
  public static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  /** What a request without credentials would be if anonymous requests were allowed. */
  public static final Identity ANONYMOUS =
      new Identity("system:anonymous", List.of("system:unauthenticated"));

  public Identity {
    groups = List.copyOf(groups);
  }

  /**
   * An authenticated user: a service account ({@code system:serviceaccount:<ns>:<name>}) gets
   * {@code system:serviceaccounts} and {@code system:serviceaccounts:<ns>} first, as the token
   * authenticator adds them; every user ends with {@code system:authenticated}.
   */
  public static Identity authenticated(String user, List<String> extraGroups) {
    List<String> groups = new ArrayList<>();
    String namespace = serviceAccountNamespace(user);
    if (namespace != null) {
      groups.add("system:serviceaccounts");
      groups.add("system:serviceaccounts:" + namespace);
    }
    extraGroups.stream().filter(g -> !groups.contains(g)).forEach(groups::add);
    if (!groups.contains(AUTHENTICATED)) {
      groups.add(AUTHENTICATED);
    }
    return new Identity(user, groups);
  }

  /** The user name kube gives the service account {@code name} in {@code namespace}. */
  public static String serviceAccountUser(String namespace, String name) {
    return SERVICE_ACCOUNT_PREFIX + namespace + ":" + name;
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }

  /** The namespace of a well-formed service-account user name, else null. */
  private static String serviceAccountNamespace(String user) {
    if (!user.startsWith(SERVICE_ACCOUNT_PREFIX)) {
      return null;
    }
    String[] parts = user.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", -1);
    boolean wellFormed = parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty();
    return wellFormed ? parts[0] : null;
  }
}
