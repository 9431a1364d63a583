package io.sparkrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/nats/nats-helm-values.yaml (the NATS Helm chart's form) gives every user exactly the
 * password variable and permissions of deploy/nats/spark-relay-users.conf (the form the tests and
 * the local stack run).
 */
class NatsHelmValuesTest {

  private static final Pattern BLOCK =
      Pattern.compile("^  ([A-Z_]+) = \\{\\n(.*?)^  \\}\\n", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern PUBLISH =
      Pattern.compile("publish: \\{\\s*allow: \\[(.*?)\\]", Pattern.DOTALL);
  private static final Pattern SUBSCRIBE = Pattern.compile("subscribe: \\{ allow: \\[(.*?)\\] \\}");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
  private static final Pattern USER =
      Pattern.compile(
          "\\{ user: ([a-z-]+), password: \\$([A-Z_]+)(?:, permissions: \\$([A-Z_]+))? \\}");

  /** user -> [password variable, publish allow, subscribe allow]. */
  private static Map<String, List<Object>> fromConf() throws Exception {
    String conf = Files.readString(NatsServerProcess.shippedFile("spark-relay-users.conf"));
    Map<String, List<List<String>>> blocks = new LinkedHashMap<>();
    Matcher block = BLOCK.matcher(conf);
    while (block.find()) {
      Matcher publish = PUBLISH.matcher(block.group(2));
      Matcher subscribe = SUBSCRIBE.matcher(block.group(2));
      assertThat(publish.find() && subscribe.find()).as(block.group(1)).isTrue();
      blocks.put(block.group(1), List.of(quoted(publish.group(1)), quoted(subscribe.group(1))));
    }
    Map<String, List<Object>> users = new LinkedHashMap<>();
    Matcher user = USER.matcher(conf);
    while (user.find()) {
      List<List<String>> permissions =
          user.group(3) == null ? List.of(List.of(), List.of()) : blocks.get(user.group(3));
      users.put(
          user.group(1), List.of("$" + user.group(2), permissions.get(0), permissions.get(1)));
    }
    return users;
  }

  private static List<String> quoted(String text) {
    List<String> values = new ArrayList<>();
    Matcher m = QUOTED.matcher(text);
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  @Test
  void theHelmValuesGrantExactlyWhatTheConfigurationGrants() throws Exception {
    JsonNode values =
        new YAMLMapper().readTree(NatsServerProcess.shippedFile("nats-helm-values.yaml").toFile());
    Map<String, List<Object>> fromHelm = new LinkedHashMap<>();
    for (JsonNode user : values.at("/config/merge/authorization/users")) {
      String password = user.get("password").asText();
      assertThat(password).startsWith("<< $").endsWith(" >>");
      fromHelm.put(
          user.get("user").asText(),
          List.of(
              password.substring(3, password.length() - 3),
              strings(user.at("/permissions/publish/allow")),
              strings(user.at("/permissions/subscribe/allow"))));
      String variable = password.substring(4, password.length() - 3);
      assertThat(values.at("/container/env/" + variable + "/valueFrom/secretKeyRef/key").asText())
          .isEqualTo(user.get("user").asText() + "-password");
    }
    Map<String, List<Object>> fromConf = fromConf();
    assertThat(fromConf.keySet())
        .containsExactly(
            "sqs-bridge", "workflow-launcher", "spark-submitter", "status-reporter", "relay-admin");
    assertThat(fromHelm).isEqualTo(fromConf);
    assertThat(NatsServerProcess.USERS.keySet())
        .containsExactlyInAnyOrderElementsOf(fromConf.keySet());
  }
}
