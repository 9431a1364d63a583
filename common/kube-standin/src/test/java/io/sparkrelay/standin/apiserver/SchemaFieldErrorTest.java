package io.sparkrelay.standin.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Values are printed as Go's fmt prints them in kube's field errors. */
class SchemaFieldErrorTest {

  @Test
  void quotesStringsAsStrconvQuote() {
    assertThat(SchemaFieldError.quote("a \"b\" \\ c\n\u0001é"))
        .isEqualTo("\"a \\\"b\\\" \\\\ c\\n\\x01é\"");
  }

  @Test
  void printsFloatsAsPercentV() {
    assertThat(SchemaFieldError.goFloat(1)).isEqualTo("1");
    assertThat(SchemaFieldError.goFloat(1.5)).isEqualTo("1.5");
    assertThat(SchemaFieldError.goFloat(-0.25)).isEqualTo("-0.25");
    assertThat(SchemaFieldError.goFloat(123456)).isEqualTo("123456");
    assertThat(SchemaFieldError.goFloat(1000000)).isEqualTo("1e+06");
    assertThat(SchemaFieldError.goFloat(1234567)).isEqualTo("1.234567e+06");
    assertThat(SchemaFieldError.goFloat(0.00001)).isEqualTo("1e-05");
  }

  @Test
  void printsBadValuesAsErrorBodyDoes() {
    assertThat(SchemaFieldError.value(json("\"x\""))).isEqualTo("\"x\"");
    assertThat(SchemaFieldError.value(json("42"))).isEqualTo("42");
    assertThat(SchemaFieldError.value(json("2.5"))).isEqualTo("2.5");
    assertThat(SchemaFieldError.value(json("true"))).isEqualTo("true");
    assertThat(SchemaFieldError.value(json("null"))).isEqualTo("null");
    assertThat(SchemaFieldError.value(json("{\"b\":1,\"a\":[\"x\",null]}")))
        .isEqualTo(
            "map[string]interface {}{\"a\":[]interface {}{\"x\", interface {}(nil)}, \"b\":1}");
  }

  @Test
  void readsAsKubesFieldErrorString() {
    assertThat(SchemaFieldError.required("spec.a[0].name"))
        .hasToString("spec.a[0].name: Required value");
    assertThat(SchemaFieldError.tooLong("spec.name", 63))
        .hasToString("spec.name: Too long: may not be longer than 63");
    assertThat(SchemaFieldError.tooMany("spec.list", 5, 3))
        .hasToString("spec.list: Too many: 5: must have at most 3 items");
  }

  private static JsonNode json(String text) {
    return SchemaJson.MAPPER.readTree(text);
  }
}
