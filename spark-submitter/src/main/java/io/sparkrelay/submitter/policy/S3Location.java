package io.sparkrelay.submitter.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** S3 URIs found in text, compared whatever the Hadoop scheme (s3, s3a, s3n). */
final class S3Location {

  private static final Pattern URI = Pattern.compile("(?i)s3[an]?://[^\\s,;\"']*");
  private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

  private S3Location() {}

  /** Every S3 URI in {@code text}, e.g. both in {@code --in=s3a://a/x,s3://b/y}. */
  static List<String> findAll(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = URI.matcher(text);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  /** {@code s3://bucket/key} whatever the scheme was; the bucket lowercased. */
  static String normalize(String uri) {
    String rest = uri.substring(uri.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash);
    return "s3://" + bucket.toLowerCase(Locale.ROOT) + key;
  }

  /** Whether {@code uri} lies under one of {@code prefixes} (normalized), segment-wise. */
  static boolean isUnder(String uri, List<String> prefixes) {
    String location = normalize(uri);
    String path = location.substring("s3://".length());
    if (DOT_SEGMENT.matcher(path).find()) {
      return false; // s3a resolves ".." segments, which could climb out of the prefix
    }
    for (String prefix : prefixes) {
      if (location.equals(prefix)
          || (location.startsWith(prefix)
              && (prefix.endsWith("/") || location.charAt(prefix.length()) == '/'))) {
        return true;
      }
    }
    return false;
  }
}
