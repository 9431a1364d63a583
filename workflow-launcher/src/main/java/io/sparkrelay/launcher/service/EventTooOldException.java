package io.sparkrelay.launcher.service;

import io.sparkrelay.launcher.rules.EventRefusedException;
import io.sparkrelay.launcher.rules.RefusalCause;

/** A refusal for the event's age alone, counted apart so that a replay can be alerted on. */
final class EventTooOldException extends EventRefusedException {

  EventTooOldException(String message) {
    super(RefusalCause.TOO_OLD, message);
  }
}
