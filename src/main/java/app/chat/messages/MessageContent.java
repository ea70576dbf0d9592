package app.chat.messages;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;

/**
 * What a message may contain. Content is stored and returned exactly as sent, so this only refuses
 * what cannot be a message or cannot be stored faithfully: rendering safely is the client's job.
 */
public final class MessageContent {

    /** In Unicode code points, as a person counts characters (an emoji is one). */
    public static final int MAX_LENGTH = 4000;

    private MessageContent() {
    }

    public static String check(String content) {
        if (content.isEmpty() || content.strip().isEmpty()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "content must not be empty or only white space");
        }
        if (content.codePointCount(0, content.length()) > MAX_LENGTH) {
            throw new RequestRejected(ErrorCode.TOO_LARGE, "content is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '\0') {
                // PostgreSQL text cannot hold NUL: refusing beats silently altering the message.
                throw new RequestRejected(ErrorCode.BAD_REQUEST, "content must not contain the NUL character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < content.length() && Character.isLowSurrogate(content.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new RequestRejected(ErrorCode.BAD_REQUEST, "content is not valid Unicode (unpaired surrogate)");
            }
        }
        return content;
    }
}
