package io.statectl.plugins.darwin;

import io.statectl.api.activation.ManagedSetting;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code darwin.defaults.<domain>.<key> = value}: one {@link ManagedSetting} per key, written with
 * {@code defaults write} and deleted with {@code defaults delete} when a later generation drops it.
 * A domain under {@code /Library/} is the machine's (system profile); any other domain the user's.
 */
final class DefaultsSettings {
  private static final String DEFAULTS = "/usr/bin/defaults";

  private DefaultsSettings() {}

  static List<ManagedSetting> read(ConfigTable domains, List<ConfigProblem> problems) {
    List<ManagedSetting> out = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> d : domains.entries().entrySet()) {
      String domain = d.getKey();
      ConfigTable keys = (ConfigTable) d.getValue();
      if (!isOneLine(domain)) {
        problems.add(new ConfigProblem(keys.location(), "darwin.defaults: \"" + domain + "\" is not a defaults domain",
            "name a domain such as \"com.apple.dock\", \"NSGlobalDomain\" or \"/Library/Preferences/com.apple.alf\""));
        continue;
      }
      for (Map.Entry<String, ConfigValue> k : keys.entries().entrySet()) {
        String option = "darwin.defaults.\"" + domain + "\".\"" + k.getKey() + "\"";
        if (!isOneLine(k.getKey())) {
          problems.add(new ConfigProblem(k.getValue().location(), option + ": a defaults key is one non-empty line",
              "remove the line break"));
          continue;
        }
        DefaultsValue.of(option, k.getValue(), problems).ifPresent(v -> out.add(setting(domain, k.getKey(), v, k.getValue())));
      }
    }
    return out;
  }

  /** {@code defaults:<domain>:<key>}: stable whatever the value, so a changed value re-applies. */
  static String settingId(String domain, String key) {
    return "defaults:" + domain + ":" + key;
  }

  static ManagedSetting.Scope scope(String domain) {
    return domain.startsWith("/Library/") ? ManagedSetting.Scope.SYSTEM : ManagedSetting.Scope.USER;
  }

  private static ManagedSetting setting(String domain, String key, DefaultsValue value, ConfigValue at) {
    List<String> write = new ArrayList<>(List.of(DEFAULTS, "write", domain, key));
    write.addAll(value.arguments());
    return new ManagedSetting(settingId(domain, key), scope(domain), DarwinModule.FAMILY, value.state(),
        List.of(write), List.of(List.of(DEFAULTS, "delete", domain, key)), at.location());
  }

  private static boolean isOneLine(String s) {
    return !s.isBlank() && !s.contains("\n") && !s.contains("\r");
  }
}
