package io.sparkrelay.standin.apiserver;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * One field error as kube-apiserver reports it ({@code k8s.io/apimachinery/pkg/util/validation/
 * field.Error}): {@code reason} is the cause type of the Status, {@code body} what {@code
 * ErrorBody()} prints, values formatted as Go's {@code fmt} does.
 */
record SchemaFieldError(String reason, String field, String body) {

  static SchemaFieldError required(String field) {
    return new SchemaFieldError("FieldValueRequired", field, "Required value");
  }

  static SchemaFieldError notSupported(String field, JsonNode value, List<String> supported) {
    String detail =
        supported.isEmpty()
            ? ""
            : ": supported values: "
                + supported.stream().map(SchemaFieldError::quote).collect(Collectors.joining(", "));
    return new SchemaFieldError(
        "FieldValueNotSupported", field, "Unsupported value: " + value(value) + detail);
  }

  /** A wrong type: the bad value kube prints is the name of the type found, e.g. "string". */
  static SchemaFieldError typeInvalid(String field, String badValue, String detail) {
    return new SchemaFieldError(
        "FieldValueTypeInvalid", field, "Invalid value: " + quote(badValue) + ": " + detail);
  }

  static SchemaFieldError invalid(String field, JsonNode value, String detail) {
    return new SchemaFieldError(
        "FieldValueInvalid", field, "Invalid value: " + value(value) + ": " + detail);
  }

  static SchemaFieldError invalidCount(String field, int count, String detail) {
    return new SchemaFieldError(
        "FieldValueInvalid", field, "Invalid value: " + count + ": " + detail);
  }

  static SchemaFieldError tooLong(String field, int maxLength) {
    return new SchemaFieldError(
        "FieldValueTooLong", field, "Too long: may not be longer than " + maxLength);
  }

  static SchemaFieldError tooMany(String field, int actual, int max) {
    return new SchemaFieldError(
        "FieldValueTooMany",
        field,
        "Too many: " + actual + ": must have at most " + max + " items");
  }

  /** {@code field.Error.Error()}: the field, then the body. */
  @Override
  public String toString() {
    return field + ": " + body;
  }

  /** A bad value as {@code ErrorBody} prints it: %q for strings, %v for numbers and booleans. */
  static String value(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "null";
    }
    if (value.isString()) {
      return quote(value.asString());
    }
    if (value.isNumber() || value.isBoolean()) {
      return scalar(value);
    }
    return goSyntax(value);
  }

  /** Go's %v of a JSON scalar: integers as int64, other numbers as float64 ('g', shortest). */
  static String scalar(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    if (value.isNumber()) {
      return goFloat(value.doubleValue());
    }
    return value.asString();
  }

  /** Go's %v of a float64 ('g', shortest): exponent form below 1e-4 and from 1e6 on. */
  static String goFloat(double number) {
    if (number == 0) {
      return "0";
    }
    BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(number))).stripTrailingZeros();
    String digits = decimal.unscaledValue().toString();
    int exponent = digits.length() - 1 - decimal.scale();
    String sign = number < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 6) {
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      int magnitude = Math.abs(exponent);
      return sign
          + mantissa
          + "e"
          + (exponent < 0 ? "-" : "+")
          + (magnitude < 10 ? "0" : "")
          + magnitude;
    }
    return sign + decimal.toPlainString();
  }

  /** Go's strconv.Quote: double quotes, backslash escapes for quotes and control characters. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                  if (c < 0x20 || c == 0x7f) {
                    quoted.append(String.format("\\x%02x", c));
                  } else {
                    quoted.appendCodePoint(c);
                  }
                }
              }
            });
    return quoted.append('"').toString();
  }

  /** Go's %#v of a decoded JSON object or array, as kube prints a bad value it cannot quote. */
  private static String goSyntax(JsonNode value) {
    if (value.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      value.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
      List<String> entries = new ArrayList<>();
      sorted.forEach((key, item) -> entries.add(quote(key) + ":" + goSyntaxItem(item)));
      return "map[string]interface {}{" + String.join(", ", entries) + "}";
    }
    List<String> items = new ArrayList<>();
    value.forEach(item -> items.add(goSyntaxItem(item)));
    return "[]interface {}{" + String.join(", ", items) + "}";
  }

  private static String goSyntaxItem(JsonNode item) {
    if (item.isNull()) {
      return "interface {}(nil)";
    }
    return item.isContainer() ? goSyntax(item) : value(item);
  }
}
