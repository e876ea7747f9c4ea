package io.statectl.events;

/** Why a generation was activated. */
public enum ActivationReason {
  APPLY,
  ROLLBACK,
  SWITCH,
  /** {@code statectl replay --apply}: back to the state at a point of history. */
  REPLAY,
  /** {@code statectl apply --repair}: the active generation again, after drift. */
  REPAIR,
  /** The boot-time activation of the generation the machine booted ({@code init}). */
  BOOT
}
