package io.sparkrelay.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real {@code nats-server} with JetStream, on a free loopback port and a temporary store. The
 * port and the store survive {@link #stop()}, {@link #kill()} and {@link #start()}, so a test can
 * take the server away and bring the same one back.
 */
public final class NatsServerProcess implements AutoCloseable {

  private static final List<String> KNOWN_LOCATIONS =
      List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server");

  private final Path binary;
  private final int port;
  private final Path storeDir;
  private final Path configFile;
  private final Path logFile;
  private Process process;

  private NatsServerProcess(Path binary, int port, Path storeDir, Integer maxPayloadBytes) {
    this.binary = binary;
    this.port = port;
    this.storeDir = storeDir;
    this.configFile = storeDir.resolve("nats.conf");
    this.logFile = storeDir.resolve("nats.log");
    writeConfig(maxPayloadBytes);
  }

  /**
   * Creates (does not start) a server on a free port; {@code maxPayloadBytes} null keeps the 1 MiB
   * default.
   */
  public static NatsServerProcess create(Integer maxPayloadBytes) {
    try {
      Path store = Files.createTempDirectory("spark-relay-nats-");
      return new NatsServerProcess(findBinary(), freePort(), store, maxPayloadBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates and starts a server with default limits. */
  public static NatsServerProcess started() {
    NatsServerProcess server = create(null);
    server.start();
    return server;
  }

  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path storeDir() {
    return storeDir;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the server and waits until it accepts connections. */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    try {
      process =
          new ProcessBuilder(binary.toString(), "-c", configFile.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    Awaitility.await("nats-server accepting on " + url() + " (log: " + logFile + ")")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> isRunning() && accepts());
  }

  /** Stops the server the polite way (SIGTERM) and waits for it to exit. */
  public synchronized void stop() {
    terminate(false);
  }

  /** Kills the server with SIGKILL, as a crash would. */
  public synchronized void kill() {
    terminate(true);
  }

  public void restart() {
    stop();
    start();
  }

  @Override
  public void close() {
    kill();
    deleteRecursively(storeDir);
  }

  private void terminate(boolean forcibly) {
    if (process == null) {
      return;
    }
    if (forcibly) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void writeConfig(Integer maxPayloadBytes) {
    List<String> lines = new ArrayList<>();
    lines.add("host: 127.0.0.1");
    lines.add("port: " + port);
    if (maxPayloadBytes != null) {
      lines.add("max_payload: " + maxPayloadBytes);
    }
    lines.add("jetstream {");
    lines.add("  store_dir: \"" + storeDir.resolve("js") + "\"");
    lines.add("}");
    try {
      Files.write(configFile, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path findBinary() {
    String configured = System.getenv("NATS_SERVER_BIN");
    if (configured != null && Files.isExecutable(Path.of(configured))) {
      return Path.of(configured);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "nats-server");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    for (String location : KNOWN_LOCATIONS) {
      if (Files.isExecutable(Path.of(location))) {
        return Path.of(location);
      }
    }
    throw new IllegalStateException(
        "nats-server was not found on PATH (or NATS_SERVER_BIN). These tests need a real NATS server"
            + " with JetStream: install it with `sudo apt-get install nats-server` (Debian/Ubuntu),"
            + " `brew install nats-server` (macOS), or download it from"
            + " https://github.com/nats-io/nats-server/releases, then run the tests again.");
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp directory is harmless
    }
  }
}
