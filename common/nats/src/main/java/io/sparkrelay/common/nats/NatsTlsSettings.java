package io.sparkrelay.common.nats;

import java.util.Optional;

/**
 * The {@code relay.nats.tls.*} settings every service takes, as a group of its own config mapping:
 * with a CA file the connection uses TLS and verifies the server against it.
 */
public interface NatsTlsSettings {

  /**
   * PEM file of the CA certificate(s) the server's certificate must be signed by; the server's name
   * or address must be in the certificate. Unset: plain, unless the URL is tls://.
   */
  Optional<String> caFile();

  /** PEM client certificate (chain), for a server that verifies clients; needs key-file. */
  Optional<String> certFile();

  /** PEM PKCS#8 ("BEGIN PRIVATE KEY") key of the client certificate. */
  Optional<String> keyFile();
}
