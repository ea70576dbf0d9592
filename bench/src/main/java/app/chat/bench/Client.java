package app.chat.bench;

import app.chat.testsupport.WholeTextListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One benchmark connection: the JDK's WebSocket client, handing every text frame to a callback on
 * the client's own thread. Sends are chained, since the JDK client allows one at a time.
 */
final class Client {

    private final WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private Client(WebSocket socket) {
        this.socket = socket;
    }

    static CompletableFuture<Client> open(HttpClient http, URI uri, String token, Consumer<String> onText) {
        var builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.subprotocols("chat.v1", "bearer." + token);
        }
        return builder.buildAsync(uri, new WholeTextListener() {
            @Override
            protected void onMessage(WebSocket webSocket, String text) {
                onText.accept(text);
            }
        }).thenApply(Client::new);
    }

    synchronized void send(String text) {
        sending = sending.exceptionally(e -> null).thenCompose(done -> socket.sendText(text, true));
    }

    void abort() {
        socket.abort();
    }
}
