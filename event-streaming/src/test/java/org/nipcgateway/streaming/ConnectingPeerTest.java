package org.nipcgateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ConnectingPeerTest {
  @Test
  void the_remote_ip_address_is_read_from_a_netty_channel_description() {
    assertThat(ConnectingPeer.addressOf("[id: 0x5a1c2f3e, L:/127.0.0.1:8883 - R:/127.0.0.2:50412]"))
        .contains("127.0.0.2");
    assertThat(ConnectingPeer.addressOf("[id: 0x5a1c2f3e, L:/[::1]:8883 ! R:/[0:0:0:0:0:0:0:1]:5]"))
        .contains("0:0:0:0:0:0:0:1");
    assertThat(ConnectingPeer.addressOf("[id: 0x5a1c2f3e, L:/10.0.0.1:1883 - R:host/10.0.0.9:7]"))
        .contains("10.0.0.9");
  }

  @Test
  void no_address_is_made_up_from_a_description_without_one() {
    assertThat(ConnectingPeer.addressOf(null)).isEmpty();
    assertThat(ConnectingPeer.addressOf("[id: 0x5a1c2f3e]")).isEmpty();
    assertThat(ConnectingPeer.addressOf("[id: 0x5a1c2f3e, L:embedded - R:embedded]")).isEmpty();
    assertThat(ConnectingPeer.addressOf("[id: 0x5a1c2f3e, L:/1.2.3.4:1 - R:/not-an-ip:2]"))
        .isEmpty();
  }

  /** Pins the format of the Netty on the class path, which Moquette's MDC value comes from. */
  @Test
  void the_description_of_a_connected_netty_channel_names_its_peer() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Channel channel =
          new Bootstrap()
              .group(group)
              .channel(NioSocketChannel.class)
              .handler(new ChannelInboundHandlerAdapter())
              .connect(server.getLocalSocketAddress())
              .sync()
              .channel();
      assertThat(ConnectingPeer.addressOf(channel.toString()))
          .contains(InetAddress.getLoopbackAddress().getHostAddress());
      channel.close().sync();
    } finally {
      group.shutdownGracefully().sync();
    }
  }
}
