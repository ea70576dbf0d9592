package app.chat.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One benchmark connection: a Netty WebSocket client that hands every event to a callback on its
 * event loop, each line of a frame on its own when the server chose {@code chat.v2}. The token
 * travels in the subprotocol header, as browsers send it.
 */
final class Client {

    private static final int MAX_MESSAGE_BYTES = 1 << 20;

    private final Channel channel;

    private Client(Channel channel) {
        this.channel = channel;
    }

    /**
     * @param subprotocols offered before the token, comma-separated: {@code chat.v2,chat.v1} or {@code chat.v1}
     */
    static CompletableFuture<Client> open(
            Network network, URI uri, String subprotocols, String token, Consumer<String> onText) {
        CompletableFuture<Client> opened = new CompletableFuture<>();
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .subprotocol(token == null ? null : subprotocols + ",bearer." + token)
                .generateOriginHeader(false)
                .handshakeTimeoutMillis(30_000)
                .maxFramePayloadLength(MAX_MESSAGE_BYTES)
                .build();
        network.bootstrap()
                .remoteAddress(uri.getHost(), uri.getPort())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(
                                        new HttpClientCodec(),
                                        new HttpObjectAggregator(8192),
                                        new WebSocketClientProtocolHandler(config),
                                        new WebSocketFrameAggregator(MAX_MESSAGE_BYTES),
                                        new Receiver(opened, onText));
                    }
                })
                .connect()
                .addListener(connecting -> {
                    if (!connecting.isSuccess()) {
                        opened.completeExceptionally(connecting.cause());
                    }
                });
        return opened;
    }

    void send(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text), channel.voidPromise());
    }

    /** Drops the connection without a closing handshake, as a lost network would. */
    void abort() {
        channel.close();
    }

    private static final class Receiver extends SimpleChannelInboundHandler<TextWebSocketFrame> {

        private final CompletableFuture<Client> opened;
        private final Consumer<String> onText;
        private boolean lines;

        Receiver(CompletableFuture<Client> opened, Consumer<String> onText) {
            this.opened = opened;
            this.onText = onText;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                lines = "chat.v2"
                        .equals(context.pipeline()
                                .get(WebSocketClientProtocolHandler.class)
                                .handshaker()
                                .actualSubprotocol());
                opened.complete(new Client(context.channel()));
            } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                opened.completeExceptionally(new TimeoutException("no handshake answer"));
            }
            super.userEventTriggered(context, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, TextWebSocketFrame frame) {
            String text = frame.text();
            if (!lines) {
                onText.accept(text);
                return;
            }
            int start = 0;
            for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
                onText.accept(text.substring(start, end));
                start = end + 1;
            }
            onText.accept(start == 0 ? text : text.substring(start));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            opened.completeExceptionally(cause);
            context.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) throws Exception {
            opened.completeExceptionally(new ClosedChannelException());
            super.channelInactive(context);
        }
    }
}
