package io.statectl.plugins.darwin;

import io.statectl.api.SourceLocation;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ModuleContext;
import java.util.Optional;

/**
 * {@code ~/Applications/statectl}, a link to the home profile's {@code Applications}, so that the
 * {@code .app} bundles of {@code home.packages} appear where Launchpad and Spotlight look. Only for
 * a host with a home profile that has packages.
 */
final class ApplicationsLink {
  static final String TARGET = "Applications/statectl";
  /** Relative to the link's directory ({@code ~/Applications}): the profile linked at {@code ~/.statectl-profile}. */
  static final String LINK_TO = "../.statectl-profile/Applications";

  private ApplicationsLink() {}

  static Optional<HomeFile> of(ModuleContext context, SourceLocation definedAt) {
    boolean hasUser = context.option("home.username").filter(v -> v instanceof ConfigString s && !s.value().isBlank())
        .isPresent();
    boolean hasPackages = context.option("home.packages").filter(ApplicationsLink::nonEmpty).isPresent();
    if (!hasUser || !hasPackages) {
      return Optional.empty();
    }
    return Optional.of(new HomeFile(TARGET, new FileContent.SymbolicLink(LINK_TO), FileMode.REGULAR, definedAt));
  }

  private static boolean nonEmpty(ConfigValue v) {
    return v instanceof ConfigList l && !l.items().isEmpty() || v instanceof ConfigTable t && !t.entries().isEmpty();
  }
}
