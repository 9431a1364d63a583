package io.sparkrelay.launcher.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RulesFileLoaderTest {

  private final RulesFileLoader loader = new RulesFileLoader("argo-workflows", 4096);

  @Test
  void loadsTheShippedRulesForTaxiTripAndPi() {
    var rules = loader.load("classpath:rules/default-rules.yaml");

    assertThat(rules).extracting(TriggerRule::name).containsExactly("taxi-trip", "pi");
    assertThat(rules)
        .allSatisfy(
            rule -> {
              assertThat(rule.templateRef())
                  .isEqualTo(new TemplateRef("spark-relay-spark-job", false));
              assertThat(rule.namespace()).isEqualTo("argo-workflows");
              assertThat(rule.parameters())
                  .extracting(ParameterMapping::name)
                  .containsExactly("run-id", "job", "input", "output", "executors");
            });
    assertThat(new TriggerRules(rules).matching(Events.sqs("{\"job\":\"pi\"}")))
        .extracting(TriggerRule::name)
        .containsExactly("pi");
  }

  @Test
  void appliesDefaultsAndExplicitValues() {
    var rule =
        loader
            .parse(
                """
                rules:
                  - name: nightly
                    match: {type: {equals: t}}
                    workflowTemplate: {name: shared-template, clusterScope: true}
                    namespace: batch
                """,
                "inline")
            .getFirst();
    assertThat(rule.templateRef()).isEqualTo(new TemplateRef("shared-template", true));
    assertThat(rule.namespace()).isEqualTo("batch");
    assertThat(rule.parameters()).isEmpty();
  }

  static Stream<Arguments> badFiles() {
    String head =
        """
        rules:
          - name: ok
            match: {type: {equals: t}}
            workflowTemplate: {name: tpl}
          - name: broken
        """;
    return Stream.of(
        Arguments.of("not YAML", "rules: [", "not valid YAML"),
        Arguments.of("no rules list", "triggers: []", "needs a top-level 'rules' list"),
        Arguments.of(
            "unknown field",
            head + "    match: {data: [{path: job, regx: a}]}\n    workflowTemplate: {name: t}\n",
            "rule 'broken' (#2), field 'match.data[0].regx': unknown field"),
        Arguments.of(
            "bad regex",
            head + "    match: {source: {regex: '[a-'}}\n    workflowTemplate: {name: t}\n",
            "rule 'broken' (#2), field 'match.source.regex': '[a-' is not a valid regular"),
        Arguments.of(
            "two tests in one condition",
            head
                + "    match: {data: [{path: a, equals: x, exists: true}]}\n    workflowTemplate: {name: t}\n",
            "rule 'broken' (#2), field 'match.data[0]': needs exactly one of"),
        Arguments.of(
            "bad data path",
            head
                + "    match: {data: [{path: 'a..b', exists: true}]}\n    workflowTemplate: {name: t}\n",
            "rule 'broken' (#2), field 'match.data[0].path'"),
        Arguments.of(
            "catch-all match",
            head + "    match: {}\n    workflowTemplate: {name: t}\n",
            "rule 'broken' (#2), field 'match': is required"),
        Arguments.of(
            "no template",
            head + "    match: {type: {equals: t}}\n",
            "rule 'broken' (#2), field 'workflowTemplate': is required"),
        Arguments.of(
            "template without name",
            head + "    match: {type: {equals: t}}\n    workflowTemplate: {clusterScope: true}\n",
            "rule 'broken' (#2), field 'workflowTemplate.name': is required"),
        Arguments.of(
            "name not a DNS label",
            "rules:\n  - name: Taxi_Trip\n    match: {type: {equals: t}}\n    workflowTemplate: {name: t}\n",
            "rule 'Taxi_Trip' (#1), field 'name': must be a lowercase DNS label"),
        Arguments.of(
            "no name",
            "rules:\n  - match: {type: {equals: t}}\n    workflowTemplate: {name: t}\n",
            "rule #1, field 'name': is required"),
        Arguments.of(
            "same name twice",
            head.replace("broken", "ok")
                + "    match: {type: {equals: t}}\n    workflowTemplate: {name: t}\n",
            "rule 'ok' (#2), field 'name': the name is used twice"),
        Arguments.of(
            "a service account, which the WorkflowTemplate sets",
            head
                + "    match: {type: {equals: t}}\n    workflowTemplate: {name: t}\n"
                + "    serviceAccountName: runner\n",
            "rule 'broken' (#2), field 'serviceAccountName': is no longer supported: set"
                + " spec.serviceAccountName in the WorkflowTemplate instead (Argo's"
                + " templateReferencing Strict and Secure refuse a Workflow that sets its own)"),
        Arguments.of(
            "bad namespace",
            head
                + "    match: {type: {equals: t}}\n    workflowTemplate: {name: t}\n    namespace: Argo\n",
            "rule 'broken' (#2), field 'namespace'"),
        Arguments.of(
            "parameter with two sources",
            head
                + "    match: {type: {equals: t}}\n    workflowTemplate: {name: t}\n"
                + "    parameters: [{name: a, value: x, fromData: y}]\n",
            "rule 'broken' (#2), field 'parameters[0]': needs exactly one of value, fromData, fromEvent"),
        Arguments.of(
            "unknown event attribute",
            head
                + "    match: {type: {equals: t}}\n    workflowTemplate: {name: t}\n"
                + "    parameters: [{name: a, fromEvent: messageId}]\n",
            "rule 'broken' (#2), field 'parameters[0].fromEvent': 'messageId' is not one of id,"),
        Arguments.of(
            "literal carrying an expression",
            head
                + "    match: {type: {equals: t}}\n    workflowTemplate: {name: t}\n"
                + "    parameters: [{name: a, value: '{{workflow.name}}'}]\n",
            "rule 'broken' (#2), field 'parameters[0].value': parameter 'a': value contains '{{'"),
        Arguments.of(
            "default failing the pattern",
            head
                + "    match: {type: {equals: t}}\n    workflowTemplate: {name: t}\n"
                + "    parameters: [{name: n, fromData: n, default: many, pattern: '[0-9]+'}]\n",
            "rule 'broken' (#2), field 'parameters[0].default': parameter 'n': value 'many' does not match"),
        Arguments.of(
            "parameter twice",
            head
                + "    match: {type: {equals: t}}\n    workflowTemplate: {name: t}\n"
                + "    parameters: [{name: a, value: x}, {name: a, value: y}]\n",
            "rule 'broken' (#2), field 'parameters[1].name': parameter 'a' is given twice"),
        Arguments.of(
            "wrong type",
            head
                + "    match: {type: {equals: t}}\n    workflowTemplate: {name: t}\n"
                + "    parameters: {name: a}\n",
            "rule 'broken' (#2), field 'parameters'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void refusesABadFileNamingTheRuleAndField(String description, String yaml, String message) {
    assertThatThrownBy(() -> loader.parse(yaml, "rules.yaml"))
        .isInstanceOf(RulesException.class)
        .hasMessageStartingWith("trigger rules rules.yaml: ")
        .hasMessageContaining(message);
  }

  @Test
  void refusesAMissingFile() {
    assertThatThrownBy(() -> loader.load("/nonexistent/rules.yaml"))
        .isInstanceOf(RulesException.class)
        .hasMessageContaining("trigger rules /nonexistent/rules.yaml: cannot read");
  }
}
