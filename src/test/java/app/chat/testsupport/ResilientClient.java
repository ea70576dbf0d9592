package app.chat.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A client that behaves as the protocol asks a real one to: it keeps a cursor (the last message id
 * received), resumes from it after every reconnect, sends with client ids and resends whatever was
 * not acknowledged, and drops repeated ids. Used by the fault test, which cuts its connections and
 * kills its server.
 */
public final class ResilientClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String user;
    private final Supplier<URI> server;
    private final String token;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    // All guarded by this.
    private WebSocket socket;
    /** The JDK client allows one send at a time: each send waits for the one before. */
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private boolean closed;
    private long cursor;
    private final Map<Long, JsonObject> received = new LinkedHashMap<>();
    private int repeatedDeliveries;
    private final Map<String, String> unacknowledged = new LinkedHashMap<>();
    private final Map<String, Long> acknowledged = new HashMap<>();
    private int reconnects;
    private final ContractCheck contract = new ContractCheck();

    public ResilientClient(String user, Supplier<URI> server) {
        this.user = user;
        this.server = server;
        this.token = TestTokens.forUser(user)
                .expiresAt(java.time.Instant.now().plus(Duration.ofHours(1)))
                .sign();
        connect();
    }

    public String user() {
        return user;
    }

    /** Sends a message or DM frame (without ref or client id); it is retried until acknowledged. */
    public synchronized String send(jakarta.json.JsonObjectBuilder request) {
        String clientId = UUID.randomUUID().toString();
        String frame =
                request.add("client_id", clientId).add("ref", clientId).build().toString();
        unacknowledged.put(clientId, frame);
        if (socket != null) {
            transmit(socket, frame);
        }
        return clientId;
    }

    /** Must hold the lock. */
    private void transmit(WebSocket webSocket, String frame) {
        contract.sent(frame);
        sending = sending.exceptionally(ignored -> null).thenCompose(done -> webSocket.sendText(frame, true));
    }

    /** Cuts the connection abruptly, as a network failure would; the client reconnects by itself. */
    public void cut() {
        WebSocket current;
        synchronized (this) {
            current = socket;
        }
        if (current != null) {
            // abort() silences the listener, so the loss is reported here.
            current.abort();
            lost(current);
        }
    }

    public synchronized boolean allAcknowledged() {
        return unacknowledged.isEmpty();
    }

    public synchronized Map<String, Long> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    public synchronized Map<Long, JsonObject> received() {
        return new LinkedHashMap<>(received);
    }

    public synchronized int repeatedDeliveries() {
        return repeatedDeliveries;
    }

    @Override
    public synchronized String toString() {
        return user + (socket == null ? " (disconnected)" : " (connected)") + ", cursor " + cursor + ", "
                + unacknowledged.size() + " unacknowledged, " + received.size() + " received";
    }

    public synchronized int reconnects() {
        return reconnects;
    }

    private void connect() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        long resumeFrom;
        synchronized (this) {
            resumeFrom = cursor;
        }
        // Resuming in the handshake: the replay comes before any live event on the new connection.
        HTTP.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .subprotocols("chat.v1", "bearer." + token)
                .buildAsync(URI.create(server.get() + "?after=" + resumeFrom), new Listener())
                .whenComplete((webSocket, failure) -> {
                    if (failure != null) {
                        timer.schedule(this::connect, 200, TimeUnit.MILLISECONDS);
                        return;
                    }
                    onOpen(webSocket);
                });
    }

    private synchronized void onOpen(WebSocket webSocket) {
        if (socket != null || closed) {
            webSocket.abort(); // a second attempt that also got through: one connection is enough
            return;
        }
        socket = webSocket;
        sending = CompletableFuture.completedFuture(null);
        reconnects++;
        for (String frame : unacknowledged.values()) {
            transmit(webSocket, frame);
        }
    }

    private void lost(WebSocket webSocket) {
        synchronized (this) {
            if (socket != webSocket) {
                return;
            }
            socket = null;
        }
        timer.schedule(this::connect, 100, TimeUnit.MILLISECONDS);
    }

    private synchronized void handle(JsonObject event) {
        switch (event.getString("type")) {
            case "message", "dm" -> {
                long id = event.getJsonNumber("id").longValue();
                if (received.putIfAbsent(id, event) != null) {
                    repeatedDeliveries++;
                }
                cursor = Math.max(cursor, id);
            }
            case "resumed" ->
                cursor = Math.max(cursor, event.getJsonNumber("cursor").longValue());
            case "ack" -> {
                String clientId = event.getString("client_id");
                unacknowledged.remove(clientId);
                acknowledged.put(clientId, event.getJsonNumber("id").longValue());
            }
            case "error" -> {
                String ref = event.getString("ref", null);
                if (ref == null || "resume".equals(ref)) {
                    // The handshake's replay (or a retry of it) failed: ask again.
                    timer.schedule(this::resumeAgain, 300, TimeUnit.MILLISECONDS);
                }
                String frame = ref == null ? null : unacknowledged.get(ref);
                if (frame != null) {
                    timer.schedule(() -> resend(frame), 300, TimeUnit.MILLISECONDS);
                }
            }
            default -> {
                // presence, joined and the like do not matter here
            }
        }
    }

    private synchronized void resumeAgain() {
        if (socket != null) {
            transmit(
                    socket,
                    Json.createObjectBuilder()
                            .add("type", "resume")
                            .add("after", cursor)
                            .add("ref", "resume")
                            .build()
                            .toString());
        }
    }

    private synchronized void resend(String frame) {
        if (socket != null && unacknowledged.containsValue(frame)) {
            transmit(socket, frame);
        }
    }

    @Override
    public void close() {
        WebSocket current;
        synchronized (this) {
            closed = true;
            current = socket;
        }
        timer.shutdownNow();
        if (current != null) {
            current.abort();
        }
        contract.assertKept();
    }

    private final class Listener extends WholeTextListener {

        @Override
        protected void onMessage(WebSocket webSocket, String text) {
            contract.received(text);
            handle(Json.createReader(new StringReader(text)).readObject());
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(webSocket);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(webSocket);
        }
    }
}
