package io.sparkrelay.common.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.sparkrelay.testkit.NatsServerProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The services' TLS (relay.nats.tls.*) against a real nats-server with Spark Relay's users and a
 * certificate for 127.0.0.1: the server is verified against the CA file and by its address.
 */
class NatsTlsTest {

  private static NatsServerProcess server;

  @BeforeAll
  static void startServer() {
    server = NatsServerProcess.createSecured(null);
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static Options.Builder options(String url, List<Exception> problems) {
    return Options.builder()
        .server(url)
        .sslContext(
            NatsTls.sslContext(
                url, Optional.of(server.caFile().toString()), Optional.empty(), Optional.empty()))
        .userInfo("sqs-bridge", server.password("sqs-bridge"))
        .inboxPrefix("_INBOX.sqs-bridge")
        .connectionTimeout(Duration.ofSeconds(2))
        .noReconnect()
        .errorListener(
            new ErrorListener() {
              @Override
              public void exceptionOccurred(Connection conn, Exception exp) {
                problems.add(exp);
              }
            });
  }

  @Test
  void aServerWithTheCasCertificateForItsAddressIsTrusted() throws Exception {
    List<Exception> problems = new CopyOnWriteArrayList<>();
    try (Connection connection = Nats.connect(options(server.url(), problems).build())) {
      assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
      assertThat(connection.getServerInfo().isTLSRequired()).isTrue();
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aCertificateThatDoesNotNameTheHostIsRefused() {
    // the certificate names IP 127.0.0.1; connecting by the name localhost must not pass
    List<Exception> problems = new CopyOnWriteArrayList<>();
    String byName = "nats://localhost:" + server.port();
    assertThatThrownBy(() -> Nats.connect(options(byName, problems).build()))
        .isInstanceOf(IOException.class);
    assertThat(problems)
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .rootCause()
                    .hasMessage(
                        "the server certificate names none of [localhost] (subjectAltNames [[7,"
                            + " 127.0.0.1]])"));
  }

  @Test
  void theHostsAreThoseOfTheConfiguredUrls() {
    assertThat(NatsTls.hosts("nats://a.example:4222, tls://10.0.0.7:4222,b.example:4222"))
        .containsExactly("a.example", "10.0.0.7", "b.example");
  }

  @Test
  void withoutACaFileThereIsNoTlsAndAHalfClientCertificateIsRefused() {
    assertThat(
            NatsTls.sslContext(server.url(), Optional.empty(), Optional.empty(), Optional.empty()))
        .isNull();
    assertThatThrownBy(
            () ->
                NatsTls.sslContext(
                    server.url(),
                    Optional.of(server.caFile().toString()),
                    Optional.of(server.caFile().toString()),
                    Optional.empty()))
        .hasMessage("relay.nats.tls.cert-file and relay.nats.tls.key-file go together");
    assertThatThrownBy(
            () ->
                NatsTls.sslContext(
                    server.url(),
                    Optional.empty(),
                    Optional.of("client.crt"),
                    Optional.of("client.key")))
        .hasMessage("relay.nats.tls.cert-file and key-file need relay.nats.tls.ca-file");
  }
}
