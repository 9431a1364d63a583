package io.sparkrelay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory, as /proc reports it. */
final class ProcessRss {

  private ProcessRss() {}

  /** VmRSS of {@code pid} in whole MB, or "n/a" where /proc cannot tell (not Linux, gone). */
  static String megabytes(long pid) {
    long kilobytes = kilobytes(pid);
    return kilobytes < 0 ? "n/a" : Long.toString(kilobytes / 1024);
  }

  /** VmRSS of {@code pid} in kB, or -1 where /proc cannot tell (not Linux, gone). */
  static long kilobytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }
}
