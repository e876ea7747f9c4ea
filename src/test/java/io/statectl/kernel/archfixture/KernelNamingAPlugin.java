package io.statectl.kernel.archfixture;

/** A deliberate violation for ModuleBoundaryViolationsTest: the kernel naming a concrete plugin and the client. Never loaded. */
public final class KernelNamingAPlugin {
  io.statectl.plugins.dotfiles.FilesModule files;
  io.statectl.client.Client client;
}
