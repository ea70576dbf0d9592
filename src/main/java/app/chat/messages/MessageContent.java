package app.chat.messages;

import app.chat.protocol.Characters;
import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;

/**
 * What a message may contain. Content is stored and returned exactly as sent, so this only refuses
 * what cannot be a message or cannot be stored faithfully: rendering safely is the client's job.
 */
public final class MessageContent {

    /** In Unicode code points, as a person counts characters (an emoji is one). */
    public static final int MAX_LENGTH = 4000;

    private MessageContent() {}

    public static String check(String content) {
        if (!Characters.hasVisible(content)) {
            throw new RequestRejected(
                    ErrorCode.BAD_REQUEST, "content must not be empty or only white space and invisible characters");
        }
        if (content.codePointCount(0, content.length()) > MAX_LENGTH) {
            throw new RequestRejected(ErrorCode.TOO_LARGE, "content is longer than " + MAX_LENGTH + " characters");
        }
        if (!Characters.isStorable(content)) {
            // PostgreSQL text cannot hold either: refusing beats silently altering the message.
            throw new RequestRejected(
                    ErrorCode.BAD_REQUEST, "content must not contain the NUL character or unpaired surrogates");
        }
        return content;
    }
}
