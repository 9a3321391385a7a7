package org.nipcgateway.streaming;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import org.nipcgateway.core.nipc.dataapp.DataApp;

/**
 * {@code websocket} data apps: the gateway connects to the app's ws/wss URI with the registered
 * headers and sends each batch as a binary frame. A closed or failed connection is opened again
 * with the next batch (the queue's retries pace the attempts).
 */
final class WebSocketDestination implements Destination {
  private final WebSocketClient client;
  private final WebSocketConnectOptions connect;
  private Future<WebSocket> socket;

  WebSocketDestination(Vertx vertx, DataApp app) {
    URI target = URI.create(app.registration().path("websocket").path("URI").asText());
    this.client =
        vertx.createWebSocketClient(
            HttpDestinations.webSocket(target, app.registration().path("websocket")));
    MultiMap headers = HttpDestinations.headers(app.secrets());
    this.connect = new WebSocketConnectOptions().setAbsoluteURI(target.toString());
    headers.forEach(h -> connect.addHeader(h.getKey(), h.getValue()));
  }

  @Override
  public Future<Void> send(String topic, byte[] batch) {
    return socket().compose(ws -> ws.writeBinaryMessage(Buffer.buffer(batch)));
  }

  private synchronized Future<WebSocket> socket() {
    if (socket == null || socket.failed()) {
      Future<WebSocket> opening = client.connect(connect);
      opening.onSuccess(
          ws ->
              ws.closeHandler(
                  v -> {
                    synchronized (this) {
                      if (socket == opening) {
                        socket = null;
                      }
                    }
                  }));
      socket = opening;
    }
    return socket;
  }

  @Override
  public synchronized Future<Void> close() {
    Future<WebSocket> open = socket;
    socket = null;
    Future<Void> goingAway =
        open != null && open.succeeded()
            ? open.result().close((short) 1001, "gateway stopping")
            : Future.succeededFuture();
    return goingAway.transform(v -> client.close());
  }
}
