package io.statectl.client.archfixture;

/** A deliberate violation for ModuleBoundaryViolationsTest: the thin client naming a non-JDK class. Never loaded. */
public final class ClientUsingPluginApi {
  io.statectl.api.Platform platform;
}
