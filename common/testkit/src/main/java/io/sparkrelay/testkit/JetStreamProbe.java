package io.sparkrelay.testkit;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A test's own look into JetStream: what a stream holds, read message by message, without a
 * consumer that could disturb the code under test. Opens a fresh connection per call, so it works
 * across server restarts.
 */
public final class JetStreamProbe {

  private static final int STREAM_NOT_FOUND = 10059;
  private static final int NO_MESSAGE = 10037;

  private final String url;
  private final String user;
  private final String password;
  private final Path caFile;

  public JetStreamProbe(String url) {
    this(url, null, null, null);
  }

  private JetStreamProbe(String url, String user, String password, Path caFile) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.caFile = caFile;
  }

  /**
   * A probe that logs in as {@code user} and speaks TLS, trusting only {@code caFile} (PEM): the
   * local stack's NATS ({@code NATS_ADMIN_USER}, {@code NATS_ADMIN_PASSWORD}, {@code NATS_CA_FILE}
   * of run.sh's ready file).
   */
  public static JetStreamProbe withCredentials(
      String url, String user, String password, Path caFile) {
    return new JetStreamProbe(url, user, password, caFile);
  }

  /** A stored message: its subject, its Nats-Msg-Id header, and its data as text. */
  public record StoredMessage(long sequence, String subject, String messageId, String data) {}

  /** Every message the stream holds, oldest first; empty when the stream does not exist. */
  public List<StoredMessage> messages(String stream) {
    return withManagement(jsm -> storedMessages(jsm, stream));
  }

  private static List<StoredMessage> storedMessages(JetStreamManagement jsm, String stream)
      throws IOException, JetStreamApiException {
    StreamInfo info;
    try {
      info = jsm.getStreamInfo(stream);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
        return List.of();
      }
      throw e;
    }
    List<StoredMessage> messages = new ArrayList<>();
    long first = info.getStreamState().getFirstSequence();
    long last = info.getStreamState().getLastSequence();
    for (long seq = first; seq <= last && seq > 0; seq++) {
      try {
        MessageInfo message = jsm.getMessage(stream, seq);
        String id =
            message.getHeaders() == null ? null : message.getHeaders().getFirst("Nats-Msg-Id");
        messages.add(
            new StoredMessage(
                seq,
                message.getSubject(),
                id,
                new String(message.getData(), StandardCharsets.UTF_8)));
      } catch (JetStreamApiException e) {
        if (e.getApiErrorCode() != NO_MESSAGE) {
          throw e;
        }
      }
    }
    return messages;
  }

  /**
   * Whether the durable consumer has nothing left to do: no message it has not been given, and none
   * given but unacknowledged (a message negatively acknowledged with a delay still counts, as it
   * will come back).
   */
  public boolean consumerSettled(String stream, String durable) {
    ConsumerInfo info = withManagement(jsm -> jsm.getConsumerInfo(stream, durable));
    return info.getNumPending() == 0 && info.getNumAckPending() == 0;
  }

  /** The messages of {@code stream} whose subject is {@code subject}. */
  public List<StoredMessage> messages(String stream, String subject) {
    return messages(stream).stream().filter(m -> m.subject().equals(subject)).toList();
  }

  private interface ManagementCall<T> {
    T call(JetStreamManagement jsm) throws IOException, JetStreamApiException;
  }

  /** Runs {@code call} on a fresh connection, closed afterwards. */
  private <T> T withManagement(ManagementCall<T> call) {
    try (Connection connection = connect()) {
      return call.call(connection.jetStreamManagement());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JetStreamApiException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Connection connect() throws IOException, InterruptedException {
    Options.Builder options =
        Options.builder().server(url).connectionTimeout(Duration.ofSeconds(2)).noReconnect();
    if (caFile != null) {
      options.sslContext(NatsServerProcess.trustingCa(caFile));
    }
    if (user != null) {
      options.userInfo(user, password);
    }
    return Nats.connect(options.build());
  }
}
