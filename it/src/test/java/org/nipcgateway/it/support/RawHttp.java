package org.nipcgateway.it.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request as raw HTTP/1.1 over a socket: the JDK's client refuses to send what attackers
 * send (broken percent escapes, control characters), so tests of such requests need this.
 */
public final class RawHttp {
  private RawHttp() {}

  /**
   * @param head the request line and headers, each ending in CRLF, without the blank line; {@code
   *     Connection: close} is added
   * @return the whole answer, status line first
   */
  public static String send(int port, String head) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      var out = socket.getOutputStream();
      out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** The body of an answer: what follows the blank line after the headers. */
  public static String body(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    return end < 0 ? "" : answer.substring(end + 4);
  }
}
