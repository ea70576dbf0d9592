package app.chat.messages;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;

/**
 * What a reaction may be: one emoji as Unicode writes it (a symbol, with the modifiers, variation
 * selectors, joiners and tags that make up skin tones, families and flags), never words or markup.
 * Checked by character class rather than against an emoji list, so emoji newer than the server's
 * Java are accepted too.
 */
public final class Emoji {

    /** In UTF-16 units: the longest emoji sequences (families, tagged flags) stay well under it. */
    public static final int MAX_LENGTH = 64;

    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int COMBINING_KEYCAP = 0x20E3;

    private Emoji() {}

    public static String check(String emoji) {
        if (emoji.isEmpty() || emoji.length() > MAX_LENGTH || !isEmoji(emoji)) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "\"emoji\" must be one emoji, such as 👍");
        }
        return emoji;
    }

    private static boolean isEmoji(String text) {
        boolean symbol = false;
        boolean keycapBase = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x80) {
                // Digits, # and * only as the base of a keycap (1️⃣); ASCII is otherwise text.
                if (!(Character.isDigit(c) || c == '#' || c == '*')) {
                    return false;
                }
                keycapBase = true;
                continue;
            }
            switch (Character.getType(c)) {
                case Character.OTHER_SYMBOL, Character.MATH_SYMBOL -> symbol = true;
                case Character.MODIFIER_SYMBOL, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> {
                    if (c == COMBINING_KEYCAP) {
                        symbol = true;
                    }
                }
                case Character.FORMAT -> {
                    if (c != ZERO_WIDTH_JOINER && !isTag(c)) {
                        return false;
                    }
                }
                // ‼ ⁉ 〰 〽: punctuation in Unicode, emoji with a variation selector.
                default -> {
                    if (c != 0x203C && c != 0x2049 && c != 0x3030 && c != 0x303D) {
                        return false;
                    }
                    symbol = true;
                }
            }
        }
        return symbol && (!keycapBase || text.indexOf(COMBINING_KEYCAP) >= 0);
    }

    /** The tag characters of subdivision flags (🏴󠁧󠁢󠁳󠁣󠁴󠁿). */
    private static boolean isTag(int c) {
        return c >= 0xE0020 && c <= 0xE007F;
    }
}
