package io.sparkrelay.standin.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SchemaPruningTest {

  private static final JsonNode SCHEMA =
      json(
          """
          {"type":"object","properties":{
            "apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},
            "spec":{"type":"object","properties":{
              "items":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}}}},
              "labels":{"type":"object","additionalProperties":{"type":"string"}},
              "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
              "open":{"type":"object","additionalProperties":true},
              "note":{"type":"string","nullable":true},
              "count":{"type":"integer"}}}}}
          """);

  @Test
  void dropsUnknownFieldsAndNamesThemAsKubeDoes() {
    ObjectNode object =
        object(
            """
            {"apiVersion":"v1","kind":"K","metadata":{"name":"n","anything":{"x":1}},"extra":1,
             "spec":{"items":[{"name":"a"},{"name":"b","typo":2}],"labels":{"a.b/c":"d"},
                     "free":{"x":{"y":null}},"open":{"z":[1]},"bad":{"deep":true}}}
            """);

    SchemaPruning.Result result = SchemaPruning.prune(object, SCHEMA);

    assertThat(result.unknownFields()).containsExactly("extra", "spec.bad", "spec.items[1].typo");
    assertThat(result.changed()).isTrue();
    assertThat(object)
        .isEqualTo(
            json(
                """
                {"apiVersion":"v1","kind":"K","metadata":{"name":"n","anything":{"x":1}},
                 "spec":{"items":[{"name":"a"},{"name":"b"}],"labels":{"a.b/c":"d"},
                         "free":{"x":{"y":null}},"open":{"z":[1]}}}
                """));
  }

  @Test
  void dropsNullsOfFieldsThatAreNotNullableWithoutCallingThemUnknown() {
    ObjectNode object = object("{\"spec\":{\"note\":null,\"count\":null,\"labels\":{\"a\":null}}}");

    SchemaPruning.Result result = SchemaPruning.prune(object, SCHEMA);

    assertThat(result).isEqualTo(new SchemaPruning.Result(List.of(), true));
    assertThat(object).isEqualTo(json("{\"spec\":{\"note\":null,\"labels\":{}}}"));
  }

  @Test
  void leavesAKnownObjectAlone() {
    ObjectNode object = object("{\"spec\":{\"items\":[],\"count\":1}}");

    assertThat(SchemaPruning.prune(object, SCHEMA))
        .isEqualTo(new SchemaPruning.Result(List.of(), false));
  }

  private static JsonNode json(String text) {
    return SchemaJson.MAPPER.readTree(text);
  }

  private static ObjectNode object(String text) {
    return (ObjectNode) json(text);
  }
}
