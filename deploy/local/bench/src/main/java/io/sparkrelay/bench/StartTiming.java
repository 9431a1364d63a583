package io.sparkrelay.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Start-up of one more instance of a running service: same command line, environment and working
 * directory (read from /proc), another HTTP port. Timed from fork to the first 200 on
 * /q/health/ready, polled every 10 ms; RSS read at that moment.
 */
record StartTiming(double readySeconds, String startedIn, String rssMb) {

  private static final Pattern HTTP_PORT = Pattern.compile("-Dquarkus\\.http\\.port=\\d+");

  static StartTiming measure(long runningPid, Path logDir, int attempt) throws Exception {
    Path proc = Path.of("/proc", Long.toString(runningPid));
    int port = freePort();
    List<String> command = new ArrayList<>();
    for (String arg : nulSeparated(proc.resolve("cmdline"))) {
      command.add(HTTP_PORT.matcher(arg).replaceAll("-Dquarkus.http.port=" + port));
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.directory(Files.readSymbolicLink(proc.resolve("cwd")).toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    for (String entry : nulSeparated(proc.resolve("environ"))) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    Path log = logDir.resolve("start-alone-" + runningPid + "-" + attempt + ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    HttpRequest readiness =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
            .timeout(Duration.ofSeconds(1))
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      long start = System.nanoTime();
      Process process = builder.start();
      try {
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(10))
            .until(() -> !process.isAlive() || isReady(http, readiness));
        if (!process.isAlive()) {
          throw new IllegalStateException("the instance exited before it was ready; see " + log);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String rss = ProcessRss.megabytes(process.pid());
        Matcher m = ChainBenchmark.STARTED_IN.matcher(Files.readString(log));
        return new StartTiming(seconds, m.find() ? m.group(1) : "?", rss);
      } finally {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }

  private static boolean isReady(HttpClient http, HttpRequest readiness) {
    try {
      return http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static List<String> nulSeparated(Path file) throws IOException {
    String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    return List.of(content.split("\0"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
