package io.statectl.shell.archfixture;

/** A deliberate violation for ModuleBoundaryViolationsTest: the shell naming a plugin class instead of loading it through PF4J. Never loaded. */
public final class ShellNamingAPlugin {
  io.statectl.plugins.home.HomeModule home;
}
