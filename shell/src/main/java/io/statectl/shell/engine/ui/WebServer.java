package io.statectl.shell.engine.ui;

import io.statectl.kernel.state.StateDirectory;
import io.statectl.shell.engine.tools.ToolsException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code statectl ui}: embedded Jetty serving {@link WebView}, read-only, on loopback unless told
 * otherwise; every request must carry the random token printed in the URL (else 403).
 */
public final class WebServer implements AutoCloseable {
  private final Server server;
  private final String token;

  private WebServer(Server server, String token) {
    this.server = server;
    this.token = token;
  }

  /** Whether a non-loopback address may be listened on. */
  public enum Remote { LOOPBACK_ONLY, ALLOWED }

  /** Starts serving {@code state} on {@code host:port} (port 0: any free one). */
  public static WebServer start(StateDirectory state, Path pluginDir, String host, int port, Remote remote) throws Exception {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new io.statectl.shell.engine.UsageException("cannot resolve --listen host " + host, "use 127.0.0.1:PORT");
    }
    if (!address.isLoopbackAddress() && remote == Remote.LOOPBACK_ONLY) {
      throw ToolsException.remote(host + ":" + port);
    }
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    WebView view = new WebView(state, pluginDir, token);
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        WebView.Page page;
        String path = Request.getPathInContext(request);
        if (token.equals(query.getValue("token")) && path.equals("/head")) {
          // polled every second by the pages' script: a file read, no page rendering
          response.setStatus(200);
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
          response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
          Content.Sink.write(response, true, Long.toString(view.head()), callback);
          return true;
        }
        if (!token.equals(query.getValue("token"))) {
          page = new WebView.Page(403, "<!doctype html><title>statectl: forbidden</title><h1>Forbidden</h1>"
              + "<p>This page needs the token from the URL that <code>statectl ui</code> printed.</p>");
        } else {
          // one page at a time: each opens the state directory's LMDB environments, which a process
          // may open only once at a time
          synchronized (view) {
            page = view.route(path, query::getValue);
          }
        }
        response.setStatus(page.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, page.html(), callback);
        return true;
      }
    });
    server.start();
    return new WebServer(server, token);
  }

  /** The URL to open, with the token. */
  public String url() {
    ServerConnector c = (ServerConnector) server.getConnectors()[0];
    String host = c.getHost().contains(":") ? "[" + c.getHost() + "]" : c.getHost();
    return "http://" + host + ":" + c.getLocalPort() + "/?token=" + token;
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
