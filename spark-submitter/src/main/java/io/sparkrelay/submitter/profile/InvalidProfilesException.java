package io.sparkrelay.submitter.profile;

/** The profiles file cannot be used; the message says which profile and why. */
public class InvalidProfilesException extends RuntimeException {
  public InvalidProfilesException(String message) {
    super(message);
  }
}
