package io.sparkrelay.launcher.nats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Says in plain words why Jackson refused a document, without its source excerpt. */
final class JsonProblems {

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
  private static final int MAX_DETAIL = 120;

  private JsonProblems() {}

  static String describe(Throwable e) {
    if (e instanceof StreamConstraintsException
        && String.valueOf(e.getMessage()).contains("depth")) {
      return "nested deeper than " + IncomingEventParser.MAX_NESTING_DEPTH + " levels";
    }
    String original =
        e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    original = firstLine(String.valueOf(original));
    Matcher duplicate = DUPLICATE.matcher(original);
    if (duplicate.find()) {
      return "the key '" + abbreviate(duplicate.group(1), 40) + "' appears twice";
    }
    if (e instanceof MismatchedInputException && original.startsWith("Trailing token")) {
      return "text after the JSON value";
    }
    return abbreviate(original, MAX_DETAIL);
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }
}
