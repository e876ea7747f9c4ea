package io.statectl.kernel.plugins;

import java.util.Objects;

/**
 * What a plugin jar says about itself in its manifest: PF4J's {@code Plugin-Id},
 * {@code Plugin-Version}, {@code Plugin-Requires} (a range of plugin-api versions) and
 * {@code Plugin-Description}, plus statectl's {@code Plugin-Namespace}: the only option
 * namespace its modules may declare (defaults to the plugin id).
 */
public record PluginDescriptorInfo(String id, String version, String requires, String description, String namespace) {
  public PluginDescriptorInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(requires, "requires");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(namespace, "namespace");
  }

  /** Whether a module namespace lies inside this plugin's declared namespace. */
  public boolean owns(String moduleNamespace) {
    for (String ns : namespaces()) {
      if (moduleNamespace.equals(ns) || moduleNamespace.startsWith(ns + ".")) {
        return true;
      }
    }
    return false;
  }

  /** {@code Plugin-Namespace} may list several, comma-separated (e.g. {@code "home, programs"}). */
  public java.util.List<String> namespaces() {
    return java.util.Arrays.stream(namespace.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
