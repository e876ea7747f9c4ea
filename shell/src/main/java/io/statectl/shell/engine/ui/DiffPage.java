package io.statectl.shell.engine.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.statectl.shell.engine.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two generations compared, like nvd: packages added, removed, upgraded or downgraded with their
 * versions, the closure size before, after and its change, then files (with their unified diffs),
 * services, {@code /etc} and secrets — all from {@code diff A B --json}. A form picks any two.
 */
final class DiffPage {
  private final Reads reads;
  private final Html html;

  DiffPage(Reads reads, Html html) {
    this.reads = reads;
    this.html = html;
  }

  WebView.Page render(String a, String b, long head) {
    List<Integer> numbers = new ArrayList<>();
    reads.json(reads.run(new Request.Generations(reads.state(), Request.Format.JSON)))
        .forEach(g -> numbers.add(g.path("number").asInt()));
    boolean given = a != null && b != null && a.matches("\\d{1,9}") && b.matches("\\d{1,9}");
    String picker = picker(numbers, given ? Integer.parseInt(a) : 0, given ? Integer.parseInt(b) : 0);
    if (!given) {
      return new WebView.Page(400, html.layout("Diff", picker + "<p>Pick two generations (or open /diff?a=1&amp;b=2).</p>",
          head, Html.Live.STILL));
    }
    Reads.Result r = reads.run(new Request.Diff(reads.state(), Integer.parseInt(a),
        new Request.DiffTarget.Generation(Integer.parseInt(b)), Request.Format.JSON));
    if (!r.ok()) {
      return new WebView.Page(404, html.layout("Diff " + Html.esc(a) + " → " + Html.esc(b),
          picker + "<pre class=\"error\">" + Html.esc(r.err()) + "</pre>", head, Html.Live.STILL));
    }
    JsonNode d = reads.json(r);
    StringBuilder s = new StringBuilder(picker).append("<div id=\"diff\">");
    JsonNode c = d.path("closure");
    s.append("<h2>Closure</h2><table id=\"closure-size\"><tr><th>generation ").append(Html.esc(a)).append("</th><th>generation ")
        .append(Html.esc(b)).append("</th><th>change</th></tr><tr><td class=\"from\">").append(Html.size(c.path("from").asLong()))
        .append("</td><td class=\"to\">").append(Html.size(c.path("to").asLong())).append("</td><td class=\"delta\">")
        .append(Html.signedSize(c.path("delta").asLong())).append("</td></tr></table>");
    if (!d.path("hostFrom").asText().equals(d.path("hostTo").asText())) {
      s.append("<p class=\"host\">host ").append(Html.esc(d.path("hostFrom").asText())).append(" → ")
          .append(Html.esc(d.path("hostTo").asText())).append("</p>");
    }
    if (!d.path("pluginsFrom").equals(d.path("pluginsTo"))) {
      s.append("<p class=\"plugins\">plugins ").append(Html.esc(join(d.path("pluginsFrom")))).append(" → ")
          .append(Html.esc(join(d.path("pluginsTo")))).append("</p>");
    }
    packages(s, d.path("packages"));
    files(s, d.path("files"));
    services(s, d.path("services"));
    etc(s, d.path("etc"));
    List<String> secrets = new ArrayList<>();
    d.path("secrets").forEach(x -> secrets.add(x.asText()));
    if (!secrets.isEmpty()) {
      s.append("<h2>Secrets</h2><ul id=\"secrets\">");
      secrets.forEach(x -> s.append("<li>").append(Html.esc(x)).append("</li>"));
      s.append("</ul>");
    }
    s.append("</div>");
    return new WebView.Page(200, html.layout("Diff " + Html.esc(a) + " → " + Html.esc(b), s.toString(), head, Html.Live.STILL));
  }

  private String picker(List<Integer> numbers, int a, int b) {
    StringBuilder s = new StringBuilder("<form id=\"pick\" method=\"get\" action=\"/diff\">").append(html.tokenField())
        .append("compare <select name=\"a\" id=\"pick-a\">");
    numbers.forEach(n -> s.append("<option").append(n == a ? " selected" : "").append('>').append(n).append("</option>"));
    s.append("</select> → <select name=\"b\" id=\"pick-b\">");
    numbers.forEach(n -> s.append("<option").append(n == b ? " selected" : "").append('>').append(n).append("</option>"));
    return s.append("</select> <button>compare</button></form>").toString();
  }

