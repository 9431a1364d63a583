package io.sparkrelay.launcher.kube;

/** How a create ended when the Workflow exists afterwards. */
public enum CreateResult {
  /** This call created it. */
  CREATED,
  /** It was there already, for the same run: an earlier delivery created it. */
  ALREADY_EXISTED
}
