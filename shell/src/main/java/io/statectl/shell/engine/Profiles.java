package io.statectl.shell.engine;

/** Profile names. Until home profiles arrive, one profile holds the whole configuration. */
final class Profiles {
  static final String SYSTEM = "system";

  private Profiles() {}
}
