package app.chat.baseline;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The benchmark's baseline: the least a WebSocket broadcast can do on the same server (no
 * authentication, no storage, no ordering, no queues). The product's fanout figures are reported as a
 * ratio of this one's.
 */
@ServerEndpoint("/broadcast")
public class Broadcast {

    @OnOpen
    public void open(Session session) {
        // Tyrus keeps the endpoint's open sessions; nothing to track here.
    }

    @OnMessage
    public void message(String text, Session session) {
        for (Session peer : session.getOpenSessions()) {
            peer.getAsyncRemote().sendText(text);
        }
    }

    @OnClose
    public void close(Session session) {
        // nothing held
    }
}
