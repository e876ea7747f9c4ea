package io.statectl.plugins.archfixture;

/** A deliberate violation for ModuleBoundaryViolationsTest: a plugin naming a kernel class. Never loaded. */
public final class PluginReachingIntoKernel {
  io.statectl.kernel.store.Store store;
}
