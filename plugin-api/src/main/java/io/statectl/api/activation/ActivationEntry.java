package io.statectl.api.activation;

import io.statectl.api.SourceLocation;

/**
 * One thing activation makes true on the live machine. A closed family: the kernel switches over
 * it exhaustively, and a new kind is an API change.
 *
 * <p>Which profile an entry lands in: when a module contributes a {@link UserProfile}, every
 * home-scoped entry ({@link HomeFile}, {@link HomeDirectory}, the user profile itself and {@link
 * ManagedSetting}s of {@link ManagedSetting.Scope#USER}) belongs to the profile {@code
 * home-<username>}, activated into the home and rolled back on its own; {@link RootFile}s and
 * system-scoped settings belong to the profile {@code system}. Without a user profile everything
 * belongs to {@code system}.
 *
 * @since 0.1
 */
public sealed interface ActivationEntry permits HomeFile, HomeDirectory, RootFile, UserProfile, ManagedSetting {

  /** Where the configuration asked for this entry, for collision and error messages. */
  SourceLocation definedAt();
}
