package io.sparkrelay.launcher.service;

import io.sparkrelay.launcher.rules.EventRefusedException;

/** A refusal for the event's age alone, counted apart so that a replay can be alerted on. */
final class EventTooOldException extends EventRefusedException {

  EventTooOldException(String message) {
    super(message);
  }
}
