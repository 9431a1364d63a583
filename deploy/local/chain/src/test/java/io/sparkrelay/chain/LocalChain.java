package io.sparkrelay.chain;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local chain as {@code deploy/local/run.sh --no-demo} starts it (the same command a newcomer
 * runs), on a free block of ports, with its state and logs under {@code target/chain-run}. Its
 * endpoints come from the {@code ready} file the script writes once every process is ready.
 */
final class LocalChain implements AutoCloseable {

  private static final List<String> SERVICES =
      List.of("sqs-bridge", "workflow-launcher", "spark-submitter", "status-reporter");

  private final Process script;
  private final Path runDir;
  private final Map<String, String> endpoints = new LinkedHashMap<>();
  private List<ProcessHandle> children = List.of();

  private LocalChain(Process script, Path runDir) {
    this.script = script;
    this.runDir = runDir;
  }

  static LocalChain start(Duration stepDelay, Duration driverRun) throws IOException {
    return start(stepDelay, driverRun, Map.of());
  }

  /**
   * As above, with extra environment for every process (e.g. {@code RELAY_CONSUMER_ACK_WAIT}, which
   * the services read as configuration) and extra run.sh options.
   */
  static LocalChain start(
      Duration stepDelay, Duration driverRun, Map<String, String> environment, String... options)
      throws IOException {
    // -Drelay.chain.containers=true: the services run as their images (run.sh --containers)
    Path runDir =
        Path.of(inContainers() ? "target/chain-run-containers" : "target/chain-run")
            .toAbsolutePath();
    return startAt(
        runDir, freePortBlock(10 * portRows(options)), stepDelay, driverRun, environment, options);
  }

