package io.sparkrelay.standin.apiserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stand-in's static token file: one {@code token username [group,group...]} per line, fields
 * separated by spaces or tabs, {@code #} starting a comment. kube-apiserver's own {@code
 * --token-auth-file} is CSV; this is the same mapping in a form a shell script writes easily. The
 * optional third field adds groups (e.g. {@code system:masters} for an admin client).
 */
public final class BearerTokens {

  private final Map<String, Identity> identities;

  private BearerTokens(Map<String, Identity> identities) {
    this.identities = Map.copyOf(identities);
  }

  public static BearerTokens load(Path file) throws IOException {
    return parse(Files.readString(file), file.toString());
  }

  /** Parses the file's text; {@code source} names it in errors. Tokens never appear in errors. */
  public static BearerTokens parse(String text, String source) {
    Map<String, Identity> identities = new HashMap<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      List<String> fields = fields(lines.get(i));
      if (fields.isEmpty()) {
        continue;
      }
      String where = source + ":" + (i + 1);
      if (fields.size() < 2 || fields.size() > 3) {
        throw new IllegalArgumentException(where + ": expected 'token username [groups]'");
      }
      List<String> groups =
          fields.size() == 3 ? Arrays.asList(fields.get(2).split(",")) : List.<String>of();
      if (identities.put(fields.get(0), Identity.authenticated(fields.get(1), groups)) != null) {
        throw new IllegalArgumentException(where + ": this token is given twice");
      }
    }
    return new BearerTokens(identities);
  }

  public Optional<Identity> identify(String token) {
    return Optional.ofNullable(identities.get(token));
  }

  private static List<String> fields(String line) {
    List<String> fields = Arrays.stream(line.strip().split("[ \t]+")).toList();
    int comment = 0;
    while (comment < fields.size() && !fields.get(comment).startsWith("#")) {
      comment++;
    }
    return fields.subList(0, comment).stream().filter(f -> !f.isEmpty()).toList();
  }
}
