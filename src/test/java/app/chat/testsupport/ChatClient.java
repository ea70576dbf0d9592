package app.chat.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A WebSocket client that speaks the chat protocol as a real client does, for integration tests.
 * Everything the server sends is kept, in arrival order, and tests wait for what they expect.
 */
public final class ChatClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);
    /** wss:// only ever reaches test servers with their own self-signed certificates. */
    private static final HttpClient HTTP =
            HttpClient.newBuilder().sslContext(TrustAnyCertificate.context()).build();

    /** The three ways a client may present its token in the handshake. */
    public enum Carrier {
        SUBPROTOCOL,
        AUTHORIZATION_HEADER,
        QUERY_PARAMETER
    }

    private final List<JsonObject> inbox = new ArrayList<>();
    /** How many events each frame received so far held, in arrival order. */
    private final List<Integer> eventsPerFrame = new ArrayList<>();

    private volatile boolean reading = true;
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicInteger refs = new AtomicInteger();
    private final ContractCheck contract = new ContractCheck();
    private final WebSocket socket;

    private ChatClient(WebSocket.Builder builder, URI uri) {
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static ChatClient connect(URI ws, String token) {
        return connect(ws, token, Carrier.SUBPROTOCOL, Map.of());
    }

    /** Offers {@code chat.v2} before {@code chat.v1}: events may then arrive several to a frame, one per line. */
    public static ChatClient connectWithLines(URI ws, String token) {
        return new ChatClient(
                HTTP.newWebSocketBuilder().connectTimeout(WAIT).subprotocols("chat.v2", "chat.v1", "bearer." + token),
                ws);
    }

    public static ChatClient connect(URI ws, String token, Carrier carrier, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        URI uri = ws;
        switch (carrier) {
            case SUBPROTOCOL -> builder.subprotocols("chat.v1", "bearer." + token);
            case AUTHORIZATION_HEADER ->
                builder.header("Authorization", "Bearer " + token).subprotocols("chat.v1");
            case QUERY_PARAMETER -> uri = URI.create(ws + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        }
        return new ChatClient(builder, uri);
    }

    /** The HTTP status the server refused the handshake with, or fails if it was accepted. */
    public static int refusedStatus(URI ws, String token, Carrier carrier, Map<String, String> headers) {
        try (ChatClient accepted = connect(ws, token, carrier, headers)) {
            return fail("the handshake was accepted");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** A request frame: {@code frame("join", "room", "general")}; values may be strings, numbers or booleans. */
    public static JsonObjectBuilder frame(String type, Object... fieldsAndValues) {
        JsonObjectBuilder frame = Json.createObjectBuilder().add("type", type);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            String field = (String) fieldsAndValues[i];
            Object value = fieldsAndValues[i + 1];
            if (value instanceof String text) {
                frame.add(field, text);
            } else if (value instanceof Boolean flag) {
                frame.add(field, flag);
            } else if (value instanceof Number number) {
                frame.add(field, number.longValue());
            } else {
                throw new IllegalArgumentException("unsupported value " + value);
            }
        }
        return frame;
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** How many events each frame received so far held (always 1 under {@code chat.v1}). */
    public List<Integer> eventsPerFrame() {
        synchronized (inbox) {
            return List.copyOf(eventsPerFrame);
        }
    }

    public void sendRaw(String text) {
        contract.sent(text);
        socket.sendText(text, true).join();
    }

    /** Sends one text message as several frames (continuations), each as soon as the previous is out. */
    public void sendFragmented(List<String> parts) {
        contract.sent(String.join("", parts));
        for (int i = 0; i < parts.size(); i++) {
            socket.sendText(parts.get(i), i == parts.size() - 1).join();
        }
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /** Sends a request with a fresh ref and returns the server's answer to it (result or error). */
    public JsonObject request(JsonObjectBuilder request) {
        String ref = "r" + refs.incrementAndGet();
        sendRaw(request.add("ref", ref).build().toString());
        return await(event -> ref.equals(event.getString("ref", null)));
    }

    /** Like {@link #request} but the answer must not be an error. */
    public JsonObject ok(JsonObjectBuilder request) {
        JsonObject answer = request(request);
        if ("error".equals(answer.getString("type"))) {
            fail("expected success, got " + answer);
        }
        return answer;
    }

    public JsonObject join(String room) {
        return ok(Json.createObjectBuilder().add("type", "join").add("room", room));
    }

    /** Posts in a room and returns the ack. */
    public JsonObject post(String room, String content) {
        JsonObject ack = ok(Json.createObjectBuilder()
                .add("type", "message")
                .add("room", room)
                .add("content", content));
        assertEquals("ack", ack.getString("type"));
        return ack;
    }

    public JsonObject dm(String to, String content) {
        JsonObject ack =
                ok(Json.createObjectBuilder().add("type", "dm").add("to", to).add("content", content));
        assertEquals("ack", ack.getString("type"));
        return ack;
    }

    /** A {@code watch} request for exactly these people. */
    public static JsonObjectBuilder watchFrame(String... users) {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        for (String user : users) {
            ids.add(user);
        }
        return Json.createObjectBuilder().add("type", "watch").add("users", ids);
    }

    /** Watches exactly these people from now on; returns the {@code watching} answer. */
    public JsonObject watch(String... users) {
        JsonObject answer = ok(watchFrame(users));
        assertEquals("watching", answer.getString("type"));
        return answer;
    }

    /**
     * Watches people who are signing in right now: asks again until the server knows them all (a
     * raw handshake returns before the server has recorded its user).
     */
    public JsonObject watchOnceKnown(String... users) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject answer = watch(users);
        while (answer.containsKey("unknown") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            answer = watch(users);
        }
        if (answer.containsKey("unknown")) {
            fail("the server never knew " + answer.get("unknown"));
        }
        return answer;
    }

    /**
     * Watches someone who is signing in, and returns once this connection knows them online: from
     * the answer, or from the presence event when their arrival had not reached the server's
     * picture yet (a raw handshake, another instance).
     */
    public void watchUntilOnline(String user) {
        boolean online =
                watchOnceKnown(user).getJsonArray("users").getJsonObject(0).getBoolean("online");
        if (!online) {
            await(event -> event.getString("type").equals("presence")
                    && event.getString("user").equals(user)
                    && event.getBoolean("online"));
        }
    }

    /** Waits for, and consumes, the first event (already received or still to come) that matches. */
    public JsonObject await(Predicate<JsonObject> match) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (inbox) {
            while (true) {
                for (int i = 0; i < inbox.size(); i++) {
                    if (match.test(inbox.get(i))) {
                        return inbox.remove(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return fail("no matching event within " + WAIT + "; received " + inbox);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(inbox, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return fail("interrupted");
                }
            }
        }
    }

    public JsonObject awaitType(String type) {
        return await(event -> type.equals(event.getString("type")));
    }

    /** Waits a while and asserts that no matching event arrived. */
    public void assertNothing(Predicate<JsonObject> match, Duration during) {
        try {
            Thread.sleep(during.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (inbox) {
            inbox.stream().filter(match).findFirst().ifPresent(event -> fail("unexpected event " + event));
        }
    }

    public List<JsonObject> received() {
        synchronized (inbox) {
            return List.copyOf(inbox);
        }
    }

    /** Close code 1006 (abnormal closure): the connection ended without a close frame. */
    public static final int CLOSED_WITHOUT_CLOSE_FRAME = 1006;

    /** The close code the server closed the connection with, or 1006 when it sent none. */
    public int awaitClose() {
        return awaitClose(WAIT);
    }

    public int awaitClose(Duration patience) {
        return closeWithin(patience)
                .orElseGet(() -> fail("the server did not close the connection within " + patience.toSeconds()
                        + " s (input closed: " + socket.isInputClosed() + ", output closed: "
                        + socket.isOutputClosed() + ", " + received().size() + " events received)"));
    }

    /** The close code, if the connection closes within the time; empty if it does not. */
    public OptionalInt closeWithin(Duration patience) {
        try {
            return OptionalInt.of(closeCode.get(patience.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return OptionalInt.empty();
        } catch (Exception e) {
            return fail("waiting for the close failed: " + e);
        }
    }

    /** Behaves like a client that stopped reading: nothing more is taken off the socket. */
    public void stopReading() {
        reading = false;
    }

    public boolean isOpen() {
        return !closeCode.isDone() && !socket.isInputClosed();
    }

    /** Closes the connection, then fails if a frame on it broke docs/asyncapi.yaml. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
        contract.assertKept();
    }

    private final class Listener extends WholeTextListener {

        @Override
        protected void onMessage(WebSocket webSocket, String text) {
            // chat.v2 puts the events waiting together in one frame, one per line; chat.v1 never does.
            boolean lines = "chat.v2".equals(webSocket.getSubprotocol());
            List<JsonObject> events = new ArrayList<>();
            for (String line : lines ? text.split("\n") : new String[] {text}) {
                if (lines) {
                    contract.received(line);
                } else {
                    contract.receivedUnderOneEventPerFrame(line);
                }
                events.add(Json.createReader(new StringReader(line)).readObject());
            }
            synchronized (inbox) {
                inbox.addAll(events);
                eventsPerFrame.add(events.size());
                inbox.notifyAll();
            }
        }

        @Override
        protected boolean keepReading() {
            return reading;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        /** The connection ended without a close frame: what browsers report as 1006. */
        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(CLOSED_WITHOUT_CLOSE_FRAME);
        }
    }
}
