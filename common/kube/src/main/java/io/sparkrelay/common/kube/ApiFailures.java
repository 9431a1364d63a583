package io.sparkrelay.common.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Sorts Kubernetes API failures the same way in every service: transient ones (no answer, I/O,
 * timeouts, 408, 409, 429, 5xx) are worth a retry; other 4xx answers (401, 403, 404, 422: refused
 * by authentication, RBAC, admission or schema) will not change and are permanent. A 409 is a
 * conflict with the object's current state, which the next attempt reads again; a caller that
 * treats a 409 on create as "already there" handles it before asking.
 */
public final class ApiFailures {

  private ApiFailures() {}

  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException) {
        return true;
      }
    }
    if (failure instanceof KubernetesClientException e) {
      int code = e.getCode();
      return code < 400 || code == 408 || code == 409 || code == 429 || code >= 500;
    }
    return true;
  }

  /** A short description: the HTTP code and the API's message. */
  public static String describe(Throwable failure) {
    if (failure instanceof KubernetesClientException e && e.getCode() > 0) {
      String reason = e.getStatus() == null ? null : e.getStatus().getMessage();
      return "Kubernetes API answered "
          + e.getCode()
          + ": "
          + (reason != null ? reason : e.getMessage());
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }
}
