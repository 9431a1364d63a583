package io.sparkrelay.reporter.redrive;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.MessageInfo;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.contract.MessageIds;
import io.sparkrelay.contract.Services;
import io.sparkrelay.contract.Subjects;
import io.sparkrelay.contract.events.DeadLetter;
import io.sparkrelay.contract.events.EventCodec;
import io.sparkrelay.reporter.Redrive;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import io.sparkrelay.reporter.config.ReporterConfig;
import io.sparkrelay.reporter.tracking.RunTracker;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/runs/{runId}/redrive}: a dead letter of the workflow-launcher is published on
 * the EventBus again, as it first arrived (same run id), so it is processed under today's rules;
 * the run then starts a second attempt. It wants a credential of {@code relay.redrive.credentials}
 * and an {@code Idempotency-Key}: the same key again answers with the first redrive, sending
 * nothing. Anything but a dead letter is refused (409).
 */
@Path("/api/v1/runs/{runId}/redrive")
@Produces(MediaType.APPLICATION_JSON)
public class RedriveResource {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The answer: the run and its redrive. */
  public record Redriven(String runId, String key, String by, Instant at) {
    static Redriven of(String runId, Redrive redrive) {
      return new Redriven(runId, redrive.key(), redrive.by(), redrive.at());
    }
  }

  private final RedriveCredentials credentials;
  private final RunTracker tracker;
  private final NatsConnection nats;
  private final String eventsStream;
  private final String deadStream;

  RedriveResource(
      RedriveCredentials credentials,
      RunTracker tracker,
      NatsConnection nats,
      ReporterConfig config) {
    this.credentials = credentials;
    this.tracker = tracker;
    this.nats = nats;
    this.eventsStream = config.nats().eventsStream().name();
    this.deadStream = config.nats().deadStream().name();
  }

  @POST
  public Response redrive(
      @PathParam("runId") String runId,
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Idempotency-Key") String key) {
    if (!credentials.enabled()) {
      throw new ForbiddenException("redrive is off: no relay.redrive.credentials are configured");
    }
    String who =
        credentials
            .who(authorization)
            .orElseThrow(
                () ->
                    new NotAuthorizedException(
                        "a redrive needs a valid credential (Authorization: Bearer ...)",
                        "Bearer"));
    if (key == null || !KEY.matcher(key).matches()) {
      throw new BadRequestException(
          "an Idempotency-Key header of 1 to 64 letters, digits, '.', '_' or '-' is required");
    }
    try {
      RunState run =
          tracker.find(runId).orElseThrow(() -> new NotFoundException("no run " + runId));
      Redrive earlier = run.redrives().get(key);
      if (earlier != null) {
        return Response.ok(Redriven.of(runId, earlier)).build();
      }
      if (run.state() != Stage.DEAD_LETTERED) {
        throw conflict("run " + runId + " is " + run.state() + ", not a dead letter");
      }
      byte[] original = original(run.deadLetter());
      Redrive redrive = new Redrive(key, who, Instant.now());
      // the launcher's consumer reads relay.events.redrive; the publish fails rather than land in
      // another stream
      nats.jetStream()
          .publish(
              Subjects.REDRIVE,
              original,
              PublishOptions.builder()
                  .messageId(MessageIds.redrive(runId, key))
                  .expectedStream(eventsStream)
                  .build());
      tracker.apply(RunState.of(runId).withRedrive(redrive));
      return Response.status(Response.Status.ACCEPTED).entity(Redriven.of(runId, redrive)).build();
    } catch (IOException | JetStreamApiException | IllegalStateException e) {
      throw new ServiceUnavailableException(
          "the EventBus or the run store is unreachable: " + e.getMessage());
    }
  }

  /** The event as the launcher first read it, kept whole in its dead letter. */
  private byte[] original(io.sparkrelay.reporter.DeadLetter deadLetter)
      throws IOException, JetStreamApiException {
    if (deadLetter == null
        || !Services.WORKFLOW_LAUNCHER.equals(deadLetter.service())
        || deadLetter.sequence() == null) {
      throw conflict(
          "this dead letter cannot be redriven: only the workflow-launcher's keep the original event");
    }
    MessageInfo message = nats.management().getMessage(deadStream, deadLetter.sequence());
    DeadLetter stored;
    try {
      stored = EventCodec.data(EventCodec.decode(message.getData()), DeadLetter.class);
    } catch (IllegalArgumentException e) {
      throw new IOException("dead letter " + deadLetter.sequence() + " unreadable", e);
    }
    if (stored.originalTruncated() || stored.original() == null || !stored.original().isObject()) {
      throw conflict(
          "the original event was cut to fit its dead letter, so it cannot be sent again; send the"
              + " message to SQS again");
    }
    return JSON.writeValueAsBytes(stored.original());
  }

  private static ClientErrorException conflict(String message) {
    return new ClientErrorException(message, Response.Status.CONFLICT);
  }
}
