package io.sparkrelay.reporter.rest;

import io.sparkrelay.reporter.config.ReporterConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The run pages in the browser: {@code /} (the list, a static file) and {@code /runs/{MessageId}},
 * the same page for every run, which reads its run from the REST API. The pages build their DOM
 * from text only and the Content-Security-Policy allows scripts from this service alone, so nothing
 * a sender wrote can run in them. {@code /api/v1/ui} gives them the configured links out.
 */
@Path("/")
public class RunPages {

  private static final String RUN_PAGE = "META-INF/resources/run.html";

  private final byte[] runPage;
  private final Map<String, String> links;

  RunPages(ReporterConfig config) {
    this.runPage = read(RUN_PAGE);
    Map<String, String> templates = new LinkedHashMap<>();
    put(templates, "workflowUrl", config.ui().workflowUrl());
    put(templates, "sparkUrl", config.ui().sparkUrl());
    put(templates, "logsUrl", config.ui().logsUrl());
    this.links = Map.copyOf(templates);
  }

  @GET
  @Path("runs/{runId}")
  @Produces(MediaType.TEXT_HTML)
  public byte[] run(@PathParam("runId") String runId) {
    return runPage;
  }

  /** The link templates, only those that are http(s) URLs: a page never links to script. */
  @GET
  @Path("api/v1/ui")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, String> ui() {
    return links;
  }

  private static void put(Map<String, String> templates, String key, Optional<String> value) {
    value
        .map(String::strip)
        .filter(v -> v.startsWith("https://") || v.startsWith("http://"))
        .ifPresent(v -> templates.put(key, v));
  }

  private static byte[] read(String resource) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the service");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
