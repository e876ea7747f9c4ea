package io.statectl.kernel.store;

/** Whether a single stored file is executable (mode 0555) or not (0444). */
public enum EntryMode {
  REGULAR,
  EXECUTABLE
}
