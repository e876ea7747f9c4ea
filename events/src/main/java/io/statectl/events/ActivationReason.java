package io.statectl.events;

/** Why a generation was activated. */
public enum ActivationReason {
  APPLY,
  ROLLBACK,
  SWITCH
}
