package dev.flumekit.web;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks basic auth (when configured), allows GET and HEAD, asks the route its whole answer and
 * hands it to Jetty to write: the handler's thread returns at once, whether or not the client
 * reads.
 */
final class RoutingHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(RoutingHandler.class);

  private final Routes routes;
  private final BasicAuth auth;

  /**
   * @param auth null: no authentication
   */
  RoutingHandler(Routes routes, BasicAuth auth) {
    this.routes = routes;
    this.auth = auth;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Reply reply;
    if (auth != null && !auth.allows(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
      reply =
          Reply.text(401, "unauthorized\n")
              .withHeader("WWW-Authenticate", "Basic realm=\"flumekit\", charset=\"UTF-8\"");
    } else if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
      reply = Reply.text(405, "only GET and HEAD\n").withHeader("Allow", "GET, HEAD");
    } else {
      try {
        reply = routes.answer(request.getHttpURI().getPath());
      } catch (Exception | LinkageError e) {
        LOG.warn("{} failed: {}", request.getHttpURI().getPath(), e.toString());
        reply = Reply.text(500, "internal error\n");
      }
    }
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    response.write(true, ByteBuffer.wrap(reply.body()), callback);
    return true;
  }
}
