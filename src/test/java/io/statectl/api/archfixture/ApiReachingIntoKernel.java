package io.statectl.api.archfixture;

/** A deliberate violation for ModuleBoundaryViolationsTest: plugin-api naming a kernel class. Never loaded. */
public final class ApiReachingIntoKernel {
  io.statectl.kernel.store.StorePath path;
}
