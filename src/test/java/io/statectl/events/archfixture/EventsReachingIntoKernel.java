package io.statectl.events.archfixture;

/** A deliberate violation for ModuleBoundaryViolationsTest: the event log naming a kernel class. Never loaded. */
public final class EventsReachingIntoKernel {
  io.statectl.kernel.store.Store store;
}
