package io.statectl.kernel.activation;

/** What to do with a file statectl does not own that stands where a managed file goes. */
public enum BackupPolicy {
  /** Refuse the whole activation before changing anything. */
  REFUSE,
  /** Save its content into the store (recorded as an event), then replace it. */
  BACK_UP
}
