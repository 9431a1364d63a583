package io.sparkrelay.testkit;

import io.nats.client.Options;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.Awaitility;

/**
 * A real {@code nats-server} with JetStream, on a free loopback port and a temporary store. The
 * port and the store survive {@link #stop()}, {@link #kill()} and {@link #start()}, so a test can
 * take the server away and bring the same one back.
 *
 * <p>{@link #create} makes an open, plain server (anyone may do anything); {@link #createSecured}
 * one with the users and permissions Spark Relay ships ({@code deploy/nats/spark-relay-users.conf},
 * a fresh random password per user) and TLS with a certificate for 127.0.0.1 from a fresh CA
 * ({@code deploy/nats/make-dev-certs.sh}), as the local stack runs it.
 */
public final class NatsServerProcess implements AutoCloseable {

  private static final List<String> KNOWN_LOCATIONS =
      List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server");

  private final Path binary;
  private final int port;
  private final Path storeDir;
  private final Path configFile;
  private final Path logFile;
  private final Map<String, String> passwords;
  private Process process;

  /** The users of deploy/nats/spark-relay-users.conf, each with its password variable. */
  public static final Map<String, String> USERS =
      Map.of(
          "sqs-bridge", "SPARK_RELAY_NATS_PASSWORD_SQS_BRIDGE",
          "workflow-launcher", "SPARK_RELAY_NATS_PASSWORD_WORKFLOW_LAUNCHER",
          "spark-submitter", "SPARK_RELAY_NATS_PASSWORD_SPARK_SUBMITTER",
          "status-reporter", "SPARK_RELAY_NATS_PASSWORD_STATUS_REPORTER",
          "relay-admin", "SPARK_RELAY_NATS_PASSWORD_ADMIN");

  private NatsServerProcess(
      Path binary, int port, Path storeDir, Integer maxPayloadBytes, boolean secured) {
    this.binary = binary;
    this.port = port;
    this.storeDir = storeDir;
    this.configFile = storeDir.resolve("nats.conf");
    this.logFile = storeDir.resolve("nats.log");
    this.passwords = secured ? securityFiles() : Map.of();
    writeConfig(maxPayloadBytes);
  }

  /**
   * Creates (does not start) a server on a free port; {@code maxPayloadBytes} null keeps the 1 MiB
   * default.
   */
  public static NatsServerProcess create(Integer maxPayloadBytes) {
    try {
      Path store = Files.createTempDirectory("spark-relay-nats-");
      return new NatsServerProcess(findBinary(), freePort(), store, maxPayloadBytes, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates (does not start) a server with Spark Relay's users, permissions and TLS (see the class
   * comment); {@code maxPayloadBytes} null keeps the 1 MiB default.
   */
  public static NatsServerProcess createSecured(Integer maxPayloadBytes) {
    try {
      Path store = Files.createTempDirectory("spark-relay-nats-");
      return new NatsServerProcess(findBinary(), freePort(), store, maxPayloadBytes, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether this server has Spark Relay's users and TLS. */
  public boolean secured() {
    return !passwords.isEmpty();
  }

  /** The CA file the server's certificate is signed by (secured servers only). */
  public Path caFile() {
    requireSecured();
    return storeDir.resolve("tls/ca.crt");
  }

  /** The password of one of {@link #USERS} (secured servers only). */
  public String password(String user) {
    requireSecured();
    String password = passwords.get(user);
    if (password == null) {
      throw new IllegalArgumentException("no NATS user " + user + "; users: " + USERS.keySet());
    }
    return password;
  }

  /**
   * The configuration keys a service connecting as {@code user} needs: URL, user, password, CA
   * (secured), or the URL alone (open).
   */
  public Map<String, String> serviceConfig(String user) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("relay.nats.url", url());
    if (secured()) {
      config.put("relay.nats.username", user);
      config.put("relay.nats.password", password(user));
      config.put("relay.nats.tls.ca-file", caFile().toString());
    }
    return config;
  }

  /**
   * Client options for this server as {@code user} (null: no credentials), trusting its CA when it
   * is secured, with the inbox prefix the user may subscribe to ({@code _INBOX.<user>}).
   */
  public Options.Builder clientOptions(String user) {
    Options.Builder options =
        Options.builder().server(url()).connectionTimeout(Duration.ofSeconds(2)).noReconnect();
    if (secured()) {
      options.sslContext(trustingCa(caFile()));
      if (user != null) {
        options.userInfo(user, password(user)).inboxPrefix("_INBOX." + user);
      }
    }
    return options;
  }

  /** An SSLContext trusting only the certificates of {@code caFile} (PEM). */
  public static SSLContext trustingCa(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      int i = 0;
      for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trusted.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server's log (permission violations are logged there). */
  public String log() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void requireSecured() {
    if (!secured()) {
      throw new IllegalStateException(
          "this nats-server is open and plain (createSecured makes one)");
    }
  }

  /** Copies the shipped users file, makes the passwords and the certificates. */
  private Map<String, String> securityFiles() {
    Path shipped = shippedFile("spark-relay-users.conf");
    try {
      Files.copy(shipped, storeDir.resolve("spark-relay-users.conf"));
      Process certs =
          new ProcessBuilder(
                  "bash",
                  shipped.resolveSibling("make-dev-certs.sh").toString(),
                  storeDir.resolve("tls").toString(),
                  "127.0.0.1")
              .redirectErrorStream(true)
              .start();
      String output = new String(certs.getInputStream().readAllBytes());
      if (certs.waitFor() != 0) {
        throw new IllegalStateException("make-dev-certs.sh failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    SecureRandom random = new SecureRandom();
    Map<String, String> made = new LinkedHashMap<>();
    for (String user : USERS.keySet()) {
      byte[] bytes = new byte[18];
      random.nextBytes(bytes);
      made.put(user, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
    return Map.copyOf(made);
  }

  /**
   * A file of {@code deploy/nats}, found from the working directory upwards (a module's tests run
   * in the module), or under the system property {@code spark-relay.nats.dir}.
   */
  public static Path shippedFile(String name) {
    String configured = System.getProperty("spark-relay.nats.dir");
    if (configured != null) {
      return Path.of(configured, name);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("deploy/nats").resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "deploy/nats/" + name + " not found above " + Path.of("").toAbsolutePath());
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
      ProcessBuilder builder =
          new ProcessBuilder(binary.toString(), "-c", configFile.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      // nats-server reads a variable's value as a configuration value: quoted, any password is a
      // string (unquoted, one like 8e12... would be a number)
      passwords.forEach(
          (user, password) -> builder.environment().put(USERS.get(user), '"' + password + '"'));
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    Awaitility.await("nats-server accepting on " + url() + " (log: " + logFile + ")")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              if (!isRunning()) {
                throw new IllegalStateException("nats-server exited; its log:\n" + log());
              }
              return accepts();
            });
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
    if (!passwords.isEmpty()) {
      Path tls = storeDir.resolve("tls");
      lines.add("tls {");
      lines.add("  cert_file: \"" + tls.resolve("server.crt") + "\"");
      lines.add("  key_file: \"" + tls.resolve("server.key") + "\"");
      lines.add("  timeout: 2");
      lines.add("}");
      lines.add("include \"spark-relay-users.conf\"");
    }
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
