package app.chat.testsupport;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;

/**
 * A JDK WebSocket listener that hands over whole text messages: the JDK client may deliver one
 * message in several parts. It asks for the next message unless told to stop reading.
 */
public abstract class WholeTextListener implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            onMessage(webSocket, text);
        }
        if (keepReading()) {
            webSocket.request(1);
        }
        return null;
    }

    protected abstract void onMessage(WebSocket webSocket, String text);

    /** Returning false behaves like a client that stopped reading. */
    protected boolean keepReading() {
        return true;
    }
}
