package io.sparkrelay.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparkrelay.chain.NeverStoppingChaos.Fault;
import io.sparkrelay.chain.NeverStoppingChaos.Kind;
import io.sparkrelay.chain.NeverStoppingChaos.Sent;
import io.sparkrelay.chain.NeverStoppingChaos.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The promise held against what a {@link NeverStoppingChaos} run did: per message, the reporter's
 * answer, the Workflows and SparkApplications ever created for it, the ends announced on
 * RELAY_RUNS, its dead letter; and a table per minute of messages in, runs ended, the fault
 * injected and the alerts firing, so that a dip shows where it came from. {@link #problems()} is
 * empty when the promise held.
 */
record ChaosVerdict(
    Settings settings,
    Map<String, Object> summary,
    List<String> problems,
    List<Minute> minutes,
    List<Fault> faults,
    List<AlertLog.Span> alerts,
    Instant start,
    Instant end) {

  /** What was observed during and after the run. */
  record Facts(
      List<Sent> sent,
      Map<String, Optional<JsonNode>> answers,
      Map<String, Boolean> forgedIdKnown,
      ChaosLedger ledger,
      Map<String, RunEnds.End> ends,
      int endEvents,
      Map<String, String> deadLetters,
      int queueLeft,
      int deadLetterQueueLeft,
      List<Fault> faults,
      List<String> skippedFaults,
      List<AlertLog.Span> alerts,
      Instant start,
      Instant end) {}

  /** One minute of the run, counted from its start. */
  record Minute(
      int minute, int messagesIn, int runsEnded, List<String> faults, List<String> alerts) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  boolean passed() {
    return problems.isEmpty();
  }

  static ChaosVerdict of(Settings settings, Facts facts) {
    List<String> problems = new ArrayList<>();
    Map<Kind, Integer> sentByKind = new EnumMap<>(Kind.class);
    Map<Kind, Integer> rightByKind = new EnumMap<>(Kind.class);
    int lost = 0;
    int extraWorkflows = 0;
    int extraApplications = 0;
    int extraEnds = 0;
    int goodWithOneWorkflow = 0;
    int goodWithApplication = 0;
    for (Sent message : facts.sent()) {
      sentByKind.merge(message.kind(), 1, Integer::sum);
      String run = message.runId();
      String what = "run " + run + " (" + message.kind() + ", message " + message.index() + ")";
      Optional<JsonNode> answer = facts.answers().getOrDefault(run, Optional.empty());
      String state = answer.map(a -> a.path("state").asText()).orElse("");
      int workflows = facts.ledger().workflows(run);
      int applications = facts.ledger().applications(run);
      RunEnds.End ended = facts.ends().get(run);
      boolean right = true;
      if (!Reporter.END_STATES.contains(state)) {
        lost++;
        problems.add(
            what + ": not ended, the reporter answers " + (state.isEmpty() ? "nothing" : state));
        right = false;
      }
      if (ended == null) {
        problems.add(what + ": no end announced on RELAY_RUNS");
        right = false;
      } else if (ended.count() > 1) {
        extraEnds += ended.count() - 1;
        problems.add(what + ": its end announced " + ended.count() + " times");
        right = false;
      }
      if (applications > 1) {
        extraApplications += applications - 1;
        problems.add(what + ": " + applications + " SparkApplications");
        right = false;
      }
      if (message.kind() == Kind.GOOD) {
        if (workflows == 0 && Reporter.END_STATES.contains(state)) {
          lost++;
        }
        if (workflows != 1) {
          extraWorkflows += Math.max(0, workflows - 1);
          problems.add(what + ": " + workflows + " Workflows");
          right = false;
        } else {
          goodWithOneWorkflow++;
        }
        if (applications == 1) {
          goodWithApplication++;
        }
        if (!state.isEmpty() && !state.equals("COMPLETED")) {
          problems.add(what + ": " + state + " " + answer.get().path("reason").asText());
          right = false;
        }
      } else {
        if (workflows > 0) {
          extraWorkflows += workflows;
          problems.add(what + ": " + workflows + " Workflows, none was due");
          right = false;
        }
        right &= expectedAnswer(message, answer, facts, what, problems);
      }
      if (right) {
        rightByKind.merge(message.kind(), 1, Integer::sum);
      }
    }
    if (facts.queueLeft() != 0) {
      problems.add(facts.queueLeft() + " messages still in the SQS queue");
    }
    if (facts.deadLetterQueueLeft() != 0) {
      problems.add(facts.deadLetterQueueLeft() + " messages in the SQS dead-letter queue");
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("messages", facts.sent().size());
    for (Kind kind : Kind.values()) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      counts.put("sent", sentByKind.getOrDefault(kind, 0));
      counts.put("as promised", rightByKind.getOrDefault(kind, 0));
      summary.put(kind.name().toLowerCase(Locale.ROOT).replace('_', '-'), counts);
    }
    summary.put("good with exactly one Workflow", goodWithOneWorkflow);
    summary.put("good with one SparkApplication", goodWithApplication);
    summary.put("lost", lost);
    summary.put("duplicates", extraWorkflows + extraApplications + extraEnds);
    summary.put("extra Workflows", extraWorkflows);
    summary.put("extra SparkApplications", extraApplications);
    summary.put("ends announced twice or more", extraEnds);
    summary.put("end events read", facts.endEvents());
    summary.put("SQS queue left", facts.queueLeft());
    summary.put("SQS dead-letter queue left", facts.deadLetterQueueLeft());
    summary.put("faults injected", facts.faults().size());
    summary.put("faults skipped (target restarting)", facts.skippedFaults().size());
    summary.put("runs collected (TTL)", facts.ledger().collectedRuns());
    summary.put("seconds", Duration.between(facts.start(), facts.end()).toSeconds());
    return new ChaosVerdict(
        settings,
        summary,
        problems,
        minutes(facts),
        facts.faults(),
        facts.alerts(),
        facts.start(),
        facts.end());
  }

  /** The answer and dead letter a message that is no good run must have. */
  private static boolean expectedAnswer(
      Sent message, Optional<JsonNode> answer, Facts facts, String what, List<String> problems) {
    String state = answer.map(a -> a.path("state").asText()).orElse("");
    String reason = answer.map(a -> a.path("reason").asText()).orElse("");
    String text = answer.map(a -> a.path("message").asText()).orElse("");
    String deadLetter = facts.deadLetters().get(message.runId());
    List<String> wrong = new ArrayList<>();
    switch (message.kind()) {
      case POISON -> {
        expect(wrong, "state", state, "DEAD_LETTERED");
        expect(wrong, "reason", reason, "invalid-parameter");
        expect(wrong, "message", text, NeverStoppingChaos.POISON_REASON);
        expect(wrong, "dead letter's reason", deadLetter, NeverStoppingChaos.POISON_REASON);
      }
      case NOT_JSON -> {
        expect(wrong, "state", state, "DEAD_LETTERED");
        expect(wrong, "reason", reason, "body-not-object");
        if (!text.startsWith("the body is not JSON: ")
            || !text.endsWith(NeverStoppingChaos.NOT_READABLE)) {
          wrong.add("message '" + text + "'");
        }
        expect(wrong, "dead letter's reason", deadLetter, text);
      }
      case FORGED_ID -> {
        expect(wrong, "state", state, "DEAD_LETTERED");
        expect(wrong, "reason", reason, "body-not-object");
        expect(wrong, "message", text, NeverStoppingChaos.FORGED_REASON);
        expect(wrong, "dead letter's reason", deadLetter, NeverStoppingChaos.FORGED_REASON);
        String forged = Kind.forgedId(message.index());
        if (facts.forgedIdKnown().getOrDefault(forged, false)) {
          wrong.add("the reporter knows a run " + forged);
        }
        if (facts.ledger().workflows(forged) > 0) {
          wrong.add("a Workflow labelled " + forged);
        }
      }
      case NO_RULE -> {
        expect(wrong, "state", state, "FILTERED");
        expect(wrong, "reason", reason, "no-matching-rule");
        if (deadLetter != null) {
          wrong.add("a dead letter: " + deadLetter);
        }
      }
      default -> throw new IllegalArgumentException(message.kind().name());
    }
    wrong.forEach(w -> problems.add(what + ": " + w));
    return wrong.isEmpty();
  }

  private static void expect(List<String> wrong, String what, String actual, String expected) {
    if (!expected.equals(actual)) {
      wrong.add(what + " '" + actual + "', expected '" + expected + "'");
    }
  }

  private static List<Minute> minutes(Facts facts) {
    int count = (int) (Duration.between(facts.start(), facts.end()).toSeconds() / 60) + 1;
    List<Minute> minutes = new ArrayList<>();
    for (int m = 0; m < count; m++) {
      Instant from = facts.start().plusSeconds(60L * m);
      Instant to = from.plusSeconds(60);
      int in = (int) facts.sent().stream().filter(s -> within(s.at(), from, to)).count();
      int ended =
          (int) facts.ends().values().stream().filter(e -> within(e.seen(), from, to)).count();
      List<String> faults =
          facts.faults().stream()
              .filter(f -> within(f.at(), from, to))
              .map(Fault::describe)
              .toList();
      List<String> alerts =
          facts.alerts().stream()
              .filter(a -> a.from().isBefore(to) && (a.to() == null || a.to().isAfter(from)))
              .map(AlertLog.Span::alert)
              .distinct()
              .toList();
      minutes.add(new Minute(m, in, ended, faults, alerts));
    }
    return minutes;
  }

  private static boolean within(Instant at, Instant from, Instant to) {
    return !at.isBefore(from) && at.isBefore(to);
  }

  /** The table and the checks as text. */
  String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nNever-stopping chaos: %d messages at %.0f/s, %d replicas, NATS cluster of 3, seed %d,"
                + " %s, %d cores%n",
            settings.messages(),
            settings.ratePerSecond(),
            settings.replicas(),
            settings.seed(),
            start,
            Runtime.getRuntime().availableProcessors()));
    out.append("| minute | messages in | runs ended | fault injected | alerts firing |\n");
    out.append("|-------:|------------:|-----------:|----------------|---------------|\n");
    for (Minute minute : minutes) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %6d | %11d | %10d | %s | %s |%n",
              minute.minute(),
              minute.messagesIn(),
              minute.runsEnded(),
              String.join("; ", minute.faults()),
              String.join(", ", minute.alerts())));
    }
    if (!alerts.isEmpty()) {
      out.append("Alerts (firing from - to, seconds from the start):\n");
      for (AlertLog.Span span : alerts) {
        out.append(
            String.format(
                Locale.ROOT,
                "  %-32s %6d - %s%n",
                span.alert(),
                Duration.between(start, span.from()).toSeconds(),
                span.to() == null
                    ? "still firing"
                    : String.valueOf(Duration.between(start, span.to()).toSeconds())));
      }
    }
    out.append("Checks:\n");
    summary.forEach(
        (key, value) -> out.append("  ").append(key).append(": ").append(value).append('\n'));
    if (problems.isEmpty()) {
      out.append("PASSED: every promise held\n");
    } else {
      out.append("FAILED: ").append(problems.size()).append(" problems\n");
      problems.stream().limit(30).forEach(p -> out.append("  ").append(p).append('\n'));
      if (problems.size() > 30) {
        out.append("  ... (all in the JSON report)\n");
      }
    }
    return out.toString();
  }

  /**
   * Writes {@code chaos-report.txt} (the table) and {@code chaos-report.json} into {@code dir};
   * returns the table.
   */
  String write(Path dir) throws IOException {
    String table = table();
    Files.writeString(dir.resolve("chaos-report.txt"), table);
    Files.writeString(dir.resolve("chaos-report.json"), json());
    return table;
  }

  /** The same as JSON, problems and faults complete. */
  String json() {
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("messages", settings.messages());
    run.put("ratePerSecond", settings.ratePerSecond());
    run.put("replicas", settings.replicas());
    run.put("natsNodes", 3);
    run.put(
        "faultEverySeconds",
        List.of(settings.faultEveryMin().toSeconds(), settings.faultEveryMax().toSeconds()));
    run.put(
        "outageSeconds",
        List.of(settings.outageMin().toSeconds(), settings.outageMax().toSeconds()));
    run.put("seed", settings.seed());
    run.put("prometheus", settings.prometheus());
    run.put("start", start.toString());
    run.put("end", end.toString());
    run.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("run", run);
    json.put("passed", passed());
    json.put("summary", summary);
    json.put("problems", problems);
    json.put(
        "minutes",
        minutes.stream()
            .map(
                m ->
                    Map.of(
                        "minute", m.minute(),
                        "messagesIn", m.messagesIn(),
                        "runsEnded", m.runsEnded(),
                        "faults", m.faults(),
                        "alerts", m.alerts()))
            .toList());
    json.put(
        "faults",
        faults.stream()
            .map(
                f ->
                    Map.of(
                        "at",
                        Duration.between(start, f.at()).toMillis() / 1000.0,
                        "kind",
                        f.kind(),
                        "target",
                        f.target(),
                        "outageSeconds",
                        Duration.between(f.at(), f.until()).toMillis() / 1000.0))
            .toList());
    json.put(
        "alerts",
        alerts.stream()
            .map(
                a -> {
                  Map<String, Object> span = new LinkedHashMap<>();
                  span.put("alert", a.alert());
                  span.put("from", Duration.between(start, a.from()).toSeconds());
                  span.put(
                      "to", a.to() == null ? null : Duration.between(start, a.to()).toSeconds());
                  return span;
                })
            .collect(Collectors.toList()));
    try {
      return JSON.writeValueAsString(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
