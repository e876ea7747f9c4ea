package io.statectl.shell.engine.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statectl.kernel.state.StateDirectory;
import io.statectl.shell.engine.Engine;
import io.statectl.shell.engine.inspect.HistoryFilter;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Request;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The pages of {@code statectl ui}, rendered on the server as plain HTML from the engine's own
 * read requests (their JSON or text results), so the web view shows exactly what the commands
 * show. Every page refreshes itself (meta refresh) so that an apply in another terminal appears.
 */
final class WebView {
  /** A rendered page: HTTP status and body. */
  record Page(int status, String html) {}

  private final StateDirectory state;
  private final Path pluginDir;
  private final String token;
  private final ObjectMapper json = new ObjectMapper();

  WebView(StateDirectory state, Path pluginDir, String token) {
    this.state = state;
    this.pluginDir = pluginDir;
    this.token = token;
  }

  Page route(String path, java.util.function.Function<String, String> query) {
    if (path.equals("/") || path.equals("/generations")) {
      return timeline();
    }
    if (path.startsWith("/generation/")) {
      return generation(path.substring("/generation/".length()));
    }
    if (path.equals("/diff")) {
      return diff(query.apply("a"), query.apply("b"));
    }
    if (path.equals("/events")) {
      return events(query.apply("type"));
    }
    if (path.equals("/status")) {
      return text("Drift", new Request.Status(state, Optional.empty(), Request.Format.TEXT, Request.DriftExit.ZERO));
    }
    return new Page(404, layout("Not found", "<p>There is no page " + esc(path) + ".</p>"));
  }

  private Page timeline() {
    Result r = run(new Request.Generations(state, Request.Format.JSON));
    StringBuilder b = new StringBuilder("<table id=\"generations\"><tr><th>#</th><th>active</th><th>created</th>"
        + "<th>host</th><th>store path</th><th>closure</th></tr>");
    JsonNode all = parse(r.out);
    int last = 0;
    for (JsonNode g : all) {
      int n = g.path("number").asInt();
      last = Math.max(last, n);
      b.append("<tr class=\"generation\" data-number=\"").append(n).append("\"><td><a href=\"").append(link("/generation/" + n))
          .append("\">").append(n).append("</a></td><td>").append(g.path("active").asBoolean() ? "<b class=\"active\">*</b>" : "")
          .append("</td><td>").append(esc(g.path("createdAt").asText())).append("</td><td>").append(esc(g.path("host").asText()))
          .append("</td><td><code>").append(esc(g.path("storePath").asText())).append("</code></td><td>")
          .append(n > 1 ? "<a class=\"diff\" href=\"" + link("/diff", "a", String.valueOf(n - 1), "b", String.valueOf(n)) + "\">diff "
              + (n - 1) + "→" + n + "</a>" : "").append("</td></tr>");
    }
    b.append("</table>");
    if (last == 0) {
      b.append("<p>No generations yet: run <code>statectl apply</code>.</p>");
    }
    return new Page(200, layout("Generations", b.toString()));
  }

  private Page generation(String number) {
    if (!number.matches("\\d{1,9}")) {
      return new Page(404, layout("Not found", "<p>There is no generation " + esc(number) + ".</p>"));
    }
    Result r = run(new Request.ShowGeneration(state, Integer.parseInt(number), Request.Format.TEXT));
    if (r.exit != 0) {
      return new Page(404, layout("Generation " + esc(number) + " not found",
          "<p class=\"error\">There is no generation " + esc(number) + ".</p><pre>" + esc(r.err) + "</pre>"));
    }
    return new Page(200, layout("Generation " + esc(number), "<pre id=\"generation\">" + esc(r.out) + "</pre>"));
  }

  private Page diff(String a, String b) {
    if (a == null || b == null || !a.matches("\\d{1,9}") || !b.matches("\\d{1,9}")) {
      return new Page(400, layout("Diff", "<p>Give two generation numbers: /diff?a=1&amp;b=2</p>"));
    }
    Result r = run(new Request.Diff(state, Integer.parseInt(a), new Request.DiffTarget.Generation(Integer.parseInt(b)),
        Request.Format.TEXT));
    if (r.exit != 0) {
      return new Page(404, layout("Diff", "<pre class=\"error\">" + esc(r.err) + "</pre>"));
    }
    return new Page(200, layout("Diff " + esc(a) + " → " + esc(b), "<pre id=\"diff\">" + esc(r.out) + "</pre>"));
  }

  private Page events(String type) {
    HistoryFilter filter = type == null || type.isBlank() ? HistoryFilter.ALL
        : new HistoryFilter(Optional.empty(), Optional.empty(), java.util.Set.of(type), Optional.empty());
    Result r = run(new Request.History(state, Request.Format.JSON, filter));
    if (r.exit != 0) {
      return new Page(400, layout("Events", "<pre class=\"error\">" + esc(r.err) + "</pre>"));
    }
    StringBuilder b = new StringBuilder("<form method=\"get\" action=\"/events\"><input type=\"hidden\" name=\"token\" value=\""
        + esc(token) + "\">type <input id=\"type\" name=\"type\" value=\"" + esc(type == null ? "" : type)
        + "\"> <button>filter</button> <input id=\"quick\" placeholder=\"filter rows (JS)\" "
        + "oninput=\"for(const r of document.querySelectorAll('tr.event'))r.hidden=!r.textContent.includes(this.value)\"></form>"
        + "<table id=\"events\"><tr><th>#</th><th>time</th><th>type</th><th>profile</th></tr>");
    for (JsonNode e : parse(r.out)) {
      b.append("<tr class=\"event\" data-type=\"").append(esc(e.path("type").asText())).append("\"><td>").append(e.path("sequence").asLong())
          .append("</td><td>").append(esc(e.path("timestamp").asText())).append("</td><td>").append(esc(e.path("type").asText()))
          .append("</td><td>").append(esc(e.path("aggregate").asText())).append("</td></tr>");
    }
    return new Page(200, layout("Events", b.append("</table>").toString()));
  }

  private Page text(String title, Request request) {
    Result r = run(request);
    return new Page(200, layout(title, "<pre>" + esc(r.out) + esc(r.err) + "</pre>"));
  }

  private String layout(String title, String body) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"5\">"
        + "<title>statectl: " + title + "</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;text-align:left}"
        + "pre{background:#f4f4f4;padding:1em}.active{color:green}</style></head><body><nav>"
        + "<a href=\"" + link("/") + "\">generations</a> · <a href=\"" + link("/events") + "\">events</a> · "
        + "<a href=\"" + link("/status") + "\">drift</a></nav><h1>" + title + "</h1>" + body + "</body></html>";
  }

  private String link(String path, String... params) {
    StringBuilder b = new StringBuilder(path).append("?token=").append(token);
    for (int i = 0; i + 1 < params.length; i += 2) {
      b.append("&amp;").append(params[i]).append('=').append(params[i + 1]);
    }
    return b.toString();
  }

  private JsonNode parse(String text) {
    try {
      return text.isBlank() ? json.createArrayNode() : json.readTree(text);
    } catch (IOException e) {
      return json.createArrayNode();
    }
  }

  private record Result(int exit, String out, String err) {}

  private Result run(Request request) {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Output capture = new Output() {
      @Override public synchronized void result(String line) { out.append(line).append('\n'); }
      @Override public synchronized void message(String line) { err.append(line).append('\n'); }
      @Override public boolean interactive() { return false; }
    };
    int rc = new Engine(pluginDir, capture, new PhaseTimer(false)).handle(request);
    return new Result(rc, out.toString(), err.toString());
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
