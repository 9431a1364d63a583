package io.sparkrelay.bridge.eventbus;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.quarkus.logging.Log;
import io.sparkrelay.bridge.config.BridgeConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The bridge's connection to the JetStream EventBus. It reconnects forever; after every (re)connect
 * the stream is verified again before pollers are let through, so a nats-server that came back
 * without its store gets its stream re-created.
 */
@ApplicationScoped
public class EventBus {

  private final BridgeConfig config;
  private final EventStreamProvisioner provisioner;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition connected = lock.newCondition();
  private volatile Connection connection;
  private volatile JetStream jetStream;
  private volatile boolean streamVerified;

  EventBus(BridgeConfig config, EventStreamProvisioner provisioner) {
    this.config = config;
    this.provisioner = provisioner;
  }

  /**
   * Opens the connection in the background and returns at once: the client's first connect blocks
   * until a server answers, and the service must start (not ready) while NATS is away.
   */
  public void connect() {
    BridgeConfig.Nats nats = config.nats();
    Options.Builder options =
        Options.builder()
            .server(nats.url())
            .connectionName("sqs-bridge")
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(250))
            .connectionTimeout(Duration.ofSeconds(2))
            .connectionListener(this::onConnectionEvent)
            .errorListener(new LoggingErrorListener());
    nats.credentialsFile().ifPresent(options::credentialPath);
    nats.token().ifPresent(token -> options.token(token.toCharArray()));
    if (nats.username().isPresent()) {
      options.userInfo(nats.username().get(), nats.password().orElse(""));
    }
    SSLContext tls =
        sslContext(nats.url(), nats.tls().caFile(), nats.tls().certFile(), nats.tls().keyFile());
    if (tls != null) {
      options.sslContext(tls);
    }
    options.inboxPrefix(nats.inboxPrefix());
    Options built = options.build();
    Thread.ofPlatform().name("nats-connect").daemon().start(() -> open(built));
  }

  private void open(Options options) {
    try {
      Connection opened = Nats.connectReconnectOnConnect(options);
      jetStream = opened.jetStream();
      connection = opened;
      signalConnected();
    } catch (IOException e) {
      Log.errorf("NATS connection cannot be set up: %s", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onConnectionEvent(Connection conn, ConnectionListener.Events event) {
    Log.infof("NATS connection %s (%s)", event, conn.getConnectedUrl());
    if (event == ConnectionListener.Events.CONNECTED
        || event == ConnectionListener.Events.RECONNECTED) {
      streamVerified = false;
      signalConnected();
    }
  }

  private void signalConnected() {
    lock.lock();
    try {
      connected.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public boolean isConnected() {
    Connection conn = connection;
    return conn != null && conn.getStatus() == Connection.Status.CONNECTED;
  }

  /**
   * True when the connection is up and the stream verified. Waits up to {@code wait} for the
   * connection, so a poller neither spins nor receives messages it could not hand on.
   */
  public boolean awaitReady(Duration wait) throws InterruptedException {
    if (!isConnected()) {
      lock.lock();
      try {
        connected.await(wait.toMillis(), TimeUnit.MILLISECONDS);
      } finally {
        lock.unlock();
      }
      if (!isConnected()) {
        return false;
      }
    }
    if (!streamVerified) {
      try {
        provisioner.ensure(connection.jetStreamManagement());
        streamVerified = true;
      } catch (IOException | JetStreamApiException | RuntimeException e) {
        Log.warnf("stream %s not usable yet: %s", config.nats().stream().name(), e.getMessage());
        return false;
      }
    }
    return true;
  }

  /** Whether the stream exists as the bridge needs it, asked of the server now. */
  public boolean streamPresent() {
    if (!isConnected()) {
      return false;
    }
    try {
      connection.jetStreamManagement().getStreamInfo(config.nats().stream().name());
      return true;
    } catch (IOException | JetStreamApiException e) {
      return false;
    }
  }

  public JetStream jetStream() {
    return jetStream;
  }

  /** Largest message the connected server accepts, in bytes, as the server announced it. */
  public long maxPayload() {
    return connection.getServerInfo().getMaxPayload();
  }

  @PreDestroy
  void close() {
    Connection conn = connection;
    if (conn != null) {
      try {
        conn.flush(Duration.ofSeconds(2));
      } catch (Exception e) {
        Log.debugf("flush at close: %s", e.getMessage());
      }
      try {
        conn.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The SSLContext of {@code relay.nats.tls.*}: trusts only the CA file's certificates, checks that
   * the server's certificate names a host of {@code urls} (jnats checks no name), and presents the
   * client certificate when one is set. Null without a CA file.
   */
  static SSLContext sslContext(
      String urls, Optional<String> caFile, Optional<String> certFile, Optional<String> keyFile) {
    if (caFile.isEmpty()) {
      if (certFile.isPresent() || keyFile.isPresent()) {
        throw new IllegalStateException(
            "relay.nats.tls.cert-file and key-file need relay.nats.tls.ca-file");
      }
      return null;
    }
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new IllegalStateException(
          "relay.nats.tls.cert-file and relay.nats.tls.key-file go together");
    }
    try {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      int count = 0;
      try (InputStream in = Files.newInputStream(Path.of(caFile.get()))) {
        for (Certificate ca : x509.generateCertificates(in)) {
          trusted.setCertificateEntry("ca-" + count++, ca);
        }
      }
      if (count == 0) {
        throw new GeneralSecurityException("no certificate in " + caFile.get());
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      X509TrustManager delegate = (X509TrustManager) trust.getTrustManagers()[0];
      KeyManager[] keys = null;
      if (certFile.isPresent()) {
        List<Certificate> chain;
        try (InputStream in = Files.newInputStream(Path.of(certFile.get()))) {
          chain = new ArrayList<>(x509.generateCertificates(in));
        }
        char[] secret = "nats-client".toCharArray();
        KeyStore own = KeyStore.getInstance("PKCS12");
        own.load(null, null);
        own.setKeyEntry(
            "client",
            privateKey(Path.of(keyFile.get())),
            secret,
            chain.toArray(Certificate[]::new));
        KeyManagerFactory factory =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(own, secret);
        keys = factory.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keys, new TrustManager[] {new HostCheckingTrustManager(delegate, hosts(urls))}, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("NATS TLS files unusable: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    Matcher pem =
        Pattern.compile("-----BEGIN PRIVATE KEY-----([^-]+)-----END PRIVATE KEY-----")
            .matcher(Files.readString(file));
    if (!pem.find()) {
      throw new GeneralSecurityException(
          file
              + " holds no PKCS#8 key (BEGIN PRIVATE KEY; openssl pkcs8 -topk8 -nocrypt converts)");
    }
    PKCS8EncodedKeySpec spec =
        new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(1)));
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException e) {
        // another algorithm
      }
    }
    throw new GeneralSecurityException(file + ": not an RSA, EC or Ed25519 key");
  }

  /** The hosts of {@code relay.nats.url} (comma separated, scheme optional). */
  static List<String> hosts(String urls) {
    List<String> hosts = new ArrayList<>();
    for (String url : urls.split(",")) {
      String trimmed = url.trim();
      String host =
          java.net.URI.create(trimmed.contains("://") ? trimmed : "nats://" + trimmed).getHost();
      if (host != null) {
        hosts.add(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
      }
    }
    return List.copyOf(hosts);
  }

  /**
   * The CA's verdict, then the check HTTPS clients make: the certificate names (subjectAltName DNS
   * name or IP) a host of relay.nats.url. jnats hands the socket the address it connected to, not
   * the name asked for, so the names are those of the configuration.
   */
  private static final class HostCheckingTrustManager extends X509ExtendedTrustManager {
    private final X509TrustManager delegate;
    private final List<String> hosts;

    HostCheckingTrustManager(X509TrustManager delegate, List<String> hosts) {
      this.delegate = delegate;
      this.hosts = hosts;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
      for (String host : hosts) {
        if (names(chain[0], host)) {
          return;
        }
      }
      throw new CertificateException(
          "the server certificate names none of "
              + hosts
              + " (subjectAltNames "
              + chain[0].getSubjectAlternativeNames()
              + ")");
    }

    private static boolean names(X509Certificate certificate, String host)
        throws CertificateException {
      String wanted = host.toLowerCase(Locale.ROOT);
      boolean address = wanted.contains(":") || wanted.matches("[0-9.]+");
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          int type = (Integer) name.get(0);
          String value = String.valueOf(name.get(1)).toLowerCase(Locale.ROOT);
          if (address && type == 7 && sameAddress(value, wanted)) {
            return true;
          }
          if (!address && type == 2 && dnsMatches(value, wanted)) {
            return true;
          }
        }
      }
      return false;
    }

    private static boolean sameAddress(String a, String b) {
      try {
        // both are literals (checked above): no name is looked up
        return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }

    private static boolean dnsMatches(String pattern, String host) {
      if (pattern.startsWith("*.")) {
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot).equals(pattern.substring(1));
      }
      return pattern.equals(host);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
