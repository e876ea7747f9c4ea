package io.statectl.shell.engine.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.statectl.events.EventTypes;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.inspect.HistoryFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The generations timeline: each generation with its commit (short, dirty mark, branch, subject),
 * its {@code --message}, who/when and the active/booted marks, interleaved by time with the events
 * around generations that are not generations (deploys, boot entries, reverted activations, gc).
 * Each row links to its page, its closure tree and the diff with the previous one; two radio
 * columns pick any two generations to compare (a plain GET form, no script needed).
 */
final class TimelinePage {
  /** Event types shown between the generations, when the log has them. */
  static final List<String> AROUND = List.of("DeployStarted", "DeployCompleted", "DeployFailed", "BootEntriesWritten",
      "BootDefaultChanged", "ActivationReverted", "ActivationFailed", "GenerationsDeleted", "GenerationRestored");

  private final Reads reads;
  private final Html html;

  TimelinePage(Reads reads, Html html) {
    this.reads = reads;
    this.html = html;
  }

  private record Row(Instant at, int order, String html) {}

  WebView.Page render(long head) {
    JsonNode all = reads.json(reads.run(new Request.Generations(reads.state(), Request.Format.JSON)));
    List<Row> rows = new ArrayList<>();
    int count = 0;
    for (JsonNode g : all) {
      count++;
      rows.add(new Row(Instant.parse(g.path("createdAt").asText()), g.path("number").asInt(), generationRow(g)));
    }
    rows.addAll(eventRows());
    rows.sort(Comparator.comparing(Row::at).thenComparing(Row::order));
    StringBuilder b = new StringBuilder("<form method=\"get\" action=\"/diff\">").append(html.tokenField())
        .append("<table id=\"generations\"><tr><th>#</th><th title=\"compare from\">a</th><th title=\"compare to\">b</th>"
            + "<th>marks</th><th>created</th><th>host</th><th>commit</th><th>branch</th><th>subject</th><th>message</th>"
            + "<th></th></tr>");
    rows.forEach(r -> b.append(r.html()));
    b.append("</table>");
    if (count == 0) {
      b.append("<p>No generations yet: run <code>statectl apply</code>.</p>");
    } else if (count > 1) {
      b.append("<p><button id=\"compare\">compare a → b</button></p>");
    }
    b.append("</form>");
    return new WebView.Page(200, html.layout("Generations", b.toString(), head, Html.Live.RELOAD));
  }

  private String generationRow(JsonNode g) {
    int n = g.path("number").asInt();
    String num = String.valueOf(n);
    StringBuilder marks = new StringBuilder();
    if (g.path("active").asBoolean()) {
      marks.append("<b class=\"active\" title=\"active\">*</b> ");
    }
    if (g.path("booted").asBoolean()) {
      marks.append("<span class=\"booted\" title=\"booted\">booted</span> ");
    }
    if (g.path("bootDefault").asBoolean()) {
      marks.append("<span class=\"boot-default\" title=\"boot default\">boot default</span> ");
    } else if (g.path("bootEntry").asBoolean()) {
      marks.append("<span class=\"boot-entry\" title=\"has a boot entry\">boot entry</span> ");
    }
    JsonNode source = g.path("source");
    String commit = "";
    String branch = "";
    String subject = "";
    if (source.isObject()) {
      String full = source.path("commit").asText();
      commit = "<code class=\"commit\" title=\"" + Html.esc(full) + "\">" + Html.esc(full.substring(0, Math.min(7, full.length())))
          + "</code>" + (source.path("dirty").asBoolean()
              ? "<span class=\"dirty\" title=\"the work tree had uncommitted changes\">+dirty</span>" : "");
      branch = source.hasNonNull("branch") ? Html.esc(source.path("branch").asText()) : "<span class=\"muted\">(detached)</span>";
      subject = Html.esc(source.path("subject").asText());
    }
    String message = g.hasNonNull("message") ? Html.esc(g.path("message").asText()) : "";
    return "<tr class=\"generation\" data-number=\"" + n + "\"><td><a class=\"open\" href=\"" + html.link("/generation/" + n)
        + "\">" + n + "</a></td><td><input type=\"radio\" name=\"a\" value=\"" + n + "\"></td><td><input type=\"radio\" name=\"b\" value=\""
        + n + "\"></td><td>" + marks + "</td><td>" + Html.esc(g.path("createdAt").asText()) + "</td><td>"
        + Html.esc(g.path("host").asText()) + "</td><td>" + commit + "</td><td class=\"branch\">" + branch
        + "</td><td class=\"subject\">" + subject + "</td><td class=\"message\">" + message + "</td><td><a class=\"closure\" href=\""
        + html.link("/closure/" + n) + "\">closure</a>"
        + (n > 1 ? " · <a class=\"diff\" href=\"" + html.link("/diff", "a", String.valueOf(n - 1), "b", num) + "\">diff "
            + (n - 1) + "→" + n + "</a>" : "")
        + "</td></tr>";
  }

  /** Deploys, boot entries, reverts…: their JSON for time and type, the text history for the summary line. */
  private List<Row> eventRows() {
    Set<String> types = AROUND.stream().filter(t -> EventTypes.byName(t).isPresent()).collect(Collectors.toSet());
    if (types.isEmpty()) {
      return List.of();
    }
    HistoryFilter filter = new HistoryFilter(Optional.empty(), Optional.empty(), types, Optional.empty());
    Reads.Result json = reads.run(new Request.History(reads.state(), Request.Format.JSON, filter));
    if (!json.ok()) {
      return List.of();
    }
    Map<Long, String> summaries = new HashMap<>();
    Reads.Result text = reads.run(new Request.History(reads.state(), Request.Format.TEXT, filter));
    for (String line : text.out().lines().toList()) {
      String t = line.trim();
      int space = t.indexOf(' ');
      if (space > 0 && t.substring(0, space).matches("\\d+")) {
        String rest = t.substring(space).trim();
        summaries.put(Long.parseLong(t.substring(0, space)), rest);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (JsonNode e : reads.json(json)) {
      long seq = e.path("sequence").asLong();
      String type = e.path("type").asText();
      String line = summaries.getOrDefault(seq, "");
      int at = line.indexOf(type);
      String summary = at >= 0 ? line.substring(at + type.length()).trim() : line;
      rows.add(new Row(Instant.parse(e.path("timestamp").asText()), Integer.MAX_VALUE,
          "<tr class=\"event-row\" data-type=\"" + Html.esc(type) + "\" data-sequence=\"" + seq + "\"><td></td><td></td><td></td>"
              + "<td>" + Html.esc(type) + "</td><td>" + Html.esc(e.path("timestamp").asText()) + "</td><td colspan=\"6\">"
              + Html.esc(summary) + "</td></tr>"));
    }
    return rows;
  }
}
