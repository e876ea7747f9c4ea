package io.statectl.shell.engine.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.inspect.StoreQueries;
import io.statectl.shell.engine.session.StateSession;
import java.util.List;
import java.util.Optional;

/** {@code statectl store roots} and {@code statectl store why-alive PATH}: what keeps the store's paths. */
public final class RootsHandler {
  private final Output out;
  private final PhaseTimer timer;

  public RootsHandler(Output out, PhaseTimer timer) {
    this.out = out;
    this.timer = timer;
  }

  public int roots(Request.ListRoots r) {
    if (!r.state().exists()) {
      out.result("no roots: no state at " + r.state().root());
      return 0;
    }
    try (StateSession s = new StateSession(r.state(), timer)) {
      Store store = s.store();
      List<StoreRoots.Root> roots = StoreRoots.collect(s, StoreRoots.Deleting.nothing());
      if (r.format() == Request.Format.JSON) {
        ObjectMapper json = new ObjectMapper();
        ArrayNode all = json.createArrayNode();
        roots.forEach(x -> all.addObject().put("path", store.toFile(x.path()).toString()).put("holder", x.holder())
            .put("valid", store.isValid(x.path())));
        out.result(all.toString());
        return 0;
      }
      StringBuilder lines = new StringBuilder();
      for (StoreRoots.Root x : roots) {
        lines.append(lines.length() == 0 ? "" : "\n").append(store.toFile(x.path())).append("  <- ").append(x.holder())
            .append(store.isValid(x.path()) ? "" : "  (not valid)");
      }
      out.result(lines.length() == 0 ? "no roots" : lines.toString());
      return 0;
    }
  }

  public int whyAlive(Request.WhyAlive r) {
    try (StateSession s = new StateSession(r.state(), timer)) {
      Store store = s.store();
      StorePath target = StoreQueries.parse(store, r.path());
      if (!store.isValid(target)) {
        out.message("error[" + ErrorCode.PATH_NOT_ALIVE.id() + "]: " + store.toFile(target) + " is not a valid path"
            + "\n  hint: `statectl store verify` lists what is on disk but not registered");
        return ErrorCode.PATH_NOT_ALIVE.exitCode();
      }
      List<StoreRoots.Root> roots = StoreRoots.collect(s, StoreRoots.Deleting.nothing());
      Optional<List<StorePath>> chain = StoreRoots.chain(store, roots, target);
      if (chain.isEmpty()) {
        out.message("error[" + ErrorCode.PATH_NOT_ALIVE.id() + "]: no root reaches " + store.toFile(target)
            + "; the next `statectl gc` deletes it\n  hint: `statectl store roots` lists every root");
        return ErrorCode.PATH_NOT_ALIVE.exitCode();
      }
      StorePath root = chain.get().get(0);
      StringBuilder lines = new StringBuilder();
      roots.stream().filter(x -> x.path().equals(root)).forEach(x -> lines.append("root: ").append(x.holder()).append('\n'));
      String indent = "";
      for (StorePath p : chain.get()) {
        lines.append(indent.isEmpty() ? "" : indent + "└─ ").append(store.toFile(p)).append('\n');
        indent += "   ";
      }
      lines.setLength(lines.length() - 1);
      out.result(lines.toString());
      return 0;
    }
  }
}
