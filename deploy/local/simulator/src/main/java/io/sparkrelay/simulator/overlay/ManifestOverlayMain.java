package io.sparkrelay.simulator.overlay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a production manifest file with the local stack's overlay added ({@link ManifestOverlay}),
 * for run.sh to give the API stand-in in place of the production file.
 *
 * <pre>
 * java -cp spark-relay-simulator.jar io.sparkrelay.simulator.overlay.ManifestOverlayMain \
 *   deploy/argo/workflowtemplate.yaml deploy/local/overlay/workflowtemplate.yaml .run/workflowtemplate.yaml
 * </pre>
 */
public final class ManifestOverlayMain {

  private static final YAMLMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder().enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE).build());

  private ManifestOverlayMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ManifestOverlayMain MANIFEST_YAML OVERLAY_YAML OUTPUT_YAML");
      System.exit(2);
    }
    Path manifest = Path.of(args[0]);
    Path overlay = Path.of(args[1]);
    List<JsonNode> merged;
    try {
      merged = ManifestOverlay.apply(documents(manifest), documents(overlay));
    } catch (IllegalArgumentException e) {
      System.err.println(overlay + " does not apply to " + manifest + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    Files.writeString(
        Path.of(args[2]),
        "# "
            + manifest
            + " with "
            + overlay
            + " added (ManifestOverlayMain): edit those, not this file.\n"
            + yaml(merged));
  }

  /** The documents of a YAML file, empty ones left out. */
  public static List<JsonNode> documents(Path file) throws IOException {
    try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
      return values.readAll().stream()
          .filter(d -> d != null && !d.isMissingNode() && !d.isNull())
          .toList();
    }
  }

  /** {@code documents} as YAML, each after a {@code ---} line. */
  static String yaml(List<JsonNode> documents) throws IOException {
    StringWriter out = new StringWriter();
    try (SequenceWriter writer = YAML.writer().writeValues(out)) {
      writer.writeAll(documents);
    }
    return out.toString();
  }
}
