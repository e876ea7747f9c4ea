package io.statectl.plugins.home;

import io.statectl.api.Platform;
import io.statectl.api.SourceLocation;
import io.statectl.api.activation.ActivationEntry;
import io.statectl.api.activation.FileContent;
import io.statectl.api.activation.FileMode;
import io.statectl.api.activation.HomeFile;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigFloat;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigSources;
import io.statectl.api.module.ModuleContext;
import io.statectl.api.module.ModuleContribution;
import io.statectl.api.module.SourceResolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Fixture builders: configuration values as the kernel hands them to modules (each with its own
 * line, so tests can check that problems point at the right definition), and a ModuleContext.
 */
final class Configs {
  private static final AtomicInteger LINE = new AtomicInteger(1);

  private Configs() {}

  static SourceLocation at() {
    return new SourceLocation("hosts/laptop.toml", LINE.getAndIncrement(), 1);
  }

  static ConfigString str(String s) {
    return new ConfigString(s, at());
  }

  static ConfigBool bool(boolean b) {
    return new ConfigBool(b, at());
  }

  static ConfigInt integer(long i) {
    return new ConfigInt(i, at());
  }

  static ConfigFloat floating(double d) {
    return new ConfigFloat(d, at());
  }

  static ConfigList list(ConfigValue... items) {
    return new ConfigList(Arrays.asList(items), at());
  }

  static ConfigList strings(String... items) {
    return new ConfigList(Arrays.stream(items).map(s -> (ConfigValue) str(s)).toList(), at());
  }

  /** {@code table("a", v1, "b", v2)}; keys keep this order. */
  static ConfigTable table(Object... keysAndValues) {
    Map<String, ConfigValue> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], (ConfigValue) keysAndValues[i + 1]);
    }
    return new ConfigTable(m, at());
  }

  /** A context for one module: its own value, and the other options it may read by path. */
  static ModuleContext context(ConfigValue config, Map<String, ConfigValue> options) {
    Map<String, ConfigValue> others = new HashMap<>(options);
    return new ModuleContext() {
      @Override
      public Optional<ConfigValue> config() {
        return Optional.ofNullable(config);
      }

      @Override
      public Platform platform() {
        return Platform.X86_64_LINUX;
      }

      @Override
      public String host() {
        return "laptop";
      }

      @Override
      public ConfigSources sources() {
        return (writtenAt, path) -> new SourceResolution.Missing(path);
      }

      @Override
      public Optional<ConfigValue> option(String path) {
        return Optional.ofNullable(others.get(path));
      }
    };
  }

  static ModuleContext context(ConfigValue config) {
    return context(config, Map.of());
  }

  /** The generated files of a contribution, target → text. */
  static Map<String, String> texts(ModuleContribution c) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ActivationEntry e : c.entries()) {
      if (e instanceof HomeFile f && f.content() instanceof FileContent.Text t) {
        out.put(f.target(), t.text());
      }
    }
    return out;
  }

  static String problems(ModuleContribution c) {
    return c.problems().stream().map(Object::toString).collect(Collectors.joining("\n"));
  }

  /** Writes the text files of contributions under {@code home}, as activation would link them. */
  static void layOut(Path home, ModuleContribution... contributions) throws IOException {
    for (ModuleContribution c : contributions) {
      for (ActivationEntry e : c.entries()) {
        if (e instanceof HomeFile f && f.content() instanceof FileContent.Text t) {
          Path p = home.resolve(f.target());
          Files.createDirectories(p.getParent());
          Files.writeString(p, t.text());
          if (f.mode() == FileMode.EXECUTABLE) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
    }
  }

  /** The result of running a program. */
  record Run(int exit, String out, String err) {}

  /** Runs {@code command} with exactly {@code env} as its environment, stdin closed. */
  static Run run(Map<String, String> env, Path dir, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  static List<String> lines(String text) {
    return new ArrayList<>(text.lines().toList());
  }
}
