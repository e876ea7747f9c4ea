package io.statectl.api.activation;

/** @since 0.1 */
public enum FileMode {
  REGULAR,
  EXECUTABLE
}
