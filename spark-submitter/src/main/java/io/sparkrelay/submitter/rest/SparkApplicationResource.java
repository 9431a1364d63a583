package io.sparkrelay.submitter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import io.sparkrelay.submitter.SubmitterMetrics;
import io.sparkrelay.submitter.config.SubmitterConfig;
import io.sparkrelay.submitter.events.RunEvent;
import io.sparkrelay.submitter.events.RunEventPublisher;
import io.sparkrelay.submitter.kubernetes.SparkApplicationStore;
import io.sparkrelay.submitter.submission.AdmissionUnavailableException;
import io.sparkrelay.submitter.submission.InvalidRequestException;
import io.sparkrelay.submitter.submission.SparkApplicationSubmitter;
import io.sparkrelay.submitter.submission.SparkJob;
import io.sparkrelay.submitter.submission.SparkJobResolver;
import io.sparkrelay.submitter.submission.SubmissionResult;
import io.sparkrelay.submitter.submission.SubmitRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The API the workflow's Spark step calls. */
@Path("/api/v1/spark-applications")
@Produces(MediaType.APPLICATION_JSON)
public class SparkApplicationResource {

  private static final int TOO_MANY_REQUESTS = 429;
  private static final int UNPROCESSABLE = 422;

  private final RequestBodyLimit bodyLimit;
  private final SubmitRequestReader reader;
  private final SparkJobResolver resolver;
  private final SparkApplicationSubmitter submitter;
  private final SparkApplicationStore store;
  private final SubmitterMetrics metrics;
  private final RunEventPublisher events;
  private final List<String> namespaces;

