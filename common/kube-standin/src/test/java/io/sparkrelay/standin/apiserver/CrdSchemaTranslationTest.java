package io.sparkrelay.standin.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CrdSchemaTranslationTest {

  @Test
  void mapsKubernetesExtensionsToJsonSchema() {
    JsonNode openApi =
        json(
            """
            {"type":"object","required":["q"],"properties":{
              "q":{"anyOf":[{"type":"integer"},{"type":"string"}],"x-kubernetes-int-or-string":true,
                   "pattern":"^[0-9]+m?$"},
              "t":{"type":"string","format":"date-time","nullable":true},
              "n":{"type":"integer","format":"int32","minimum":1,"default":3},
              "e":{"type":"string","enum":["A","B"],"nullable":true},
              "m":{"type":"object","additionalProperties":{"type":"string"},
                   "x-kubernetes-map-type":"atomic",
                   "x-kubernetes-validations":[{"rule":"self.size() > 0","message":"empty"}]},
              "any":{"x-kubernetes-preserve-unknown-fields":true}}}
            """);

    assertThat(CrdSchemaTranslation.toJsonSchema(openApi))
        .isEqualTo(
            json(
                """
                {"type":"object","required":["q"],"properties":{
                  "q":{"type":["integer","string"],"pattern":"^[0-9]+m?$"},
                  "t":{"type":["string","null"],"format":"date-time"},
                  "n":{"type":"integer","minimum":1},
                  "e":{"type":["string","null"],"enum":["A","B",null]},
                  "m":{"type":"object","additionalProperties":{"type":"string"}},
                  "any":{}},
                 "$schema":"http://json-schema.org/draft-04/schema#"}
                """));
  }

  @Test
  void loadsTheRelayKindsWithTheirSubresources() {
    assertThat(CrdSchemas.relay().all())
        .extracting(
            kind ->
                kind.kind()
                    + " "
                    + kind.group()
                    + "/"
                    + kind.version()
                    + " "
                    + kind.plural()
                    + " status="
                    + kind.hasStatusSubresource())
        .containsExactly(
            "Workflow argoproj.io/v1alpha1 workflows status=false",
            "WorkflowTemplate argoproj.io/v1alpha1 workflowtemplates status=false",
            "SparkApplication sparkoperator.k8s.io/v1beta2 sparkapplications status=true");
  }

  private static JsonNode json(String text) {
    return SchemaJson.MAPPER.readTree(text);
  }
}
