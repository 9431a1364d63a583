package io.sparkrelay.reporter.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refusal of the REST API says why, as {@code {"message": ...}}: a caller who sent a bad
 * filter or asked for an unknown run reads the reason, not an empty body.
 */
public class ErrorAnswers {

  /** The body of a 4xx or 5xx answer. */
  @RegisterForReflection
  public record ErrorMessage(String message) {}

  @ServerExceptionMapper
  public Response refused(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String message =
        e.getMessage() == null ? Response.Status.fromStatusCode(status).toString() : e.getMessage();
    // the refusal's own headers stay (a 401's WWW-Authenticate, a 503's Retry-After)
    return Response.fromResponse(e.getResponse())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorMessage(message))
        .build();
  }
}
