package io.statectl.kernel.plugins;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.statectl.events.PluginInstalled;
import io.statectl.events.PluginRemoved;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** The installed plugins of a state directory, as an event-sourced aggregate (id {@code plugins}). */
public class PluginRegistryAggregate {
  public static final String ID = "plugins";

  @AggregateIdentifier
  private String registry;
  private final Map<String, String> installed = new HashMap<>();

  protected PluginRegistryAggregate() {
    // for Axon
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(InstallPlugin c) {
    String current = installed.get(c.id());
    if (current != null && !current.equals(c.version()) && c.intent() == InstallPlugin.Intent.INSTALL) {
      throw new PluginRejectedException(PluginRejectedException.Reason.DUPLICATE_ID, c.source(),
          "plugin " + c.id() + " is already installed in version " + current + "; refusing to install " + c.version()
              + " over it", "use `statectl plugin upgrade " + c.id() + " " + c.source() + "` to replace it on purpose");
    }
    apply(new PluginInstalled(c.registry(), c.id(), c.version(), c.sha256(), c.source(), c.storePath(), c.namespace()));
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  public void handle(RemovePlugin c) {
    String current = installed.get(c.id());
    if (current == null) {
      throw new PluginRejectedException(PluginRejectedException.Reason.NOT_INSTALLED, c.id(),
          "plugin " + c.id() + " is not installed", "`statectl plugin list` shows the installed plugins");
    }
    apply(new PluginRemoved(c.registry(), c.id(), current, c.forced()));
  }

  @EventSourcingHandler
  void on(PluginInstalled e) {
    registry = e.profile();
    installed.put(e.id(), e.version());
  }

  @EventSourcingHandler
  void on(PluginRemoved e) {
    registry = e.profile();
    installed.remove(e.id());
  }
}
