package io.sparkrelay.submitter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.logging.Log;
import io.sparkrelay.common.kube.ApiFailures;
import io.sparkrelay.contract.KubernetesNames;
import io.sparkrelay.submitter.SubmitterMetrics;
import io.sparkrelay.submitter.config.SubmitterConfig;
import io.sparkrelay.submitter.job.SparkJob;
import io.sparkrelay.submitter.kube.SparkApplicationStore;
import io.sparkrelay.submitter.nats.RunEventPublisher;
import io.sparkrelay.submitter.submission.AdmissionUnavailableException;
import io.sparkrelay.submitter.submission.InvalidRequestException;
import io.sparkrelay.submitter.submission.SparkApplicationSubmitter;
import io.sparkrelay.submitter.submission.SparkJobResolver;
import io.sparkrelay.submitter.submission.SubmissionResult;
import io.sparkrelay.submitter.submission.SubmitRequest;
import io.sparkrelay.submitter.submission.WorkflowCheck;
import io.sparkrelay.submitter.submission.WorkflowRefusal;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The API the workflow's Spark step calls. Every call needs a bearer credential (401 without an
 * accepted one); a submission must also match the Workflow it names (403 otherwise).
 */
@Path("/api/v1/spark-applications")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(
    securitySchemeName = SparkApplicationResource.BEARER,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "A credential of relay.auth.credentials (the Secret the Workflow's step reads)")
@SecurityRequirement(name = SparkApplicationResource.BEARER)
public class SparkApplicationResource {

  static final String BEARER = "bearer";

  private static final int TOO_MANY_REQUESTS = 429;
  private static final int UNPROCESSABLE = 422;

  private final RequestBodyLimit bodyLimit;
  private final SubmitRequestReader reader;
  private final SparkJobResolver resolver;
  private final SparkApplicationSubmitter submitter;
  private final SparkApplicationStore store;
  private final SubmitterMetrics metrics;
  private final RunEventPublisher events;
  private final CallerCredentials credentials;
  private final WorkflowCheck workflows;
  private final List<String> namespaces;

  SparkApplicationResource(
      SubmitterConfig config,
      ObjectMapper json,
      SparkJobResolver resolver,
      SparkApplicationSubmitter submitter,
      SparkApplicationStore store,
      SubmitterMetrics metrics,
      RunEventPublisher events,
      RequestBodyLimit bodyLimit,
      CallerCredentials credentials,
      WorkflowCheck workflows) {
    this.bodyLimit = bodyLimit;
    this.reader = new SubmitRequestReader(json);
    this.resolver = resolver;
    this.submitter = submitter;
    this.store = store;
    this.metrics = metrics;
    this.events = events;
    this.credentials = credentials;
    this.workflows = workflows;
    this.namespaces = config.policy().allowedNamespaces();
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "Create the SparkApplication of a workflow step from a job profile",
      description =
          "Idempotent: the name is <workflow>-<step without 'submit-'>; asking again for the same"
              + " run with the same request answers 200 with the existing application. The"
              + " request must match the running Workflow it names (run id label, parameters).")
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
      responseCode = "401",
      description = "No accepted bearer credential",
      headers =
          @Header(name = "WWW-Authenticate", description = "Bearer realm=\"spark-submitter\""),
      content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
  @APIResponse(
      responseCode = "403",
      description =
          "Refused by a policy rule, or the request does not match the Workflow it names"
              + " (rule workflow-*)",
      content = @Content(schema = @Schema(implementation = PolicyRefusal.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "The name is held by another run's application, or by this run's with another spec",
      content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
  @APIResponse(
      responseCode = "413",
      description = "Request body larger than relay.http.max-body-size",
      content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
  @APIResponse(
      responseCode = "422",
      description =
          "The Kubernetes API refused the Workflow read or the create (RBAC, webhook, schema)",
      content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
  @APIResponse(
      responseCode = "429",
      description = "Admission limit of the namespace reached",
      headers = @Header(name = "Retry-After", description = "seconds"),
      content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
  @APIResponse(
      responseCode = "503",
      description =
          "Kubernetes API unavailable, or the admission limit cannot be checked (NATS away)",
      headers = @Header(name = "Retry-After", description = "seconds"),
      content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
  public Response submit(
      InputStream body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context RoutingContext http)
      throws IOException {
    // read (bounded) first: answering before the body is read would leave it in the connection
    Optional<String> text = bodyLimit.read(body);
    if (text.isEmpty()) {
      return bodyLimit.refuse(http);
    }
    Optional<String> unauthenticated = credentials.refusal(authorization);
    if (unauthenticated.isPresent()) {
      metrics.submission("unauthenticated");
      return unauthorized(unauthenticated.get());
    }
    try {
      SubmitRequestReader.Read read = reader.read(text.get());
      Optional<WorkflowRefusal> notItsWorkflow = checkWorkflow(read.request());
      if (notItsWorkflow.isPresent()) {
        // no spark-refused event: the request does not speak for the run it names
        metrics.submission("workflow-mismatch");
        WorkflowRefusal refusal = notItsWorkflow.get();
        return Response.status(Status.FORBIDDEN)
            .entity(new PolicyRefusal(refusal.rule(), refusal.message()))
            .build();
      }
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
      if (!ApiFailures.isTransient(e)) {
        // refused for good (RBAC, an admission webhook, schema): a retry would not help; the
        // message names the call (the Workflow read or the SparkApplication create)
        return Response.status(UNPROCESSABLE)
            .entity(new ErrorMessage("Kubernetes API refused the call: " + e.getMessage()))
            .build();
      }
      return unavailable("Kubernetes API: " + e.getMessage(), Duration.ofSeconds(5));
    }
  }

  /**
   * The Workflow check, for a request whose run id and workflow are well-formed (else the resolver
   * answers 400 and tells no run).
   */
  private Optional<WorkflowRefusal> checkWorkflow(SubmitRequest request) {
    if (request.runId() == null
        || !KubernetesNames.isLabelValue(request.runId())
        || request.workflow() == null
        || !KubernetesNames.isDnsLabel(request.workflow())) {
      return Optional.empty();
    }
    return workflows.check(request);
  }

  /** A run the body names learns why its step fails, as it would from a policy refusal. */
  private void announceRefused(InvalidRequestException e) {
    e.run()
        .ifPresent(
            run ->
                events.sparkRefused(
                    run.runId(), run.workflow(), InvalidRequestException.RULE, e.reason()));
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
                    "SparkApplication %s/%s %s".formatted(c.namespace(), c.name(), c.reason())))
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
      responseCode = "401",
      content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
  @APIResponse(
      responseCode = "404",
      content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
  public Response get(
      @PathParam("namespace") String namespace,
      @PathParam("name") String name,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    Optional<String> unauthenticated = credentials.refusal(authorization);
    if (unauthenticated.isPresent()) {
      return unauthorized(unauthenticated.get());
    }
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

  private static Response unauthorized(String message) {
    return Response.status(Status.UNAUTHORIZED)
        .header(
            HttpHeaders.WWW_AUTHENTICATE, CallerCredentials.SCHEME + " realm=\"spark-submitter\"")
        .entity(new ErrorMessage(message))
        .build();
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
