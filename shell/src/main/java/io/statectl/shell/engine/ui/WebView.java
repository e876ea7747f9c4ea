package io.statectl.shell.engine.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.statectl.kernel.state.StateDirectory;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.inspect.HistoryFilter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pages of {@code statectl ui}, rendered on the server as plain HTML from the engine's own
 * read requests (their JSON or text results), so the web view shows exactly what the commands
 * show. Pages that list things reload themselves when the log's head moves (see {@link Html}).
 */
final class WebView {
  /** A rendered page: HTTP status and body. */
  record Page(int status, String html) {}

  private final Reads reads;
  private final Html html;
  private final TimelinePage timeline;
  private final DiffPage diff;
  private final ClosurePage closure;
  private final BuildsPage builds;

  WebView(StateDirectory state, Path pluginDir, String token) {
    this.reads = new Reads(state, pluginDir);
    this.html = new Html(token);
    this.timeline = new TimelinePage(reads, html);
    this.diff = new DiffPage(reads, html);
    this.closure = new ClosurePage(reads, html);
    this.builds = new BuildsPage(reads, html);
  }

  /** The log's last sequence: what {@code /head} answers and the pages compare against. */
  long head() {
    return reads.head();
  }

  Page route(String path, Function<String, String> query) {
    long head = reads.head();
    if (path.equals("/") || path.equals("/generations")) {
      return timeline.render(head);
    }
    if (path.startsWith("/generation/")) {
      return generation(path.substring("/generation/".length()), head);
    }
    if (path.startsWith("/closure/")) {
      return closure.render(path.substring("/closure/".length()), query.apply("why"), head);
    }
    if (path.equals("/diff")) {
      return diff.render(query.apply("a"), query.apply("b"), head);
    }
    if (path.equals("/builds")) {
      return builds.render(head);
    }
    if (path.equals("/log")) {
      return builds.log(query.apply("path"), head);
    }
    if (path.equals("/events")) {
      return events(query.apply("type"), head);
    }
    if (path.equals("/status")) {
      Reads.Result r = reads.run(new Request.Status(reads.state(), Optional.empty(), Request.Format.TEXT, Request.DriftExit.ZERO));
      return new Page(200, html.layout("Drift", "<pre id=\"status\">" + Html.esc(r.out()) + Html.esc(r.err()) + "</pre>", head,
          Html.Live.RELOAD));
    }
    return notFound(html, "There is no page " + Html.esc(path) + ".", head);
  }

  static Page notFound(Html html, String sentence, long head) {
    return new Page(404, html.layout("Not found", "<p class=\"error\">" + sentence + "</p>", head, Html.Live.STILL));
  }

  private Page generation(String number, long head) {
    if (!number.matches("\\d{1,9}")) {
      return notFound(html, "There is no generation " + Html.esc(number) + ".", head);
    }
    Reads.Result r = reads.run(new Request.ShowGeneration(reads.state(), Integer.parseInt(number), Request.Format.TEXT));
    if (!r.ok()) {
      return new Page(404, html.layout("Generation " + Html.esc(number) + " not found",
          "<p class=\"error\">There is no generation " + Html.esc(number) + ".</p><pre>" + Html.esc(r.err()) + "</pre>",
          head, Html.Live.STILL));
    }
    int n = Integer.parseInt(number);
    String links = "<p><a id=\"closure-link\" href=\"" + html.link("/closure/" + n) + "\">closure tree</a>"
        + (n > 1 ? " · <a id=\"diff-previous\" href=\"" + html.link("/diff", "a", String.valueOf(n - 1), "b", number)
            + "\">diff with " + (n - 1) + "</a>" : "") + "</p>";
    return new Page(200, html.layout("Generation " + Html.esc(number), links + "<pre id=\"generation\">" + Html.esc(r.out())
        + "</pre>", head, Html.Live.STILL));
  }

  private Page events(String type, long head) {
    HistoryFilter filter = type == null || type.isBlank() ? HistoryFilter.ALL
        : new HistoryFilter(Optional.empty(), Optional.empty(), java.util.Set.of(type), Optional.empty());
    Reads.Result r = reads.run(new Request.History(reads.state(), Request.Format.JSON, filter));
    if (!r.ok()) {
      return new Page(400, html.layout("Events", "<pre class=\"error\">" + Html.esc(r.err()) + "</pre>", head, Html.Live.STILL));
    }
    StringBuilder b = new StringBuilder("<form method=\"get\" action=\"/events\">" + html.tokenField()
        + "type <input id=\"type\" name=\"type\" value=\"" + Html.esc(type == null ? "" : type)
        + "\"> <button>filter</button> <input id=\"quick\" placeholder=\"filter rows (JS)\" "
        + "oninput=\"for(const r of document.querySelectorAll('tr.event'))r.hidden=!r.textContent.includes(this.value)\"></form>"
        + "<table id=\"events\"><tr><th>#</th><th>time</th><th>type</th><th>profile</th></tr>");
    for (JsonNode e : reads.json(r)) {
      b.append("<tr class=\"event\" data-type=\"").append(Html.esc(e.path("type").asText())).append("\"><td>")
          .append(e.path("sequence").asLong()).append("</td><td>").append(Html.esc(e.path("timestamp").asText())).append("</td><td>")
          .append(Html.esc(e.path("type").asText())).append("</td><td>").append(Html.esc(e.path("aggregate").asText()))
          .append("</td></tr>");
    }
    return new Page(200, html.layout("Events", b.append("</table>").toString(), head, Html.Live.STILL));
  }
}
