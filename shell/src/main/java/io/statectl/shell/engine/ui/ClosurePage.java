package io.statectl.shell.engine.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.session.StateSession;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A generation's closure as an expandable tree (nested {@code <details>}, no script needed), each
 * path with its own and its closure's size, largest first; a path seen before is not expanded again
 * (nix-tree does the same). {@code ?why=PATH} shows the chain of references from the generation to
 * that path, as {@code store why-depends} does.
 */
final class ClosurePage {
  private final Reads reads;
  private final Html html;

  ClosurePage(Reads reads, Html html) {
    this.reads = reads;
    this.html = html;
  }

  WebView.Page render(String number, String why, long head) {
    if (!number.matches("\\d{1,9}")) {
      return WebView.notFound(html, "There is no generation " + Html.esc(number) + ".", head);
    }
    Reads.Result r = reads.run(new Request.ShowGeneration(reads.state(), Integer.parseInt(number), Request.Format.JSON));
    if (!r.ok()) {
      return new WebView.Page(404, html.layout("Generation " + Html.esc(number) + " not found",
          "<p class=\"error\">There is no generation " + Html.esc(number) + ".</p><pre>" + Html.esc(r.err()) + "</pre>",
          head, Html.Live.STILL));
    }
    JsonNode g = reads.json(r);
    Optional<ClosureTree> tree = tree(g.path("storePath").asText());
    String title = "Closure of generation " + Html.esc(number);
    if (tree.isEmpty()) {
      return new WebView.Page(200, html.layout(title, "<p>Generation " + Html.esc(number)
          + " is no longer in the store (gc); <code>statectl replay --to-generation " + Html.esc(number)
          + " --apply</code> realises it again.</p>", head, Html.Live.STILL));
    }
    ClosureTree t = tree.get();
    StringBuilder b = new StringBuilder();
    b.append("<p id=\"summary\">").append(t.all().size()).append(" paths, closure ").append(Html.size(t.closureSize(t.root())))
        .append(" · <a href=\"").append(html.link("/generation/" + number)).append("\">generation ").append(Html.esc(number))
        .append("</a></p>");
    whyForm(b, t, number, why);
    b.append("<div id=\"tree\">");
    node(b, t, t.root(), new HashSet<>(), number, 0);
    b.append("</div>");
    return new WebView.Page(200, html.layout(title, b.toString(), head, Html.Live.STILL));
  }

  /** The tree from the store's path infos; empty when the generation's path is not in the store. */
  private Optional<ClosureTree> tree(String storePath) {
    try (StateSession s = new StateSession(reads.state(), new PhaseTimer(false))) {
      Store store = s.store();
      Optional<StorePath> root = store.parseStoreFile(Path.of(storePath)).filter(store::isValid);
      if (root.isEmpty()) {
        return Optional.empty();
      }
      Map<String, ClosureTree.Node> nodes = new HashMap<>();
      for (StorePath p : store.closure(root.get())) {
        PathInfo info = store.pathInfo(p).orElseThrow();
        List<String> refs = info.references().stream().map(x -> store.toFile(x).toString()).toList();
        String file = store.toFile(p).toString();
        nodes.put(file, new ClosureTree.Node(file, info.narSize(), refs));
      }
      return Optional.of(new ClosureTree(store.toFile(root.get()).toString(), nodes));
    }
  }

  private void whyForm(StringBuilder b, ClosureTree t, String number, String why) {
    b.append("<form id=\"why-form\" method=\"get\" action=\"/closure/").append(Html.esc(number)).append("\">").append(html.tokenField())
        .append("why does it depend on <select name=\"why\" id=\"why-path\">");
    for (ClosureTree.Node n : t.all()) {
      b.append("<option value=\"").append(Html.esc(n.path())).append('"').append(n.path().equals(why) ? " selected" : "")
          .append('>').append(Html.esc(n.name())).append("</option>");
    }
    b.append("</select> <button>why-depends</button></form>");
    if (why == null || why.isBlank()) {
      return;
    }
    List<String> chain = t.node(why) == null ? List.of() : t.whyDepends(why);
    if (chain.isEmpty()) {
      b.append("<p id=\"why\" class=\"error\">").append(Html.esc(why)).append(" is not in this closure.</p>");
      return;
    }
    b.append("<ol id=\"why\">");
    chain.forEach(p -> b.append("<li data-path=\"").append(Html.esc(p)).append("\"><code>").append(Html.esc(p)).append("</code></li>"));
    b.append("</ol>");
  }

  private void node(StringBuilder b, ClosureTree t, String path, Set<String> expanded, String number, int depth) {
    ClosureTree.Node n = t.node(path);
    String label = "<span class=\"name\">" + Html.esc(n.name()) + "</span> <span class=\"own\">" + Html.size(n.narSize())
        + "</span> / <span class=\"closure\">" + Html.size(t.closureSize(path)) + "</span> <a class=\"why\" href=\""
        + html.link("/closure/" + number, "why", path) + "\">why?</a>";
    List<ClosureTree.Node> children = t.children(path);
    String attrs = " class=\"node\" data-path=\"" + Html.esc(path) + "\" data-own=\"" + n.narSize() + "\" data-closure=\""
        + t.closureSize(path) + "\"";
    if (children.isEmpty()) {
      b.append("<div").append(attrs).append(">").append(label).append("</div>");
    } else if (!expanded.add(path)) {
      b.append("<div").append(attrs).append(">").append(label).append(" <span class=\"muted\">(expanded above)</span></div>");
    } else {
      b.append("<details").append(attrs).append(depth == 0 ? " open" : "").append("><summary>").append(label).append("</summary>");
      children.forEach(c -> node(b, t, c.path(), expanded, number, depth + 1));
      b.append("</details>");
    }
  }
}
