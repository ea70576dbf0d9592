package app.chat.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import org.junit.jupiter.api.Test;

class MessageContentTest {

    private static ErrorCode refusal(String content) {
        return assertThrows(RequestRejected.class, () -> MessageContent.check(content))
                .code();
    }

    @Test
    void keepsContentExactlyAsSent() {
        String content = "  *hi*\n<b>there</b>  ";
        assertEquals(content, MessageContent.check(content));
    }

    @Test
    void refusesEmptyAndWhiteSpaceOnlyContent() {
        assertEquals(ErrorCode.BAD_REQUEST, refusal(""));
        assertEquals(ErrorCode.BAD_REQUEST, refusal(" \n\t "));
        assertEquals(ErrorCode.BAD_REQUEST, refusal("\u3000\u2003"));
    }

    @Test
    void refusesContentMadeOnlyOfInvisibleCharacters() {
        assertEquals(ErrorCode.BAD_REQUEST, refusal("\u200B\u200B\u2060"));
        assertEquals(ErrorCode.BAD_REQUEST, refusal("\u202E \u3164"));
    }

    @Test
    void acceptsExactlyTheMaximumLengthInCharacters() {
        assertEquals(4000, MessageContent.check("x".repeat(4000)).length());
        // 4000 emoji are 8000 UTF-16 units but 4000 characters.
        assertEquals(8000, MessageContent.check("😀".repeat(4000)).length());
    }

    @Test
    void refusesOneCharacterMoreAsTooLarge() {
        assertEquals(ErrorCode.TOO_LARGE, refusal("x".repeat(4001)));
    }

    @Test
    void refusesWhatTheDatabaseCannotStoreFaithfully() {
        assertEquals(ErrorCode.BAD_REQUEST, refusal("a\u0000b"));
        assertEquals(ErrorCode.BAD_REQUEST, refusal("broken \uD83D surrogate"));
        assertEquals(ErrorCode.BAD_REQUEST, refusal("late \uDE00"));
    }
}