  SparkApplicationResource(
      SubmitterConfig config,
      ObjectMapper json,
      SparkJobResolver resolver,
      SparkApplicationSubmitter submitter,
      SparkApplicationStore store,
      SubmitterMetrics metrics,
      RunEventPublisher events,
      RequestBodyLimit bodyLimit) {
    this.bodyLimit = bodyLimit;
    this.reader = new SubmitRequestReader(json);
    this.resolver = resolver;
    this.submitter = submitter;
    this.store = store;
    this.metrics = metrics;
    this.events = events;
    this.namespaces = config.policy().allowedNamespaces();
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "Create the SparkApplication of a workflow step from a job profile",
      description =
          "Idempotent: the name is <workflow>-<step without 'submit-'>; asking again for the same"
              + " run answers 200 with the existing application.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SubmitRequest.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = ApplicationAnswer.class)))
  @APIResponse(
      responseCode = "200",
      description = "Already created for this run",
      content = @Content(schema = @Schema(implementation = ApplicationAnswer.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid request",
      content = @Content(schema = @Schema(implementation = FieldErrors.class)))
  @APIResponse(
      responseCode = "403",
      description = "Refused by a policy rule",
      content = @Content(schema = @Schema(implementation = PolicyRefusal.class)))
  @APIResponse(
      responseCode = "409",
      description = "The name is held by another run's application",
      content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
  @APIResponse(
      responseCode = "413",
      description = "Request body larger than relay.http.max-body-size",
      content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
  @APIResponse(
      responseCode = "422",
      description = "The Kubernetes API refused the SparkApplication (RBAC, webhook, schema)",
      content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
  @APIResponse(
      responseCode = "429",
      description = "Admission limit of the namespace reached",
      headers = @Header(name = "Retry-After", description = "seconds"),
      content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
  @APIResponse(
      responseCode = "503",
      description = "Kubernetes API unavailable",
      headers = @Header(name = "Retry-After", description = "seconds"),
      content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
  public Response submit(InputStream body, @Context RoutingContext http) throws IOException {
    Optional<String> text = bodyLimit.read(body);
    if (text.isEmpty()) {
      return bodyLimit.refuse(http);
    }
    try {
      SubmitRequestReader.Read read = reader.read(text.get());
      SparkJob job = resolver.resolve(read.request(), read.errors());
      return answer(submitter.submit(job));
    } catch (InvalidRequestException e) {
      metrics.submission("invalid");
      announceRefused(e);
      return Response.status(Status.BAD_REQUEST).entity(new FieldErrors(e.errors())).build();
    } catch (AdmissionUnavailableException e) {
      metrics.submission("unavailable");
      return unavailable(e.getMessage(), Duration.ofSeconds(5));
    } catch (KubernetesClientException e) {
      metrics.submission("error");
      Log.warnf("Kubernetes API: %s", e.getMessage());
      if (e.getCode() >= 400
          && e.getCode() < 500
          && e.getCode() != TOO_MANY_REQUESTS
          && e.getCode() != Status.CONFLICT.getStatusCode()) {
        // refused for good (RBAC, an admission webhook, schema): a retry would not help
        return Response.status(UNPROCESSABLE)
            .entity(
                new ErrorMessage("Kubernetes API refused the SparkApplication: " + e.getMessage()))
            .build();
      }
      return unavailable("Kubernetes API: " + e.getMessage(), Duration.ofSeconds(5));
    }
  }

  /** A run the body names learns why its step fails, as it would from a policy refusal. */
  private void announceRefused(InvalidRequestException e) {
    e.run()
        .ifPresent(
            run ->
                events.publish(
                    RunEvent.sparkRefused(
                        run.runId(), run.workflow(), InvalidRequestException.RULE, e.reason())));
  }

  private Response answer(SubmissionResult result) {
    return switch (result) {
      case SubmissionResult.Created c -> {
        metrics.submission("created");
        yield Response.status(Status.CREATED).entity(ApplicationAnswer.of(c.application())).build();
      }
      case SubmissionResult.Existing e -> {
        metrics.submission("existing");
        yield Response.ok(ApplicationAnswer.of(e.application())).build();
      }
      case SubmissionResult.Conflict c -> {
        metrics.submission("conflict");
        yield Response.status(Status.CONFLICT)
            .entity(
                new ErrorMessage(
                    "SparkApplication %s/%s belongs to run %s"
                        .formatted(c.namespace(), c.name(), c.otherRunId())))
            .build();
      }
      case SubmissionResult.Refused r -> {
        metrics.submission("refused");
        yield Response.status(Status.FORBIDDEN)
            .entity(new PolicyRefusal(r.violation().rule().id(), r.violation().message()))
            .build();
      }
      case SubmissionResult.Throttled t -> {
        metrics.submission("throttled");
        yield Response.status(TOO_MANY_REQUESTS)
            .header("Retry-After", seconds(t.retryAfter()))
            .entity(
                new ErrorMessage(
                    "namespace %s has %d unfinished Spark Relay applications, the limit"
                        .formatted(t.namespace(), t.limit())))
            .build();
      }
    };
  }

  @GET
  @Path("/{namespace}/{name}")
  @Operation(summary = "State of a SparkApplication")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = ApplicationAnswer.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
  public Response get(@PathParam("namespace") String namespace, @PathParam("name") String name) {
    if (!namespaces.contains(namespace)) {
      // only the data namespaces are readable (and RBAC allows no others)
      return Response.status(Status.NOT_FOUND)
          .entity(new ErrorMessage("namespace " + namespace + " is not served here"))
          .build();
    }
    try {
      return store
          .get(namespace, name)
          .map(app -> Response.ok(ApplicationAnswer.of(app)).build())
          .orElseGet(
              () ->
                  Response.status(Status.NOT_FOUND)
                      .entity(new ErrorMessage("no SparkApplication " + namespace + "/" + name))
                      .build());
    } catch (KubernetesClientException e) {
      return unavailable("Kubernetes API: " + e.getMessage(), Duration.ofSeconds(5));
    }
  }

  private static Response unavailable(String message, Duration retryAfter) {
    return Response.status(Status.SERVICE_UNAVAILABLE)
        .header("Retry-After", seconds(retryAfter))
        .entity(new ErrorMessage(message))
        .build();
  }

  private static String seconds(Duration duration) {
    return Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000));
  }
}
