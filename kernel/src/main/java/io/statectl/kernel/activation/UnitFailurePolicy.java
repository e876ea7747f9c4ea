package io.statectl.kernel.activation;

/** What an activation does when units fail to come up: stay on the new generation, or go back to the previous one. */
public enum UnitFailurePolicy {
  STAY,
  ROLL_BACK
}
