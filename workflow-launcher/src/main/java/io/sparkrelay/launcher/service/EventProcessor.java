package io.sparkrelay.launcher.service;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nats.client.Message;
import io.quarkus.logging.Log;
import io.sparkrelay.common.kube.ApiFailures;
import io.sparkrelay.launcher.LauncherMetrics;
import io.sparkrelay.launcher.config.LauncherConfig;
import io.sparkrelay.launcher.kube.CreateResult;
import io.sparkrelay.launcher.kube.UnfinishedWorkflows;
import io.sparkrelay.launcher.kube.WorkflowCreator;
import io.sparkrelay.launcher.nats.DeadLetterPublisher;
import io.sparkrelay.launcher.nats.EventHandler;
import io.sparkrelay.launcher.nats.IncomingEventParser;
import io.sparkrelay.launcher.nats.RunEventPublisher;
import io.sparkrelay.launcher.rules.EventRefusedException;
import io.sparkrelay.launcher.rules.RefusalCause;
import io.sparkrelay.launcher.rules.RelayEvent;
import io.sparkrelay.launcher.rules.TriggerRule;
import io.sparkrelay.launcher.rules.TriggerRules;
import io.sparkrelay.launcher.workflow.RenderedWorkflow;
import io.sparkrelay.launcher.workflow.WorkflowRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One delivery from start to settlement: parse, match, render every matching rule's Workflow
 * (refusing the event before creating anything if one cannot be rendered), create, announce, and
 * only then ack. Transient faults nak with a growing delay; permanent ones dead-letter and term.
 */
@ApplicationScoped
public class EventProcessor implements EventHandler {

  /** What a redrive's message id carries before its key ({@code MessageIds.redrive}). */
  private static final String REDRIVE_MARK = ":redrive:";

  private final TriggerRules rules;
  private final WorkflowCreator creator;
  private final RunEventPublisher runEvents;
  private final UnfinishedWorkflows unfinished;
  private final WorkflowAdmission admission;
  private final DeadLetterPublisher deadLetters;
  private final LauncherMetrics metrics;
  private final CreateRateLimiter rateLimiter;
  private final RetryBackoff backoff;
  private final long maxDeliver;
  private final long heartbeatNanos;
  private final Duration maxEventAge;

  EventProcessor(
      TriggerRules rules,
      WorkflowCreator creator,
      RunEventPublisher runEvents,
      UnfinishedWorkflows unfinished,
      WorkflowAdmission admission,
      DeadLetterPublisher deadLetters,
      LauncherMetrics metrics,
      LauncherConfig config) {
    this.rules = rules;
    this.creator = creator;
    this.runEvents = runEvents;
    this.unfinished = unfinished;
    this.admission = admission;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.rateLimiter = new CreateRateLimiter(config.limits().createsPerSecond());
    this.backoff = new RetryBackoff(config.retry().initialDelay(), config.retry().maxDelay());
    this.maxDeliver = config.consumer().maxDeliver();
    this.heartbeatNanos = config.consumer().ackWait().toNanos() / 2;
    this.maxEventAge = config.consumer().maxEventAge();
  }

  @Override
  public void handle(Message message) {
    long deliveries = message.metaData().deliveredCount();
    metrics.consumed(deliveries);
    RelayEvent event = null;
    try {
      event = IncomingEventParser.parse(message.getData());
      launch(event, message);
      message.ack();
    } catch (EventRefusedException e) {
      deadLetter(message, event, e.refusalCause(), e.getMessage());
    } catch (InterruptedException e) {
      // shutting down: no ack, the event comes back after AckWait
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      String runId = runIdOf(event, message);
      if (maxDeliver > 0 && deliveries >= maxDeliver) {
        deadLetter(
            message,
            event,
            RefusalCause.GAVE_UP,
            "gave up after " + deliveries + " deliveries: " + ApiFailures.describe(e));
      } else {
        metrics.retried();
        Log.infof(
            "run %s: transient fault on delivery %d, retrying: %s",
            runId, deliveries, ApiFailures.describe(e));
        message.nakWithDelay(backoff.delayAfter(deliveries));
      }
    }
  }

  private void launch(RelayEvent event, Message message) throws Exception {
    List<TriggerRule> matching = rules.matching(event);
    if (matching.isEmpty() && !event.data().isObject()) {
      // a malformed message (not JSON, or not an object) is bad input, not someone else's event
      throw new EventRefusedException(
          RefusalCause.BODY_NOT_OBJECT, BodyProblem.of(event) + ", so no trigger rule can read it");
    }
    if (matching.isEmpty()) {
      runEvents.filtered(event, rules.all());
      metrics.filtered();
      Log.debugf("run %s (%s from %s) matches no rule", event.id(), event.type(), event.source());
      return;
    }
    metrics.matched();
    List<RenderedWorkflow> workflows = WorkflowRenderer.renderAll(matching, event);
    if (pastMaxAgeAndAlreadyLaunched(message, workflows)) {
      for (RenderedWorkflow workflow : workflows) {
        metrics.alreadyExisted();
        runEvents.workflowCreated(workflow, event);
      }
      return;
    }
    for (RenderedWorkflow workflow : workflows) {
      create(workflow, message);
      runEvents.workflowCreated(workflow, event);
    }
  }

