package io.statectl.api.activation;

import io.statectl.api.SourceLocation;

/**
 * One thing activation makes true on the live machine. A closed family: the kernel switches over
 * it exhaustively, and a new kind is an API change.
 *
 * @since 0.1
 */
public sealed interface ActivationEntry permits HomeFile {

  /** Where the configuration asked for this entry, for collision and error messages. */
  SourceLocation definedAt();
}
