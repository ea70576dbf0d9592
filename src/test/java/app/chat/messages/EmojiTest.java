package app.chat.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.chat.protocol.RequestRejected;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmojiTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "👍", // a symbol
                "👍🏽", // with a skin tone
                "❤️", // with a variation selector
                "👩‍👩‍👧", // people joined into a family
                "🇫🇷", // a flag of regional indicators
                "🏴󠁧󠁢󠁳󠁣󠁴󠁿", // a flag of tags
                "1️⃣", // a keycap
                "‼️",
                "↔️"
            })
    void oneEmojiIsAReaction(String emoji) {
        assertEquals(emoji, Emoji.check(emoji));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+1", "a", "1", "👍 ", "<b>👍</b>", "👍\u0000", "\u200D", "\uFE0F"})
    void wordsMarkupAndLoneModifiersAreNot(String notEmoji) {
        assertThrows(RequestRejected.class, () -> Emoji.check(notEmoji));
    }

    @ParameterizedTest
    @ValueSource(ints = {Emoji.MAX_LENGTH / 2 + 1})
    void aSequenceLongerThanAnyEmojiIsNot(int symbols) {
        assertThrows(RequestRejected.class, () -> Emoji.check("👍".repeat(symbols)));
    }
}