  private void create(RenderedWorkflow workflow, Message message)
      throws EventRefusedException, InterruptedException {
    switch (unfinished.sighting(workflow.namespace(), workflow.name())) {
      case DELETED -> {
        // an earlier delivery created it, it ran and its clean-up removed it: creating it again
        // would run the job a second time
        metrics.alreadyExisted();
        Log.infof(
            "run %s: Workflow %s/%s was created and has been deleted since: not again",
            workflow.runId(), workflow.namespace(), workflow.name());
        return;
      }
      case PRESENT -> {
        // created already: no place to wait for (it may have finished while this delivery was
        // away, and waiting could outlast it), the create's 409 tells whose it is
        createUnadmitted(workflow);
        return;
      }
      case UNSEEN -> {
        // a new one (or one gone too long ago to remember): admission as usual
      }
    }
    // a place under the unfinished limit (across replicas) first, then the rate
    admission.acquire(workflow.namespace(), workflow.name(), message::inProgress, heartbeatNanos);
    CreateResult result;
    try {
      rateLimiter.acquire(message::inProgress, heartbeatNanos);
      result = createTimed(workflow);
    } catch (EventRefusedException | InterruptedException | RuntimeException e) {
      admission.release(workflow.namespace(), workflow.name());
      throw e;
    }
    if (result == CreateResult.CREATED) {
      metrics.created(workflow.rule().name());
      unfinished.recordCreated(workflow.namespace(), workflow.name());
      Log.debugf(
          "run %s: created Workflow %s/%s",
          workflow.runId(), workflow.namespace(), workflow.name());
    } else {
      // it was there already: it counts as the informer shows it
      admission.release(workflow.namespace(), workflow.name());
      metrics.alreadyExisted();
    }
  }

  /**
   * The create of a Workflow the informers show: answered 409 (it is this run's, or a conflict).
   * Deleted in between, it is created without a place; the informers count it from then on.
   */
  private void createUnadmitted(RenderedWorkflow workflow) throws EventRefusedException {
    if (createTimed(workflow) == CreateResult.CREATED) {
      metrics.created(workflow.rule().name());
      unfinished.recordCreated(workflow.namespace(), workflow.name());
    } else {
      metrics.alreadyExisted();
    }
  }

  private CreateResult createTimed(RenderedWorkflow workflow) throws EventRefusedException {
    long start = System.nanoTime();
    try {
      return creator.create(workflow);
    } catch (KubernetesClientException e) {
      if (ApiFailures.isTransient(e)) {
        throw e;
      }
      throw new EventRefusedException(
          RefusalCause.API_REFUSED,
          "rule '"
              + workflow.rule().name()
              + "': creating Workflow "
              + workflow.namespace()
              + "/"
              + workflow.name()
              + ": "
              + ApiFailures.describe(e));
    } finally {
      metrics.createLatency(System.nanoTime() - start);
    }
  }

  /**
   * Past the maximum age the event's Workflow may have run and been removed by its TTL, so a 409
   * would no longer reveal it: rather a dead letter, which can be replayed on purpose, than a
   * second run. An old event whose Workflows all exist (created by an earlier delivery that was not
   * acked) is settled as if they had been created now: true; one with none or only some of them is
   * refused.
   */
  private boolean pastMaxAgeAndAlreadyLaunched(Message message, List<RenderedWorkflow> workflows)
      throws EventRefusedException {
    if (!maxEventAge.isPositive()) {
      return false;
    }
    Duration age = Duration.between(message.metaData().timestamp().toInstant(), Instant.now());
    if (age.compareTo(maxEventAge) <= 0) {
      return false;
    }
    for (RenderedWorkflow workflow : workflows) {
      if (!creator.existsForItsRun(workflow)) {
        throw new EventTooOldException(
            "the event was stored on the EventBus "
                + age.truncatedTo(ChronoUnit.SECONDS)
                + " ago, more than relay.consumer.max-event-age ("
                + maxEventAge
                + "): its Workflow may already have run and been removed, so it is not created"
                + " again; publish the event anew if it should run");
      }
    }
    return true;
  }

  /**
   * The Idempotency-Key of the redrive that sent the event again (its message id says so), else
   * null: a redrive dead-lettered again is a dead letter of its own, not a duplicate.
   */
  private static String redriveOf(Message message) {
    String id = message.getHeaders() == null ? null : message.getHeaders().getFirst("Nats-Msg-Id");
    int at = id == null ? -1 : id.indexOf(REDRIVE_MARK);
    return at < 0 ? null : id.substring(at + REDRIVE_MARK.length());
  }

  private void deadLetter(Message message, RelayEvent event, RefusalCause cause, String reason) {
    String runId = runIdOf(event, message);
    try {
      deadLetters.publish(
          runId,
          cause,
          reason,
          receivedAt(event, message),
          event,
          message.getData(),
          redriveOf(message));
    } catch (Exception e) {
      Log.warnf(
          "run %s: dead letter not stored (%s), retrying the event later", runId, e.getMessage());
      metrics.retried();
      message.nakWithDelay(backoff.delayAfter(message.metaData().deliveredCount()));
      return;
    }
    metrics.deadLettered();
    if (cause == RefusalCause.TOO_OLD) {
      metrics.tooOld();
    }
    Log.warnf("run %s: dead-lettered (%s): %s", runId, cause.label(), reason);
    message.term();
  }

  /** When the message was sent (the event time), else when the EventBus stored the event. */
  private static Instant receivedAt(RelayEvent event, Message message) {
    if (event != null && event.time() != null) {
      return event.time().toInstant();
    }
    return message.metaData().timestamp().toInstant();
  }

  /** The CloudEvent id, or when the event did not parse its Nats-Msg-Id, or its stream position. */
  private static String runIdOf(RelayEvent event, Message message) {
    if (event != null && event.id() != null) {
      return event.id();
    }
    if (message.hasHeaders() && message.getHeaders().getFirst("Nats-Msg-Id") != null) {
      return message.getHeaders().getFirst("Nats-Msg-Id");
    }
    return "stream-sequence-" + message.metaData().streamSequence();
  }
}
