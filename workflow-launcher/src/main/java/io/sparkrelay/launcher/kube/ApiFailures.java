package io.sparkrelay.launcher.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Sorts Kubernetes API failures: transient ones (no answer, timeouts, 408, 429, 5xx) are worth a
 * retry; other 4xx answers will not change and are permanent.
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
      return code < 400 || code == 408 || code == 429 || code >= 500;
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
