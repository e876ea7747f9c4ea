package io.statectl.plugins.home;

import io.statectl.api.Platform;

/** Where this plugin puts things in the home, shared by the home module and the programs. */
final class HomeLayout {
  /** The user profile's link, relative to the home; its {@code bin} goes first on PATH. */
  static final String PROFILE_LINK = ".statectl-profile";
  /** The generated POSIX-sh session file that shells source. */
  static final String SESSION_VARS = ".config/statectl/session-vars.sh";
  /** The variable that keeps the session file from running twice in one process tree. */
  static final String GUARD = "__STATECTL_SESS_VARS_SOURCED";

  private HomeLayout() {}

  /** The conventional home of {@code username} on {@code platform}, for when home.directory is empty. */
  static String defaultHome(String username, Platform platform) {
    return (platform.isDarwin() ? "/Users/" : "/home/") + username;
  }
}