  /**
   * As above, in {@code runDir} on the ports from {@code portBase} (a block of {@link #portRows}
   * rows of ten, e.g. from {@link #freePortBlock}), for a caller that must know the ports before
   * run.sh starts (a proxy in front of NATS).
   */
  static LocalChain startAt(
      Path runDir,
      int portBase,
      Duration stepDelay,
      Duration driverRun,
      Map<String, String> environment,
      String... options)
      throws IOException {
    Path root = repositoryRoot();
    for (String service : SERVICES) {
      Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            jar
                + " is missing: the end-to-end tests run the packaged services; build them first"
                + " (./mvnw -DskipTests package, or ./mvnw verify from the root)");
      }
    }
    reportNatsServer();
    boolean containers = inContainers();
    Files.createDirectories(runDir);
    Files.deleteIfExists(runDir.resolve("ready"));
    List<String> command =
        new ArrayList<>(
            List.of(
                root.resolve("deploy/local/run.sh").toString(),
                "--no-build",
                "--no-demo",
                "--port-base",
                String.valueOf(portBase),
                "--run-dir",
                runDir.toString(),
                "--step-delay-ms",
                String.valueOf(stepDelay.toMillis()),
                "--driver-run-ms",
                String.valueOf(driverRun.toMillis())));
    if (containers) {
      command.add("--containers");
    }
    command.addAll(List.of(options));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(runDir.resolve("run.sh.log").toFile());
    builder.environment().putAll(environment);
    Process script = builder.start();
    LocalChain chain = new LocalChain(script, runDir);
    try {
      await("run.sh ready (log: " + runDir.resolve("run.sh.log") + ")")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .failFast("run.sh exited", () -> !script.isAlive())
          .until(() -> Files.exists(runDir.resolve("ready")));
      for (String line : Files.readAllLines(runDir.resolve("ready"))) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          chain.endpoints.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
      chain.children = script.descendants().toList();
    } catch (RuntimeException e) {
      chain.close();
      // the build log is all CI keeps: say there what run.sh said
      throw new IllegalStateException(
          "the local chain did not start; the end of run.sh's output:\n" + tail(runDir), e);
    }
    return chain;
  }

  /**
   * Rows of ten ports run.sh uses with these options (see its --port-base): one per service
   * instance or NATS node, whichever are more.
   */
  static int portRows(String... options) {
    List<String> given = List.of(options);
    int replicas = 1;
    int at = given.indexOf("--replicas");
    if (at >= 0) {
      replicas = Integer.parseInt(given.get(at + 1));
    }
    return Math.max(replicas, given.contains("--nats-cluster") ? 3 : 1);
  }

  private static boolean natsServerReported;

  /**
   * Says once in the test log which nats-server run.sh starts, with its version: NATS_SERVER_BIN
   * (this module's pom sets it from CHAIN_NATS_SERVER_BIN, which .ci/run points at Debian trixie's
   * 2.10.x), else the installed one, as run.sh picks it. A NATS_SERVER_BIN that is no executable
   * fails here rather than somewhere in run.sh.
   */
  private static synchronized void reportNatsServer() {
    if (natsServerReported) {
      return;
    }
    String configured = System.getenv("NATS_SERVER_BIN");
    Path binary;
    String origin;
    if (configured != null && !configured.isBlank()) {
      binary = Path.of(configured);
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException("NATS_SERVER_BIN=" + configured + " is not executable");
      }
      origin = "from NATS_SERVER_BIN";
    } else {
      binary = installedNatsServer();
      origin =
          "the installed one: NATS_SERVER_BIN is not set (CHAIN_NATS_SERVER_BIN sets it for these"
              + " tests, see deploy/local/chain/pom.xml)";
    }
    System.out.printf("[chain] nats-server %s (%s), %s%n", binary, natsVersion(binary), origin);
    natsServerReported = true;
  }

  /** nats-server on the PATH, else /usr/sbin/nats-server (Debian's), as run.sh looks for it. */
  private static Path installedNatsServer() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "nats-server");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return Path.of("/usr/sbin/nats-server");
  }

  /** What {@code nats-server --version} prints, e.g. {@code nats-server: v2.10.27}. */
  private static String natsVersion(Path binary) {
    try {
      Process version =
          new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
      String printed = new String(version.getInputStream().readAllBytes()).strip();
      return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0
          ? printed
          : "version unknown: " + printed;
    } catch (IOException e) {
      return "version unknown: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "version unknown";
    }
  }

  /** Whether this run of the tests runs the services as their images under podman. */
  static boolean inContainers() {
    return Boolean.getBoolean("relay.chain.containers");
  }

  /** The run directory of run.sh: logs, tokens, and what it reports. */
  Path runDir() {
    return runDir;
  }

  String endpoint(String name) {
    String value = endpoints.get(name);
    if (value == null) {
      throw new IllegalStateException(name + " missing from " + runDir.resolve("ready"));
    }
    return value;
  }

  /**
   * A comma-separated entry of the ready file as a list (e.g. BRIDGE_URLS: every instance, instance
   * 0 first).
   */
  List<String> endpoints(String name) {
    return List.of(endpoint(name).split(","));
  }

  Path logs() {
    return runDir.resolve("logs");
  }

  /** Every process run.sh started (ElasticMQ, nats-server, API server, simulator, services). */
  List<ProcessHandle> children() {
    return children;
  }

  /** A client of the chain's SQS (ElasticMQ); the caller closes it. */
  SqsClient sqsClient() {
    return SqsClient.builder()
        .endpointOverride(URI.create(endpoint("SQS_ENDPOINT")))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /** Visible plus in-flight messages of a queue of the chain's SQS, as SQS counts them. */
  static int approximateCount(SqsClient sqs, String queueUrl) {
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                b ->
                    b.queueUrl(queueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(
            attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  /** A client of the chain's Kubernetes API stand-in; the caller closes it. */
  KubernetesClient kubernetesClient() {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(Config.empty())
                .withMasterUrl(endpoint("KUBERNETES_API"))
                // as kubectl with an admin config: the tests read and clean up what the cluster
                // holds
                .withOauthToken(endpoint("KUBERNETES_ADMIN_TOKEN"))
                .withTrustCerts(true)
                .build())
        .build();
  }

  /** The processes under run.sh now (restarted ones included). */
  java.util.stream.Stream<ProcessHandle> processes() {
    return script.descendants();
  }

  boolean isRunning() {
    return script.isAlive();
  }

  /** Stops the chain the way Ctrl-C does (run.sh traps the signal and stops what it started). */
  @Override
  public void close() {
    script.destroy();
    try {
      if (!script.waitFor(60, TimeUnit.SECONDS)) {
        script.descendants().forEach(ProcessHandle::destroyForcibly);
        script.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Closes each of {@code resources} that is not null, in order (a test's clients, then the chain
   * itself), going on past one that fails.
   */
  static void closeAll(AutoCloseable... resources) {
    RuntimeException failed = null;
    for (AutoCloseable resource : resources) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception e) {
        if (failed == null) {
          failed = new IllegalStateException("closing " + resource + " failed", e);
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isExecutable(dir.resolve("deploy/local/run.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "deploy/local/run.sh not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /**
   * The first of {@code size} consecutive free loopback ports, outside the kernel's ephemeral
   * range: a port in that range can be taken by any outgoing connection (the services' own, to NATS
   * or the API) between this check and the bind, or while a killed service is being restarted.
   */
  static int freePortBlock(int size) {
    int[] ephemeral = ephemeralPorts();
    // below the range when there is room (Linux's default starts at 32768), else above it
    int low = ephemeral[0] >= 21_000 ? 20_000 : ephemeral[1] + 1;
    int high = ephemeral[0] >= 21_000 ? ephemeral[0] : 65_536;
    if (high - low < 1_000) {
      throw new IllegalStateException(
          "no room outside the ephemeral port range " + ephemeral[0] + "-" + ephemeral[1]);
    }
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(low, high - size);
      boolean free = true;
      for (int port = base; port < base + size && free; port++) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
          socket.setReuseAddress(true);
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new UncheckedIOException(new IOException("no block of " + size + " free ports"));
  }

  private static String tail(Path runDir) {
    try {
      List<String> lines = Files.readAllLines(runDir.resolve("run.sh.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no run.sh.log: " + e + ")";
    }
  }

  /** The kernel's ephemeral port range, first and last. */
  private static int[] ephemeralPorts() {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    try {
      String[] bounds = Files.readString(range).trim().split("\\s+");
      return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
    } catch (IOException | RuntimeException e) {
      return new int[] {32_768, 60_999}; // Linux's default; other systems use 49152-65535
    }
  }
}
