package org.nipcgateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nipcgateway.core.security.RouteTable;
import org.nipcgateway.it.support.Reply;
import org.nipcgateway.it.support.ScimClient;
import org.nipcgateway.it.support.SharedGateway;

/** HEAD is GET without the body (RFC 9110 section 9.3.2), wherever GET is answered. */
class HeadRequestTest {
  @RegisterExtension static final SharedGateway gateway = new SharedGateway();

  @Test
  void head_health_answers_like_get_without_a_body() {
    ScimClient anonymous = gateway.running().anonymous();
    Reply get = anonymous.get("/health");
    Reply head = anonymous.send("HEAD", "/health", null);

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.text()).isEmpty();
    assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
  }

  @Test
  void every_get_route_answers_head_with_the_status_get_gets() {
    ScimClient operator = gateway.scim();
    for (RouteTable.Entry route : gateway.running().routes()) {
      if (!route.method().equals(HttpMethod.GET)) {
        continue;
      }
      String path = route.path().replaceAll(":[A-Za-z]+", "x");
      Reply get = operator.get(path);
      Reply head = operator.send("HEAD", path, null);
      assertThat(head.status()).as("HEAD " + path).isEqualTo(get.status());
      assertThat(head.text()).as("HEAD " + path).isEmpty();
    }
  }

  @Test
  void head_is_guarded_like_get() {
    Reply head = gateway.running().anonymous().send("HEAD", "/scim/v2/Devices", null);
    assertThat(head.status()).isEqualTo(401);
  }
}
