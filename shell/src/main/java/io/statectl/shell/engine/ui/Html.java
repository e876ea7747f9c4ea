package io.statectl.shell.engine.ui;

/**
 * The HTML every page shares: escaping, links that carry the token, sizes, and the layout with its
 * live-update script. Every value that came from the state directory goes through {@link #esc}.
 */
final class Html {
  /** Whether a page reloads itself when a new event lands (a page with a form or open tree would lose it). */
  enum Live { RELOAD, STILL }

  private final String token;

  Html(String token) {
    this.token = token;
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** {@code 1.2 KiB (1234 B)}-style sizes; the exact byte count stays in a title for checking. */
  static String size(long bytes) {
    String unit = "B";
    double v = bytes;
    for (String u : new String[] {"KiB", "MiB", "GiB", "TiB"}) {
      if (Math.abs(v) < 1024) {
        break;
      }
      v /= 1024;
      unit = u;
    }
    String shown = unit.equals("B") ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", v, unit);
    return "<span class=\"size\" data-bytes=\"" + bytes + "\" title=\"" + bytes + " bytes\">" + shown + "</span>";
  }

  static String signedSize(long bytes) {
    return (bytes > 0 ? "+" : bytes < 0 ? "−" : "±") + size(Math.abs(bytes));
  }

  /** A link to {@code path} with the token and the given (name, value) pairs, already escaped for an attribute. */
  String link(String path, String... params) {
    StringBuilder b = new StringBuilder(path).append("?token=").append(token);
    for (int i = 0; i + 1 < params.length; i += 2) {
      b.append("&amp;").append(params[i]).append('=').append(esc(java.net.URLEncoder.encode(params[i + 1],
          java.nio.charset.StandardCharsets.UTF_8)));
    }
    return b.toString();
  }

  /** The hidden form field that carries the token through a GET form. */
  String tokenField() {
    return "<input type=\"hidden\" name=\"token\" value=\"" + esc(token) + "\">";
  }

  /**
   * The page around {@code body} ({@code title} is already HTML). {@code head} is the log's last
   * sequence when the page was rendered: the script polls {@code /head} and reloads when it moved,
   * so an apply in another terminal shows up; without JavaScript a slow meta refresh does it.
   */
  String layout(String title, String body, long head, Live live) {
    String script = live == Live.RELOAD
        ? "<noscript><meta http-equiv=\"refresh\" content=\"10\"></noscript>"
            + "<script>setInterval(()=>fetch('/head?token='+encodeURIComponent(document.body.dataset.token))"
            + ".then(r=>r.text()).then(h=>{if(h.trim()!==document.body.dataset.head)location.reload()})"
            + ".catch(()=>{}),1000)</script>"
        : "";
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>statectl: " + title + "</title>"
        + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;text-align:left;vertical-align:top}"
        + "pre{background:#f4f4f4;padding:1em;overflow-x:auto}.active{color:green}.added{color:#080}.removed{color:#b00}"
        + ".upgraded,.changed{color:#058}.downgraded{color:#a50}.failed{color:#b00}.dirty{color:#a50}"
        + "details{margin-left:1.2em}summary{cursor:pointer}.muted{color:#777}tr.event-row td{color:#555}"
        + "</style></head><body data-head=\"" + head + "\" data-token=\"" + esc(token) + "\"><nav>"
        + "<a href=\"" + link("/") + "\">generations</a> · <a href=\"" + link("/events") + "\">events</a> · "
        + "<a href=\"" + link("/builds") + "\">builds</a> · <a href=\"" + link("/status") + "\">drift</a></nav><h1>"
        + title + "</h1>" + body + script + "</body></html>";
  }
}
