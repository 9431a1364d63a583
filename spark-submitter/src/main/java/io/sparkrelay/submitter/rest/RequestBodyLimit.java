package io.sparkrelay.submitter.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.sparkrelay.submitter.config.SubmitterConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The request body limit ({@code relay.http.max-body-size}), enforced here rather than by Quarkus:
 * Quarkus' refusal has no body and a {@code Connection: close} header, which HTTP/2 forbids (RFC
 * 9113, 8.2.2), so an h2c client sees a malformed response instead of a 413. A declared
 * Content-Length above the limit is refused before the body is read; a body without one is cut
 * while the resource reads it. Either way the answer is a 413 {@link ErrorMessage}, and the rest of
 * the body is refused as each protocol allows.
 */
@ApplicationScoped
class RequestBodyLimit {

  private static final int TOO_LARGE = 413;

  /** RST_STREAM code: the answer is complete, stop sending (RFC 9113, 8.1). */
  private static final long NO_ERROR = 0;

  /** How long an HTTP/1.1 connection still takes in a refused body before it is closed. */
  private static final Duration LINGER = Duration.ofSeconds(2);

  private final int limit;
  private final ErrorMessage refusal;
  private final String refusalJson;

  RequestBodyLimit(SubmitterConfig config, ObjectMapper json) throws JsonProcessingException {
    this.limit = Math.toIntExact(config.http().maxBodySize().asLongValue());
    this.refusal = new ErrorMessage("request body larger than the limit of " + limit + " bytes");
    this.refusalJson = json.writeValueAsString(refusal);
  }

  /** Runs before Quarkus' own Content-Length check, on every route. */
  void install(@Observes Router router) {
    router
        .route()
        .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
        .handler(
            context -> {
              if (declaredLength(context.request()) > limit) {
                stopTheRestAfterAnswer(context);
                context
                    .response()
                    .setStatusCode(TOO_LARGE)
                    .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                    .end(refusalJson);
              } else {
                context.next();
              }
            });
  }

  /** The body as text, or empty when it is longer than the limit (read no further). */
  Optional<String> read(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(limit + 1);
    return bytes.length > limit
        ? Optional.empty()
        : Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }

  /** The answer to a body {@link #read} found too long. */
  Response refuse(RoutingContext context) {
    stopTheRestAfterAnswer(context);
    return Response.status(TOO_LARGE).entity(refusal).build();
  }

  /**
   * Part of the body is still unread. HTTP/2 resets just this stream once the answer is out;
   * HTTP/1.1 can only close the connection.
   */
  private static void stopTheRestAfterAnswer(RoutingContext context) {
    HttpServerRequest request = context.request();
    if (request.version() == HttpVersion.HTTP_2) {
      context.addEndHandler(
          answered -> {
            if (!request.isEnded()) {
              context.response().reset(NO_ERROR);
            }
          });
    } else {
      context.response().putHeader(HttpHeaders.CONNECTION, "close");
      context.addEndHandler(answered -> lingerThenClose(context.vertx(), request));
    }
  }

  /**
   * Closing while the body still arrives makes the kernel reset the connection, and the client may
   * lose the answer it has not read yet: drop what comes for a moment first.
   */
  private static void lingerThenClose(Vertx vertx, HttpServerRequest request) {
    HttpConnection connection = request.connection();
    if (request.isEnded()) {
      connection.close();
      return;
    }
    long timer = vertx.setTimer(LINGER.toMillis(), late -> connection.close());
    request
        .exceptionHandler(closed -> {})
        .handler(dropped -> {})
        .endHandler(
            ended -> {
              vertx.cancelTimer(timer);
              connection.close();
            })
        .resume();
  }

  private static long declaredLength(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    try {
      return length == null ? -1 : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1; // the codec refuses a malformed length itself
    }
  }
}
