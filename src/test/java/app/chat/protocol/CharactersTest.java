package app.chat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CharactersTest {

    @Test
    void nulAndUnpairedSurrogatesCannotBeStored() {
        assertFalse(Characters.isStorable("a\0b"));
        assertFalse(Characters.isStorable("a\uD800"));
        assertFalse(Characters.isStorable("\uDC00a"));
        assertTrue(Characters.isStorable("ok 😀 ünïcödé"));
    }

    @Test
    void plainTextIsStorableAndFreeOfControlCharacters() {
        assertTrue(Characters.isPlain("alice@example.com ✓"));
        assertFalse(Characters.isPlain("bob\u001b[2J"));
        assertFalse(Characters.isPlain("a\uD800"));
    }

    @Test
    void whiteSpaceZeroWidthAndDirectionMarksAloneAreNotVisible() {
        assertFalse(Characters.hasVisible(" \t\n\u00A0\u2003"));
        assertFalse(Characters.hasVisible("\u200B\u200C\u200D\u2060\uFEFF"));
        assertFalse(Characters.hasVisible("\u202E\u2066\u2069\u200F"));
        assertFalse(Characters.hasVisible("\u3164\u115F\u2800"));
        assertFalse(Characters.hasVisible("\uFE0F\u0301"));
    }

    @Test
    void lettersEmojiAndSymbolsAreVisible() {
        assertTrue(Characters.hasVisible("\u200Bx"));
        assertTrue(Characters.hasVisible("👩\u200D💻"));
        assertTrue(Characters.hasVisible("\uD83E\uDEE0")); // melting face, newer than the JDK's tables
        assertTrue(Characters.hasVisible("."));
    }

    @Test
    void hiddenCharactersAreRemovedFromNames() {
        assertEquals("Alice", Characters.withoutHidden("\u202EAli\u200Bce\u0007 "));
        assertEquals("👩\u200D💻 Dev", Characters.withoutHidden("👩\u200D💻 Dev"));
        assertEquals("", Characters.withoutHidden("\u2066\u2069"));
    }
}
