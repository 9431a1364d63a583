package io.sparkrelay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory, as /proc reports it. */
final class ProcessRss {

  private ProcessRss() {}

  /** VmRSS of {@code pid} in whole MB, or "n/a" where /proc cannot tell (not Linux, gone). */
  static String megabytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.toString(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
        }
      }
    } catch (IOException e) {
      // not Linux, or the process is gone
    }
    return "n/a";
  }
}
