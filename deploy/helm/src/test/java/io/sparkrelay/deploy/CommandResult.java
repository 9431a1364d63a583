package io.sparkrelay.deploy;

/** What an external program (helm, promtool) printed and how it ended. */
public record CommandResult(int exitCode, String stdout, String stderr) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  public String describe() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
  }
}
