package io.sparkrelay.common.nats;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * TLS to NATS as every service sets it up from its {@code relay.nats.tls.*} settings: the server is
 * trusted only when a certificate of the CA file signed it and it names a host of the configured
 * URLs (jnats checks no host name itself); a client certificate is presented when one is given.
 */
public final class NatsTls {

  private NatsTls() {}

  /** The SSLContext of a service's {@code relay.nats.tls.*} settings; null without a CA file. */
  public static SSLContext sslContext(String urls, NatsTlsSettings tls) {
    return sslContext(urls, tls.caFile(), tls.certFile(), tls.keyFile());
  }

  /**
   * The SSLContext of {@code relay.nats.tls.*}: trusts only the CA file's certificates, checks that
   * the server's certificate names a host of {@code urls} (jnats checks no name), and presents the
   * client certificate when one is set. Null without a CA file.
   */
  public static SSLContext sslContext(
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
  public static List<String> hosts(String urls) {
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
