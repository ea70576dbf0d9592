package app.chat.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's network: a couple of Netty event loops shared by every connection. The
 * generator runs on the same two cores as the server, so it must spend as little CPU per frame as
 * it can; the JDK's WebSocket client cost several times more than the server's own work.
 */
final class Network implements AutoCloseable {

    private final EventLoopGroup loops;
    private final Bootstrap bootstrap;

    Network(int threads) {
        boolean epoll = Epoll.isAvailable();
        loops = new MultiThreadIoEventLoopGroup(
                threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        bootstrap = new Bootstrap()
                .group(loops)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    }

    /** A fresh bootstrap for one connection (bootstraps are not to be shared while configured). */
    Bootstrap bootstrap() {
        return bootstrap.clone();
    }

    @Override
    public void close() {
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
