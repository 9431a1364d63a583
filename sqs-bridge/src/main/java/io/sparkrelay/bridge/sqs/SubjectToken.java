package io.sparkrelay.bridge.sqs;

/**
 * Makes a queue name safe as one NATS subject token. SQS names allow letters, digits, '-' and '_'
 * (and ".fifo"), all fine in a subject except the dot, which would split the token.
 */
final class SubjectToken {

  private SubjectToken() {}

  static String of(String queueName) {
    return queueName.replace('.', '_');
  }
}
