package app.chat.protocol;

/**
 * Which characters text from clients and tokens may hold. PostgreSQL cannot store NUL or unpaired
 * surrogates; names and messages that look empty or read backwards on screen are how people are
 * impersonated or confused, so invisible and direction-changing characters are handled here once.
 */
public final class Characters {

    private Characters() {}

    /** Text PostgreSQL stores faithfully: no NUL, no unpaired surrogate. */
    public static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Storable and without control characters: what an identifier (a user id, a token subject) or
     * text echoed back into an error may hold.
     */
    public static boolean isPlain(String text) {
        return isStorable(text) && text.chars().noneMatch(Character::isISOControl);
    }

    /** Whether anything in the text would show on screen: white space and invisible marks alone do not. */
    public static boolean hasVisible(String text) {
        return text.codePoints().anyMatch(Characters::isVisible);
    }

    /**
     * The text without control characters, direction overrides and isolates, and zero-width
     * spaces, trimmed: what a display name may show. Zero-width joiners stay, since emoji sequences
     * and several scripts need them; {@link #hasVisible} still tells whether anything is left.
     */
    public static String withoutHidden(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> !isHidden(c)).forEach(kept::appendCodePoint);
        return kept.toString().strip();
    }

    private static boolean isHidden(int c) {
        return Character.getType(c) == Character.CONTROL
                || c == 0x061C // Arabic letter mark
                || c == 0x200B
                || c == 0x200E
                || c == 0x200F // zero-width space, direction marks
                || (c >= 0x202A && c <= 0x202E) // embeddings and overrides
                || (c >= 0x2060 && c <= 0x2064) // word joiner, invisible operators
                || (c >= 0x2066 && c <= 0x2069) // isolates
                || c == 0xFEFF
                || c == 0x00AD
                || c == 0x180E;
    }

    private static boolean isVisible(int c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return false;
        }
        return switch (Character.getType(c)) {
            // Unassigned code points count as visible: emoji newer than the JDK's Unicode tables are.
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK,
                    Character.SURROGATE -> false;
            // Hangul fillers and the blank Braille pattern render as nothing.
            default ->
                c != 0x115F
                        && c != 0x1160
                        && c != 0x3164
                        && c != 0xFFA0
                        && c != 0x2800
                        && !(c >= 0xFE00 && c <= 0xFE0F)
                        && !(c >= 0xE0100 && c <= 0xE01EF);
        };
    }
}
