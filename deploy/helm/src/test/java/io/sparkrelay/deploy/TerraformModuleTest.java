package io.sparkrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The security rules of deploy/terraform, read from its files (CI reaches no Terraform registry, so
 * the module cannot be planned here): the dead-letter queue has the job queue's TLS-only policy,
 * the bridge may only read its attributes, and the KMS key and the senders are validated.
 */
class TerraformModuleTest {

  private static String file(String name) throws IOException {
    return Files.readString(Project.repoDir().resolve("deploy/terraform").resolve(name));
  }

  /** The text of the block that starts with {@code header}, up to its closing brace. */
  private static String block(String text, String header) {
    int start = text.indexOf(header);
    assertThat(start).as("%s in the module", header).isNotNegative();
    int depth = 0;
    for (int i = text.indexOf('{', start); i < text.length(); i++) {
      if (text.charAt(i) == '{') {
        depth++;
      } else if (text.charAt(i) == '}' && --depth == 0) {
        return text.substring(start, i + 1);
      }
    }
    throw new AssertionError("unclosed block " + header);
  }

  /** The regular expression of the validation block of a variable. */
  private static Pattern validationRegex(String variable) throws IOException {
    String block = block(file("variables.tf"), "variable \"" + variable + "\"");
    Matcher regex = Pattern.compile("regex\\(\"([^\"]+)\"").matcher(block(block, "validation"));
    assertThat(regex.find()).as("%s has a validation with a regex", variable).isTrue();
    return Pattern.compile(regex.group(1));
  }

  @Test
  void theDeadLetterQueueOnlyTakesTls() throws IOException {
    String main = file("main.tf");

    String policy = block(main, "resource \"aws_sqs_queue_policy\" \"dlq\"");
    assertThat(policy)
        .contains("queue_url = aws_sqs_queue.dlq.id")
        .contains("policy    = data.aws_iam_policy_document.dlq.json");
    String document = block(main, "data \"aws_iam_policy_document\" \"dlq\"");
    assertThat(document)
        .contains("effect    = \"Deny\"")
        .contains("actions   = [\"sqs:*\"]")
        .contains("resources = [aws_sqs_queue.dlq.arn]")
        .contains("variable = \"aws:SecureTransport\"")
        .contains("values   = [\"false\"]");
  }

  /** The {@code statement { ... }} blocks of a policy document, in order. */
  private static List<String> statements(String document) {
    List<String> statements = new ArrayList<>();
    Matcher header = Pattern.compile("(?m)^\\s*statement \\{").matcher(document);
    while (header.find()) {
      statements.add(block(document.substring(header.start()), "statement {"));
    }
    return statements;
  }

  @Test
  void theBridgeMayOnlyReadTheDeadLetterQueuesAttributes() throws IOException {
    String main = file("main.tf");
    String bridge = block(main, "data \"aws_iam_policy_document\" \"bridge\"");

    List<String> onTheDlq =
        statements(bridge).stream().filter(s -> s.contains("aws_sqs_queue.dlq.arn")).toList();
    assertThat(onTheDlq)
        .as("the bridge's statements on the DLQ")
        .singleElement()
        .asString()
        .contains("effect    = \"Allow\"")
        .contains("actions   = [\"sqs:GetQueueAttributes\"]")
        .contains("resources = [aws_sqs_queue.dlq.arn]");
    assertThat(statements(bridge))
        .anySatisfy(
            s ->
                assertThat(s)
                    .contains(
                        "actions   = [\"sqs:ReceiveMessage\", \"sqs:DeleteMessage\","
                            + " \"sqs:GetQueueAttributes\"]")
                    .contains("resources = [aws_sqs_queue.jobs.arn]"));
    // the DLQ's own policy grants nobody anything (it only refuses plain HTTP)
    assertThat(block(main, "data \"aws_iam_policy_document\" \"dlq\""))
        .doesNotContain("\"Allow\"")
        .doesNotContain("aws_iam_role.bridge");
  }

  @Test
  void theKmsKeyMustBeAKeyArn() throws IOException {
    Pattern keyArn = validationRegex("kms_master_key_id");

    assertThat(
            keyArn
                .matcher(
                    "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
                .matches())
        .isTrue();
    assertThat(keyArn.matcher("arn:aws:kms:us-west-2:123456789012:key/mrk-1234abcd").matches())
        .isTrue();
    assertThat(keyArn.matcher("arn:aws:kms:us-west-2:123456789012:alias/relay").matches())
        .isFalse();
    assertThat(keyArn.matcher("alias/relay").matches()).isFalse();
    assertThat(keyArn.matcher("1234abcd-12ab-34cd-56ef-1234567890ab").matches()).isFalse();
    assertThat(block(file("variables.tf"), "variable \"kms_master_key_id\""))
        .contains("condition     = var.kms_master_key_id == null || can(regex(");
  }

  @Test
  void sendersAreNamedRolesNotTheAccount() throws IOException {
    Pattern sender = validationRegex("sender_principal_arns");

    assertThat(sender.matcher("arn:aws:iam::123456789012:role/orders-producer").matches()).isTrue();
    assertThat(sender.matcher("arn:aws:iam::123456789012:root").matches()).isFalse();
    assertThat(sender.matcher("*").matches()).isFalse();
    String example = file("examples/data-on-eks/spark-relay.tf");
    assertThat(example)
        .contains("sender_principal_arns = var.spark_relay_producer_role_arns")
        .doesNotContain(":root");
  }
}
