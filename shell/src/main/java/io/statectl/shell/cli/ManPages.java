package io.statectl.shell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.ErrorExplanations;
import io.statectl.kernel.state.StateDirectory;
import io.statectl.shell.engine.Engine;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes the man pages in roff, straight from the picocli model ({@code statectl.1}, one
 * {@code statectl-COMMAND.1} per visible command, nested ones as {@code statectl-a-b.1}) and from
 * the option declarations ({@code statectl-config.5}); run by the build, so a new command gets
 * its page without anyone writing one. Usage: {@code ManPages OUTDIR VERSION}.
 */
public final class ManPages {
  private ManPages() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    String version = args.length > 1 ? args[1] : "dev";
    Files.createDirectories(dir.resolve("man1"));
    Files.createDirectories(dir.resolve("man5"));
    CommandSpec root = Completer.model();
    List<String> pages = new ArrayList<>();
    write(root, "statectl", dir.resolve("man1"), version, pages);
    Files.writeString(dir.resolve("man5/statectl-config.5"), config(version));
  }

  private static void write(CommandSpec spec, String name, Path dir, String version, List<String> pages) throws IOException {
    Files.writeString(dir.resolve(name + ".1"), page(spec, name, version));
    pages.add(name);
    for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
      CommandSpec s = sub.getValue().getCommandSpec();
      if (s.usageMessage().hidden() || s.name().equals("help") || !sub.getKey().equals(s.name())) {
        continue;
      }
      write(s, name + "-" + s.name(), dir, version, pages);
    }
  }

  static String page(CommandSpec spec, String name, String version) {
    StringBuilder m = new StringBuilder();
    m.append(".TH ").append(name.toUpperCase(java.util.Locale.ROOT)).append(" 1 \"\" \"statectl ")
        .append(esc(version)).append("\" \"statectl manual\"\n");
    m.append(".SH NAME\n").append(esc(name)).append(" \\- ").append(esc(first(spec.usageMessage().description()))).append('\n');
    m.append(".SH SYNOPSIS\n.B ").append(esc(spec.qualifiedName(" "))).append('\n');
    if (!spec.options().isEmpty()) {
      m.append("[\\fIOPTIONS\\fR]\n");
    }
    if (!spec.subcommands().isEmpty()) {
      m.append("\\fICOMMAND\\fR\n");
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        m.append(p.arity().min() == 0 ? "[\\fI" + esc(p.paramLabel()) + "\\fR]" : "\\fI" + esc(p.paramLabel()) + "\\fR").append('\n');
      }
    }
    m.append(".SH DESCRIPTION\n");
    for (String d : spec.usageMessage().description()) {
      m.append(".PP\n").append(esc(d)).append('\n');
    }
    if (!spec.positionalParameters().isEmpty()) {
      m.append(".SH ARGUMENTS\n");
      for (PositionalParamSpec p : spec.positionalParameters()) {
        m.append(".TP\n.I ").append(esc(p.paramLabel())).append('\n').append(esc(String.join(" ", p.description()))).append('\n');
      }
    }
    if (!spec.options().isEmpty()) {
      m.append(".SH OPTIONS\n");
      for (OptionSpec o : spec.options()) {
        if (o.hidden()) {
          continue;
        }
        m.append(".TP\n.B ").append(esc(String.join(", ", o.names())));
        if (o.arity().max() > 0 && o.type() != boolean.class) {
          m.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
        }
        m.append('\n').append(esc(String.join(" ", o.description()))).append('\n');
      }
    }
    List<String> subs = new ArrayList<>();
    spec.subcommands().forEach((k, v) -> {
      if (!v.getCommandSpec().usageMessage().hidden() && k.equals(v.getCommandSpec().name()) && !k.equals("help")) {
        subs.add(k);
      }
    });
    if (!subs.isEmpty()) {
      m.append(".SH COMMANDS\n");
      for (String k : subs) {
        m.append(".TP\n.B ").append(esc(k)).append('\n')
            .append(esc(first(spec.subcommands().get(k).getCommandSpec().usageMessage().description())))
            .append(" See \\fB").append(esc(name + "-" + k)).append("\\fR(1).\n");
      }
    }
    if (spec.parent() == null) {
      m.append(".SH EXIT STATUS\n");
      ErrorExplanations all = ErrorExplanations.bundled();
      m.append(".TP\n.B 0\nsuccess (including: nothing to change)\n");
      for (ErrorCode c : ErrorCode.values()) {
        m.append(".TP\n.B ").append(c.exitCode()).append(" (").append(esc(c.id())).append(")\n").append(esc(c.meaning()));
        all.of(c).ifPresent(e -> m.append(". Fix: ").append(esc(e.fix())));
        m.append('\n');
      }
      m.append(".PP\n\\fBstatectl explain\\fR \\fICODE\\fR prints the typical cause and the fix of a code.\n");
    }
    m.append(".SH SEE ALSO\n");
    m.append(spec.parent() == null ? "\\fBstatectl-config\\fR(5)\n" : "\\fBstatectl\\fR(1), \\fBstatectl-config\\fR(5)\n");
    return m.toString();
  }

  /** statectl-config.5: every declared option, from the same declarations as {@code statectl options}. */
  static String config(String version) throws IOException {
    StringBuilder result = new StringBuilder();
    Output capture = new Output() {
      @Override public void result(String line) { result.append(line).append('\n'); }
      @Override public void message(String line) {}
      @Override public boolean interactive() { return false; }
    };
    Path tmpState = Files.createTempDirectory("statectl-man");
    int rc = new Engine(Run.pluginDir(), capture, new PhaseTimer(false))
        .handle(new Request.Options(new StateDirectory(tmpState.resolve("state")), "", Request.OptionsFormat.JSON));
    if (rc != 0) {
      throw new IllegalStateException("statectl options --json failed with exit " + rc);
    }
    StringBuilder m = new StringBuilder();
    m.append(".TH STATECTL-CONFIG 5 \"\" \"statectl ").append(esc(version)).append("\" \"statectl manual\"\n");
    m.append(".SH NAME\nstatectl-config \\- the configuration repository of statectl and its options\n");
    m.append(".SH DESCRIPTION\n.PP\nA configuration repository holds one entry file per host, \\fIhosts/NAME.toml\\fR "
        + "(TOML, YAML or JSON), which may import others with \\fBimports = [\"../modules/common.toml\"]\\fR. "
        + "Definitions of one option merge by its type; \\fB[defaults.\\fR...\\fB]\\fR makes a definition weak and "
        + "\\fB[force.\\fR...\\fB]\\fR makes it win. \\fB[when.linux]\\fR, \\fB[when.darwin]\\fR and "
        + "\\fB[when.host.NAME]\\fR sections apply only there; \\fB${option.path}\\fR in a string reads another option.\n");
    m.append(".SH OPTIONS\n");
    for (JsonNode o : new ObjectMapper().readTree(result.toString())) {
      m.append(".TP\n.B ").append(esc(o.path("name").asText())).append('\n');
      m.append("Type: ").append(esc(o.path("type").asText()));
      if (o.has("default")) {
        m.append("; default: ").append(esc(o.path("default").asText()));
      }
      m.append("; module: ").append(esc(o.path("module").asText())).append(".\n.br\n")
          .append(esc(o.path("description").asText())).append('\n');
      if (o.has("example")) {
        m.append(".br\nExample: ").append(esc(o.path("example").asText())).append('\n');
      }
    }
    m.append(".SH SEE ALSO\n\\fBstatectl\\fR(1), \\fBstatectl-options\\fR(1), \\fBstatectl-eval\\fR(1)\n");
    return m.toString();
  }

  private static String first(String[] description) {
    return description.length == 0 ? "" : description[0];
  }

  /** Roff-escapes one line of text: backslashes, hyphens, and control characters at a line start. */
  static String esc(String s) {
    String e = s.replace("\\", "\\e").replace("-", "\\-").replace("%n", " ").replace("\n", " ");
    StringBuilder out = new StringBuilder();
    for (String line : e.split("\n", -1)) {
      if (line.startsWith(".") || line.startsWith("'")) {
        out.append("\\&");
      }
      // groff reads Latin-1 by default: anything beyond ASCII goes in as a named Unicode escape
      line.codePoints().forEach(c -> {
        if (c < 128) {
          out.appendCodePoint(c);
        } else {
          out.append(String.format("\\[u%04X]", c));
        }
      });
    }
    return out.toString();
  }
}
