package io.sparkrelay.contract;

import java.util.regex.Pattern;

/** What Kubernetes accepts as a name and as a label value. */
public final class KubernetesNames {

  /** Longest DNS-1123 label and label value. */
  public static final int MAX_LENGTH = 63;

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

  private KubernetesNames() {}

  /** A DNS-1123 label: lowercase alphanumerics and '-', at most 63 characters. */
  public static boolean isDnsLabel(String value) {
    return value.length() <= MAX_LENGTH && DNS_LABEL.matcher(value).matches();
  }

  /** A label value: at most 63 characters, alphanumerics at both ends, '-', '_' and '.' inside. */
  public static boolean isLabelValue(String value) {
    return value.length() <= MAX_LENGTH && LABEL_VALUE.matcher(value).matches();
  }

  /** The name part of a label key (after the prefix and '/'). */
  public static boolean isLabelName(String value) {
    return !value.isEmpty() && isLabelValue(value);
  }
}
