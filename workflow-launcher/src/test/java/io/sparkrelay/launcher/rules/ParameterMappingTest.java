package io.sparkrelay.launcher.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParameterMappingTest {

  private static final TriggerRule TAXI =
      new RulesFileLoader("argo-workflows", 4096)
          .load("classpath:rules/default-rules.yaml")
          .getFirst();

  private static String valueOf(TriggerRule rule, String parameter, RelayEvent event)
      throws ParameterRejectedException {
    return rule.parameters().stream()
        .filter(p -> p.name().equals(parameter))
        .findFirst()
        .orElseThrow()
        .resolve(event);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("run-id", "{\"job\":\"taxi-trip\"}", "5f0c7e9a-1b2c-4d5e-8f90-0123456789ab"),
        Arguments.of("job", "{\"job\":\"taxi-trip\"}", "taxi-trip"),
        Arguments.of("input", "{\"input\":\"s3://my-bucket/taxi/in/\"}", "s3://my-bucket/taxi/in/"),
        Arguments.of(
            "input",
            "{\"input\":\"s3a://my-bucket/x=1/y.parquet\"}",
            "s3a://my-bucket/x=1/y.parquet"),
        Arguments.of("input", "{}", ""),
        Arguments.of("input", "{\"input\":null}", ""),
        Arguments.of("executors", "{\"executors\":4}", "4"),
        Arguments.of("executors", "{\"executors\":\"12\"}", "12"));
  }

  @ParameterizedTest(name = "{0} from {1} -> ''{2}''")
  @MethodSource("accepted")
  void takesValuesThatPassTheirPattern(String parameter, String data, String expected)
      throws ParameterRejectedException {
    assertThat(valueOf(TAXI, parameter, Events.sqs(data))).isEqualTo(expected);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("input", "{\"input\":\"{{workflow.name}}\"}", "contains '{{'"),
        Arguments.of("input", "{\"input\":\"s3://b/{{inputs.parameters.x}}\"}", "contains '{{'"),
        Arguments.of("input", "{\"input\":\"file:///etc/passwd\"}", "does not match pattern"),
        Arguments.of("input", "{\"input\":\"s3://bucket/a b\"}", "does not match pattern"),
        Arguments.of("executors", "{\"executors\":0}", "does not match pattern"),
        Arguments.of("executors", "{\"executors\":\"2; rm -rf\"}", "does not match pattern"),
        Arguments.of("executors", "{\"executors\":[1,2]}", "does not match pattern"));
  }

  @ParameterizedTest(name = "{0} from {1} refused: {2}")
  @MethodSource("refused")
  void refusesValuesFailingTheirPatternOrCarryingExpressions(
      String parameter, String data, String reason) {
    assertThatThrownBy(() -> valueOf(TAXI, parameter, Events.sqs(data)))
        .isInstanceOf(ParameterRejectedException.class)
        .hasMessageStartingWith("parameter '" + parameter + "'")
        .hasMessageContaining(reason);
  }

  @Test
  void refusesExpressionsEvenWithoutAPattern() {
    ParameterMapping free =
        new ParameterMapping(
            "free", new ParameterMapping.FromData(DataPath.parse("note")), null, null, 4096);
    assertThatThrownBy(() -> free.resolve(Events.sqs("{\"note\":\"hi {{ workflow.uid }}\"}")))
        .hasMessageContaining("contains '{{'");
  }

  @Test
  void refusesAMissingValueWithoutDefault() {
    ParameterMapping required =
        new ParameterMapping(
            "input", new ParameterMapping.FromData(DataPath.parse("spec.input")), null, null, 4096);
    assertThatThrownBy(() -> required.resolve(Events.sqs("{\"spec\":{}}")))
        .hasMessage("parameter 'input': data field 'spec.input' is missing and has no default");
  }

  @Test
  void rendersObjectsAsCompactJson() throws ParameterRejectedException {
    ParameterMapping args =
        new ParameterMapping(
            "args", new ParameterMapping.FromData(DataPath.parse("args")), null, null, 4096);
    assertThat(args.resolve(Events.sqs("{\"args\":[1, 2]}"))).isEqualTo("[1,2]");
  }

  @Test
  void refusesAQuoteABackslashOrAControlCharacterWhateverThePattern() {
    ParameterMapping free =
        new ParameterMapping(
            "input", new ParameterMapping.FromData(DataPath.parse("input")), null, null, 4096);

    assertThatThrownBy(
            () -> free.resolve(Events.sqs("{\"input\":\"s3://b/\\\",\\\"namespace\\\":\\\"x\"}")))
        .hasMessage(
            "parameter 'input': value contains '\"' at character 7, which no parameter may carry"
                + " (it would change the Workflow's JSON)");
    assertThatThrownBy(() -> free.resolve(Events.sqs("{\"input\":\"a\\\\b\"}")))
        .hasMessage(
            "parameter 'input': value contains '\\' at character 1, which no parameter may carry"
                + " (it would change the Workflow's JSON)");
    assertThatThrownBy(() -> free.resolve(Events.sqs("{\"input\":\"a\\nb\"}")))
        .hasMessage(
            "parameter 'input': value contains U+000A at character 1, which no parameter may carry"
                + " (it would change the Workflow's JSON)");
    ParameterMapping args =
        new ParameterMapping(
            "args", new ParameterMapping.FromData(DataPath.parse("args")), null, null, 4096);
    assertThatThrownBy(() -> args.resolve(Events.sqs("{\"args\":[\"a\", 1]}")))
        .hasMessageStartingWith("parameter 'args': value contains '\"' at character 1,");
  }

  @Test
  void refusesAValueOverTheMaximumLength() throws ParameterRejectedException {
    ParameterMapping input =
        new ParameterMapping(
            "input", new ParameterMapping.FromData(DataPath.parse("input")), null, null, 10);

    assertThat(input.resolve(Events.sqs("{\"input\":\"s3://b/123\"}"))).isEqualTo("s3://b/123");
    assertThatThrownBy(() -> input.resolve(Events.sqs("{\"input\":\"s3://b/1234\"}")))
        .hasMessage("parameter 'input': value is 11 characters long, over the maximum of 10");
  }
}
