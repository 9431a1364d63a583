package io.sparkrelay.reporter.rest;

import io.sparkrelay.reporter.config.ReporterConfig;
import io.sparkrelay.reporter.tracking.RunIndex;
import io.sparkrelay.reporter.tracking.RunSummary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code GET /api/v1/runs/stream}: server-sent events, one {@code run} event with the run's summary
 * each time a run changes, so the run list updates without a reload. The number of open streams is
 * bounded: each holds a connection.
 */
@Path("/api/v1/runs/stream")
public class RunStream {

  private final RunIndex index;
  private final ReporterConfig config;
  private final AtomicInteger open = new AtomicInteger();

  RunStream(RunIndex index, ReporterConfig config) {
    this.index = index;
    this.config = config;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(@Context SseEventSink sink, @Context Sse sse) {
    if (open.incrementAndGet() > config.api().maxStreams()) {
      open.decrementAndGet();
      throw new ServiceUnavailableException("too many live streams open; reload later");
    }
    Consumer<RunSummary> listener =
        new Consumer<>() {
          @Override
          public void accept(RunSummary run) {
            if (sink.isClosed()) {
              close();
              return;
            }
            sink.send(
                    sse.newEventBuilder()
                        .name("run")
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(RunSummary.class, run)
                        .build())
                .exceptionally(
                    failure -> {
                      close();
                      return null;
                    });
          }

          private void close() {
            index.unlisten(this);
            open.decrementAndGet();
            sink.close();
          }
        };
    index.listen(listener);
    // a first event, so the browser knows the stream is up
    sink.send(sse.newEventBuilder().name("ready").data("ok").build());
  }
}
