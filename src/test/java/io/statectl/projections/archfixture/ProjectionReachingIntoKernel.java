package io.statectl.projections.archfixture;

/** A deliberate violation for ModuleBoundaryViolationsTest: a read model naming a kernel class. Never loaded. */
public final class ProjectionReachingIntoKernel {
  io.statectl.kernel.store.Store store;
}
