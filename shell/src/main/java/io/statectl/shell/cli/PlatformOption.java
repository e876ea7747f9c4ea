package io.statectl.shell.cli;

import io.statectl.api.Platform;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --platform}: evaluate as if on another platform (e.g. a Mac's configuration on Linux). */
public final class PlatformOption {
  @Option(names = "--platform", paramLabel = "PLATFORM", converter = PlatformOption.Converter.class,
      description = "Evaluate for this platform: x86_64-linux, aarch64-linux, x86_64-darwin, aarch64-darwin "
          + "(default: system.platform of the host, else this machine's).")
  Platform platform;

  Optional<Platform> platform() {
    return Optional.ofNullable(platform);
  }

  static final class Converter implements CommandLine.ITypeConverter<Platform> {
    @Override
    public Platform convert(String value) {
      return Platform.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
          "unknown platform '" + value + "'; use one of " + String.join(", ", Platform.ids())));
    }
  }
}
