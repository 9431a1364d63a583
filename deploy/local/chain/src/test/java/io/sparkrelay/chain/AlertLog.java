package io.sparkrelay.chain;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Which of Prometheus' alerts fired and when: {@code /api/v1/alerts} polled every 5 s (the scrape
 * and rule evaluation interval of run.sh's Prometheus), each alert's firing kept as a span from the
 * first poll that saw it firing to the first that did not.
 */
final class AlertLog implements AutoCloseable {

  /** An alert firing from {@code from} until {@code to} (null: still firing). */
  record Span(String alert, Instant from, Instant to) {}

  private final Prometheus prometheus;
  private final Map<String, Instant> firing = new LinkedHashMap<>();
  private final List<Span> ended = new ArrayList<>();
  private ScheduledFuture<?> poller;

  AlertLog(String prometheusUrl) {
    this.prometheus = new Prometheus(prometheusUrl);
  }

  /** Polls on {@code clock} every 5 s until closed. */
  static AlertLog poll(String prometheusUrl, ScheduledExecutorService clock) {
    AlertLog log = new AlertLog(prometheusUrl);
    log.poller = clock.scheduleWithFixedDelay(log::pollOnce, 0, 5, TimeUnit.SECONDS);
    return log;
  }

  /** The alerts firing now, as Prometheus answers ({@code state} "firing"). */
  Set<String> firingNow() throws IOException, InterruptedException {
    Set<String> names = new TreeSet<>();
    for (Prometheus.Alert alert : prometheus.alerts()) {
      if ("firing".equals(alert.state())) {
        names.add(alert.name());
      }
    }
    return names;
  }

  private void pollOnce() {
    Set<String> now;
    try {
      now = firingNow();
    } catch (IOException e) {
      return; // Prometheus busy: the next poll
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    Instant at = Instant.now();
    synchronized (this) {
      for (String alert : now) {
        firing.putIfAbsent(alert, at);
      }
      for (String alert : List.copyOf(firing.keySet())) {
        if (!now.contains(alert)) {
          ended.add(new Span(alert, firing.remove(alert), at));
        }
      }
    }
  }

  /** Every span so far, those still firing last (open). */
  synchronized List<Span> spans() {
    List<Span> spans = new ArrayList<>(ended);
    firing.forEach((alert, from) -> spans.add(new Span(alert, from, null)));
    return spans;
  }

  @Override
  public void close() {
    if (poller != null) {
      poller.cancel(false);
    }
  }
}
