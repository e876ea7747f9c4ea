package io.statectl.shell.engine.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import io.statectl.events.EventJson;
import io.statectl.kernel.config.DirectoryConfigFileSystem;
import io.statectl.kernel.eval.ConfigInvalidException;
import io.statectl.kernel.eval.DeclaredOption;
import io.statectl.kernel.eval.Definition;
import io.statectl.kernel.eval.EvaluatedValues;
import io.statectl.kernel.eval.Evaluation;
import io.statectl.kernel.eval.Evaluator;
import io.statectl.kernel.eval.ModuleRegistry;
import io.statectl.kernel.eval.OptionPaths;
import io.statectl.kernel.eval.OptionTrace;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code statectl options}, {@code eval} and {@code check}: the module system, read-only. */
public final class OptionsHandler {
  private final Output out;
  private final PhaseTimer timer;
  private final ObjectMapper json = EventJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public OptionsHandler(Output out, PhaseTimer timer) {
    this.out = out;
    this.timer = timer;
  }

  public int options(Request.Options r, ModuleRegistry modules) {
    String q = r.query().toLowerCase(Locale.ROOT);
    List<DeclaredOption> all = new Evaluator(modules).schema().flatten().stream()
        .filter(o -> q.isEmpty() || o.path().toLowerCase(Locale.ROOT).contains(q)
            || o.declaration().description().toLowerCase(Locale.ROOT).contains(q))
        .toList();
    switch (r.format()) {
      case JSON -> {
        ArrayNode arr = json.createArrayNode();
        for (DeclaredOption o : all) {
          ObjectNode n = arr.addObject();
          n.put("name", o.path());
          n.put("type", o.declaration().type().describe());
          o.declaration().defaultValue().ifPresent(d -> n.put("default", EvaluatedValues.render(d)));
          n.put("required", o.declaration().presence() == io.statectl.api.option.OptionDecl.Presence.REQUIRED);
          n.put("description", o.declaration().description());
          o.declaration().example().ifPresent(e -> n.put("example", e));
          n.put("module", o.module());
        }
        print(arr);
      }
      case MARKDOWN -> OptionsMarkdown.render(all).lines().forEach(out::result);
      case TEXT -> {
        if (all.isEmpty()) {
          out.result("no option matches '" + r.query() + "'");
        }
        for (DeclaredOption o : all) {
          out.result(o.path());
          out.result("    type:        " + o.declaration().type().describe());
          o.declaration().defaultValue().ifPresent(d -> out.result("    default:     " + EvaluatedValues.render(d)));
          if (o.declaration().presence() == io.statectl.api.option.OptionDecl.Presence.REQUIRED) {
            out.result("    required:    yes");
          }
          out.result("    description: " + o.declaration().description());
          o.declaration().example().ifPresent(e -> out.result("    example:     " + e));
          out.result("    declared by: " + o.module());
        }
      }
    }
    return 0;
  }