  private static void packages(StringBuilder s, JsonNode lines) {
    List<String> all = new ArrayList<>();
    lines.forEach(x -> all.add(x.asText()));
    PackageChanges p = PackageChanges.of(all);
    s.append("<h2>Packages</h2>");
    if (p.changes().isEmpty()) {
      s.append("<p id=\"packages\" class=\"muted\">no package changes</p>");
      return;
    }
    s.append("<table id=\"packages\"><tr><th></th><th>package</th><th>before</th><th>after</th></tr>");
    for (PackageChanges.Change c : p.changes()) {
      String kind = c.kind().name().toLowerCase(Locale.ROOT);
      s.append("<tr class=\"package ").append(kind).append("\" data-name=\"").append(Html.esc(c.name())).append("\" data-change=\"")
          .append(kind).append("\"><td>").append(kind).append("</td><td>").append(Html.esc(c.name())).append("</td><td class=\"before\">")
          .append(Html.esc(c.before())).append("</td><td class=\"after\">").append(Html.esc(c.after())).append("</td></tr>");
    }
    s.append("</table>");
  }

  private static void files(StringBuilder s, JsonNode files) {
    s.append("<h2>Files</h2>");
    if (files.isEmpty()) {
      s.append("<p id=\"files\" class=\"muted\">no file changes</p>");
      return;
    }
    s.append("<table id=\"files\"><tr><th></th><th>target</th><th>mode</th><th>diff</th></tr>");
    for (JsonNode f : files) {
      String change = f.path("change").asText();
      String before = f.path("modeBefore").asText();
      String after = f.path("modeAfter").asText();
      s.append("<tr class=\"file ").append(Html.esc(change)).append("\" data-change=\"").append(Html.esc(change)).append("\"><td>")
          .append(Html.esc(change)).append("</td><td class=\"target\"><code>").append(Html.esc(f.path("target").asText()))
          .append("</code></td><td>").append(before.equals(after) || before.isEmpty() || after.isEmpty() ? Html.esc(after.isEmpty() ? before : after)
              : Html.esc(before) + " → " + Html.esc(after))
          .append("</td><td>");
      String diff = f.path("unifiedDiff").asText();
      if (!diff.isEmpty()) {
        s.append("<details><summary>").append(diff.lines().count()).append(" lines</summary><pre>").append(Html.esc(diff))
            .append("</pre></details>");
      }
      s.append("</td></tr>");
    }
    s.append("</table>");
  }

  private static void services(StringBuilder s, JsonNode services) {
    if (services.isEmpty()) {
      return;
    }
    s.append("<h2>Services</h2><table id=\"services\"><tr><th></th><th>unit</th><th>scope</th><th>on switch</th><th>diff</th></tr>");
    for (JsonNode u : services) {
      s.append("<tr class=\"service ").append(Html.esc(u.path("change").asText())).append("\"><td>").append(Html.esc(u.path("change").asText()))
          .append("</td><td>").append(Html.esc(u.path("unit").asText())).append("</td><td>").append(Html.esc(u.path("scope").asText()))
          .append("</td><td>").append(Html.esc(u.path("onSwitch").asText())).append("</td><td>").append(details(u.path("unifiedDiff").asText()))
          .append("</td></tr>");
    }
    s.append("</table>");
  }

  private static void etc(StringBuilder s, JsonNode etc) {
    if (etc.isEmpty()) {
      return;
    }
    s.append("<h2>/etc</h2><table id=\"etc\"><tr><th></th><th>path</th><th>diff</th></tr>");
    for (JsonNode e : etc) {
      s.append("<tr class=\"etc ").append(Html.esc(e.path("change").asText())).append("\"><td>").append(Html.esc(e.path("change").asText()))
          .append("</td><td><code>").append(Html.esc(e.path("path").asText())).append("</code></td><td>")
          .append(details(e.path("unifiedDiff").asText())).append("</td></tr>");
    }
    s.append("</table>");
  }

  private static String details(String diff) {
    return diff.isEmpty() ? "" : "<details><summary>" + diff.lines().count() + " lines</summary><pre>" + Html.esc(diff)
        + "</pre></details>";
  }

  private static String join(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return String.join(", ", out);
  }
}
