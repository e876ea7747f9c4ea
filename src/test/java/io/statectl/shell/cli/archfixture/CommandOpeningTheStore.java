package io.statectl.shell.cli.archfixture;

/** A deliberate violation for ModuleBoundaryViolationsTest: a CLI command opening the store itself. Never loaded. */
public final class CommandOpeningTheStore {
  io.statectl.kernel.store.Store store;
}
