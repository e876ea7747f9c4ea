package io.statectl.shell.engine.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.inspect.HistoryFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The builds, like nix-output-monitor's summary: every derivation built (with its duration and
 * whether the sandbox was on), every path substituted from a cache, every failure with the tail of
 * its log; newest first, from the build events of the log. Each build links to its whole log.
 */
final class BuildsPage {
  static final int LOG_TAIL = 25;
  private static final int SHOWN = 300;

  private final Reads reads;
  private final Html html;

  BuildsPage(Reads reads, Html html) {
    this.reads = reads;
    this.html = html;
  }

  /** One row: a build (started, then succeeded or failed) or a substitution. */
  private record Row(long sequence, String timestamp, String kind, String name, String derivation, long millis,
      boolean unsandboxed, List<String> outputs, String detail) {}

  WebView.Page render(long head) {
    HistoryFilter filter = new HistoryFilter(Optional.empty(), Optional.empty(),
        Set.of("BuildStarted", "BuildSucceeded", "BuildFailed", "PathSubstituted"), Optional.empty());
    Reads.Result r = reads.run(new Request.History(reads.state(), Request.Format.JSON, filter));
    Map<String, Row> byDerivation = new LinkedHashMap<>();
    List<Row> rows = new ArrayList<>();
    for (JsonNode e : reads.json(r)) {
      JsonNode p = e.path("event");
      long seq = e.path("sequence").asLong();
      String at = e.path("timestamp").asText();
      String drv = p.path("derivation").asText();
      List<String> outputs = new ArrayList<>();
      p.path("outputs").forEach(o -> outputs.add(o.asText()));
      switch (e.path("type").asText()) {
        case "BuildStarted" -> {
          Row row = new Row(seq, at, "running", name(drv), drv, 0, false, outputs, "");
          byDerivation.put(drv, row);
          rows.add(row);
        }
        case "BuildSucceeded", "BuildFailed" -> {
          boolean ok = e.path("type").asText().equals("BuildSucceeded");
          Row row = new Row(seq, at, ok ? "built" : "failed", name(drv), drv, p.path("millis").asLong(),
              p.path("unsandboxed").asBoolean(), outputs, ok ? "" : p.path("reason").asText());
          Row started = byDerivation.remove(drv);
          if (started != null) {
            rows.remove(started);
          }
          rows.add(row);
        }
        case "PathSubstituted" -> rows.add(new Row(seq, at, "substituted", name(p.path("path").asText()), "",
            0, false, List.of(p.path("path").asText()), "from " + p.path("from").asText() + ", signed by "
                + p.path("signedBy").asText() + ", " + p.path("downloadedBytes").asLong() + " bytes downloaded of "
                + p.path("narSize").asLong()));
        default -> { }
      }
    }
    long built = rows.stream().filter(x -> x.kind().equals("built")).count();
    long failed = rows.stream().filter(x -> x.kind().equals("failed")).count();
    long substituted = rows.stream().filter(x -> x.kind().equals("substituted")).count();
    long unsandboxed = rows.stream().filter(Row::unsandboxed).count();
    long millis = rows.stream().mapToLong(Row::millis).sum();
    StringBuilder b = new StringBuilder("<p id=\"build-summary\"><span class=\"built\">").append(built).append(" built</span>, ")
        .append("<span class=\"substituted\">").append(substituted).append(" substituted</span>, <span class=\"failed\">")
        .append(failed).append(" failed</span>, ").append(unsandboxed).append(" without the sandbox; ")
        .append(seconds(millis)).append(" building in all</p>");
    if (rows.isEmpty()) {
      b.append("<p>No builds yet.</p>");
    }
    b.append("<table id=\"builds\"><tr><th>#</th><th>time</th><th>result</th><th>derivation</th><th>duration</th>"
        + "<th>sandbox</th><th>outputs</th><th>log</th></tr>");
    List<Row> newest = new ArrayList<>(rows);
    java.util.Collections.reverse(newest);
    for (Row x : newest.subList(0, Math.min(SHOWN, newest.size()))) {
      b.append("<tr class=\"build ").append(x.kind()).append("\" data-kind=\"").append(x.kind()).append("\" data-name=\"")
          .append(Html.esc(x.name())).append("\"><td>").append(x.sequence()).append("</td><td>").append(Html.esc(x.timestamp()))
          .append("</td><td>").append(x.kind()).append("</td><td><code title=\"").append(Html.esc(x.derivation())).append("\">")
          .append(Html.esc(x.name())).append("</code></td><td class=\"duration\">")
          .append(x.kind().equals("built") || x.kind().equals("failed") ? seconds(x.millis()) : "").append("</td><td class=\"sandbox\">")
          .append(x.kind().equals("built") ? (x.unsandboxed() ? "<b class=\"unsandboxed\">off</b>" : "on") : "")
          .append("</td><td>");
      x.outputs().forEach(o -> b.append("<code>").append(Html.esc(o)).append("</code><br>"));
      b.append(Html.esc(x.detail())).append("</td><td>");
      if (!x.derivation().isEmpty() && !x.kind().equals("running")) {
        b.append("<a class=\"log\" href=\"").append(html.link("/log", "path", x.derivation())).append("\">log</a>");
      }
      b.append("</td></tr>");
      if (x.kind().equals("failed")) {
        b.append("<tr class=\"log-tail\"><td></td><td colspan=\"7\"><pre class=\"tail\">")
            .append(Html.esc(tail(x.derivation()))).append("</pre></td></tr>");
      }
    }
    b.append("</table>");
    return new WebView.Page(200, html.layout("Builds", b.toString(), head, Html.Live.RELOAD));
  }

  /** {@code /log?path=DRV-OR-OUTPUT}: the whole build log, as {@code statectl log} prints it. */
  WebView.Page log(String path, long head) {
    if (path == null || path.isBlank()) {
      return new WebView.Page(400, html.layout("Build log", "<p>Give a derivation or output: /log?path=…</p>", head,
          Html.Live.STILL));
    }
    Reads.Result r = reads.run(new Request.Log(reads.state(), path));
    return new WebView.Page(r.ok() ? 200 : 404, html.layout("Build log of " + Html.esc(name(path)),
        "<p><code>" + Html.esc(path) + "</code></p><pre id=\"log\">" + Html.esc(r.out()) + Html.esc(r.err()) + "</pre>",
        head, Html.Live.STILL));
  }

  private String tail(String derivation) {
    Reads.Result r = reads.run(new Request.Log(reads.state(), derivation));
    List<String> lines = (r.out() + r.err()).lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL), lines.size()));
  }

  private static String name(String storePath) {
    String base = storePath.substring(storePath.lastIndexOf('/') + 1);
    int dash = base.indexOf('-');
    return dash > 0 ? base.substring(dash + 1) : base;
  }

  private static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