  public int eval(Request.Eval r, ModuleRegistry modules) {
    Evaluation.Success s = ConfigEvaluation.success(evaluate(modules, r.state(), r.config(), r.host(), r.platform()));
    List<String> keys = OptionPaths.parse(r.option()).orElseThrow(() -> new UsageException(
        "'" + r.option() + "' is not an option path", "write it like system.hostname or files.\".gitconfig\".source"));
    String path = OptionPaths.join(keys);
    Optional<ConfigValue> value = EvaluatedValues.at(s.config(), keys);
    if (value.isEmpty()) {
      List<String> known = new ArrayList<>(s.traces().keySet());
      throw new UsageException("option " + path + " has no value for host " + s.host(),
          io.statectl.api.module.Suggestions.closest(path, known).map(x -> "did you mean " + x + "?")
              .orElse("`statectl options` lists the options"));
    }
    List<OptionTrace> traces = s.traces().values().stream()
        .filter(t -> t.path().equals(path) || t.path().startsWith(path + ".") || t.path().startsWith(path + "["))
        .toList();
    if (r.format() == Request.Format.JSON) {
      ObjectNode n = json.createObjectNode();
      n.put("option", path);
      n.put("host", s.host());
      n.put("platform", s.platform().id());
      n.set("value", EvaluatedValues.toJson(value.get(), json));
      ArrayNode defs = n.putArray("definitions");
      for (OptionTrace t : traces) {
        for (Definition d : t.definitions()) {
          ObjectNode dn = defs.addObject();
          dn.put("option", t.path());
          dn.put("location", d.value().location().toString());
          dn.put("priority", d.priority().label());
          dn.put("used", t.used(d));
          dn.put("value", EvaluatedValues.render(d.value()));
        }
      }
      print(n);
      return 0;
    }
    // A secret shows as what it is, never as content (it has none here: only the .age file's name).
    Optional<String> secret = keys.size() == 2 && keys.get(0).equals(io.statectl.kernel.secrets.SecretsConfig.NAMESPACE)
        ? io.statectl.kernel.secrets.SecretsConfig.of(s.config()).secrets().stream()
            .filter(d -> d.name().equals(keys.get(1))).map(io.statectl.kernel.secrets.SecretDeclaration::describe)
            .findFirst()
        : keys.size() == 3 && keys.get(0).equals("home") && keys.get(1).equals(io.statectl.kernel.secrets.SecretsConfig.NAMESPACE)
            ? io.statectl.kernel.secrets.SecretsConfig.homeOf(s.config()).secrets().stream()
                .filter(d -> d.name().equals(keys.get(2))).map(io.statectl.kernel.secrets.SecretDeclaration::describe)
                .findFirst()
            : Optional.empty();
    out.result(path + " = " + secret.orElseGet(() -> EvaluatedValues.render(value.get())));
    out.result("  (host " + s.host() + ", platform " + s.platform().id() + ")");
    for (OptionTrace t : traces) {
      out.result("defined" + (t.path().equals(path) ? "" : " for " + t.path()) + ":");
      for (Definition d : t.definitions()) {
        out.result(String.format("  %s %-28s %-15s %s", t.used(d) ? "*" : " ", d.value().location(),
            d.priority().label(), EvaluatedValues.render(d.value())));
      }
    }
    return 0;
  }

  public int check(Request.Check r, ModuleRegistry modules) {
    List<String> hosts = r.hosts().isEmpty() ? new DirectoryConfigFileSystem(r.config()).hosts() : r.hosts();
    if (hosts.isEmpty()) {
      throw new UsageException("no hosts in " + r.config().toAbsolutePath(), "create hosts/<name>.toml");
    }
    List<ConfigProblem> problems = new ArrayList<>();
    List<io.statectl.kernel.secrets.SecretUnavailableException> secrets = new ArrayList<>();
    for (String host : hosts) {
      Evaluation e = evaluate(modules, r.state(), r.config(), host, r.platform());
      if (e instanceof Evaluation.Failure f) {
        for (ConfigProblem p : f.problems()) {
          if (!problems.contains(p)) {
            problems.add(p);
          }
        }
      } else {
        Evaluation.Success s = (Evaluation.Success) e;
        out.result("ok: host " + host + " (" + s.platform().id() + "): " + s.entries().size() + " entries");
        try {
          io.statectl.kernel.secrets.SecretsPreflight.checkIfThisHost(s,
              r.root().map(x -> x.toAbsolutePath().normalize()).orElse(Path.of("/"))).ifPresent(n -> out.result("  " + n));
        } catch (io.statectl.kernel.secrets.SecretUnavailableException x) {
          secrets.add(x);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigInvalidException(problems);
    }
    if (!secrets.isEmpty()) {
      List<String> lines = new ArrayList<>();
      secrets.forEach(x -> lines.addAll(x.problems()));
      throw new io.statectl.kernel.secrets.SecretUnavailableException(lines, secrets.get(0).code());
    }
    return 0;
  }

  private Evaluation evaluate(ModuleRegistry modules, io.statectl.kernel.state.StateDirectory state, Path config,
      String host, Optional<io.statectl.api.Platform> platform) {
    return ConfigEvaluation.evaluate(modules, ConfigEvaluation.directory(config), host, platform, timer, state, out);
  }

  private void print(Object node) {
    try {
      out.result(json.writeValueAsString(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
